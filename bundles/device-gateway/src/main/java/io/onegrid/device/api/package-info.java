/**
 * The device gateway's building blocks for device plugins: the SL 651-2014 hydrology telemetry frame codec, the
 * device registry (who reports, when last, online or not) with counted rejections, and MQTT consumers whose broker,
 * credentials and TLS come from configuration ({@code io.onegrid.device.mqtt}). Plugins depend on these types, never
 * on Camel: the gateway owns the Camel context and its routes.
 */
@Export
@Version("1.1.0")
package io.onegrid.device.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
