package io.onegrid.device.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.device.api.DeviceReading;
import io.onegrid.device.api.PayloadCodec;
import io.onegrid.device.api.PayloadException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * OneGrid's own JSON: {@code {"ts": "2026-07-01T08:00:00+08:00", "level": 1.23}}, i.e. an ISO-8601 time with offset
 * in {@code ts} and every other member a named number. The device is the one of the topic.
 */
@Component(service = PayloadCodec.class, property = PayloadCodec.NAME + "=" + OneGridJsonCodec.NAME)
public final class OneGridJsonCodec implements PayloadCodec {

    public static final String NAME = "onegrid-json";

    @Override
    public DeviceReading decode(String deviceCode, byte[] payload) throws PayloadException {
        String code = JsonPayloads.deviceCode(deviceCode);
        JsonNode root = JsonPayloads.object(payload);
        JsonNode ts = root.get("ts");
        if (ts == null || !ts.isTextual()) {
            throw new PayloadException("no 'ts' (an ISO-8601 time such as 2026-07-01T08:00:00Z)");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(ts.textValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadException("'ts' is not an ISO-8601 time with offset: " + abbreviate(ts.textValue()));
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            if (!member.getKey().equals("ts")) {
                values.put(member.getKey(), JsonPayloads.number(member.getValue(), abbreviate(member.getKey())));
            }
        }
        if (values.isEmpty()) {
            throw new PayloadException("no value besides 'ts'");
        }
        return new DeviceReading(code, at, values);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
