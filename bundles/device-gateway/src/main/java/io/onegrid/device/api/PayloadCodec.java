package io.onegrid.device.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads a device's message payload into a {@link DeviceReading}. A whiteboard service: register one with a
 * {@value #NAME} service property (e.g. {@code onegrid-json}, {@code thing-model}) and plugins find it by that name
 * through {@link PayloadCodecs}. The gateway registers two: {@code onegrid-json}
 * ({@code {"ts": "2026-07-01T08:00:00Z", "level": 1.23}}) and {@code thing-model} (Alibaba / Huawei IoT style
 * {@code {"id": "1", "params": {"level": {"value": 1.23, "time": 1700000000000}}}}).
 *
 * @since 1.2
 */
@ConsumerType
public interface PayloadCodec {

    /** The service property naming a codec. */
    String NAME = "name";

    /**
     * Reads one payload. Implementations are stateless and thread-safe.
     *
     * @param deviceCode the device the transport says sent it (e.g. from its MQTT topic); a codec whose payload
     *                   names the device may use that instead when this is {@code null}
     * @param payload    the raw payload
     * @throws PayloadException when the payload is not of this codec's shape, saying why
     */
    DeviceReading decode(String deviceCode, byte[] payload) throws PayloadException;
}
