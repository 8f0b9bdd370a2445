package io.onegrid.device.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.device.api.DeviceReading;
import io.onegrid.device.api.PayloadCodec;
import io.onegrid.device.api.PayloadException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The "thing model" property report of Chinese IoT platforms (Alibaba Cloud IoT, Huawei IoTDA style):
 * {@code {"id": "123", "params": {"level": {"value": 1.23, "time": 1700000000000}}}}. {@code id} is the message id,
 * not the device: the device is the one of the topic, or else the payload's {@code deviceName}. A property may also
 * be a bare number; the reading's time is the latest {@code time} (epoch milliseconds) of its properties, and a report
 * without any time is refused (the gateway never invents a measurement time).
 */
@Component(service = PayloadCodec.class, property = PayloadCodec.NAME + "=" + ThingModelCodec.NAME)
public final class ThingModelCodec implements PayloadCodec {

    public static final String NAME = "thing-model";

    @Override
    public DeviceReading decode(String deviceCode, byte[] payload) throws PayloadException {
        JsonNode root = JsonPayloads.object(payload);
        String code = deviceCode;
        if ((code == null || code.isBlank()) && root.path("deviceName").isTextual()) {
            code = root.get("deviceName").textValue();
        }
        code = JsonPayloads.deviceCode(code);
        JsonNode params = root.get("params");
        if (params == null || !params.isObject()) {
            throw new PayloadException("no 'params' object");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Instant latest = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String name = OneGridJsonCodec.abbreviate(p.getKey());
            JsonNode v = p.getValue();
            if (v.isObject()) {
                values.put(p.getKey(), JsonPayloads.number(v.get("value"), name + ".value"));
                JsonNode time = v.get("time");
                if (time != null) {
                    if (!time.canConvertToLong() || !time.isIntegralNumber() || time.longValue() < 0) {
                        throw new PayloadException("'" + name + ".time' is not epoch milliseconds");
                    }
                    Instant at = Instant.ofEpochMilli(time.longValue());
                    latest = latest == null || at.isAfter(latest) ? at : latest;
                }
            } else {
                values.put(p.getKey(), JsonPayloads.number(v, name));
            }
        }
        if (values.isEmpty()) {
            throw new PayloadException("'params' is empty");
        }
        if (latest == null) {
            throw new PayloadException("no property has a 'time'");
        }
        return new DeviceReading(code, latest, values);
    }
}
