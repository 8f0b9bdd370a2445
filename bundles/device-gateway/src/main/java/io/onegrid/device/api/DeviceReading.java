package io.onegrid.device.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link PayloadCodec} reads from one message: which device, when it measured, and its named values.
 *
 * @param deviceCode the device code
 * @param timestamp  when the device measured (not when the message arrived)
 * @param values     named measurements, e.g. {@code level → 1.23}; never empty, in the payload's order
 * @since 1.2
 */
public record DeviceReading(String deviceCode, Instant timestamp, Map<String, Double> values) {

    public DeviceReading {
        Objects.requireNonNull(deviceCode, "deviceCode");
        Objects.requireNonNull(timestamp, "timestamp");
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
