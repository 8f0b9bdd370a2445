/**
 * OPC UA subscriptions for device plugins: {@link io.onegrid.device.opcua.api.OpcUaSubscriptions#subscribe} a listener
 * to numeric variables of an OPC UA server and receive their data changes; connection, security, certificates,
 * credentials and reconnection are the gateway's business ({@code io.onegrid.device.opcua}). Plugins see these types
 * only, never Milo's.
 */
@Export
@Version("1.0.0")
package io.onegrid.device.opcua.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
