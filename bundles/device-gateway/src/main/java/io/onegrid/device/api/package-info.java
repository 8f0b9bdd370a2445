/**
 * The device gateway's building blocks for device plugins: the SL 651-2014 hydrology telemetry frame codec, the
 * device registry (who reports, when last, online or not) with counted rejections, and MQTT consumers whose broker,
 * credentials and TLS come from configuration ({@code io.onegrid.device.mqtt}). Plugins depend on these types, never
 * on Camel: the gateway owns the Camel context and its routes.
 *
 * <p>Since 1.2: an {@link io.onegrid.device.api.MqttPublisher} on the same broker, pluggable
 * {@link io.onegrid.device.api.PayloadCodec}s found by name through {@link io.onegrid.device.api.PayloadCodecs}, and
 * per-device credentials in the registry ({@link io.onegrid.device.api.DeviceRegistry#setCredentials}).
 */
@Export
@Version("1.2.0")
package io.onegrid.device.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
