package io.onegrid.sample.brightkitchen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One camera message: topic {@code onegrid/{townCode}/kitchen/{cameraCode}/event}, payload
 * {@code {"ts":"2026-07-01T08:00:00+08:00","type":"NO_MASK","confidence":0.93,"snapshot":"https://..."}} ({@code ts}
 * may also be epoch milliseconds; {@code snapshot} is optional, at most 500 characters).
 *
 * <p>Only the shape is checked here; whether the camera is known and the values plausible is the service's call.
 */
record EventMessage(String townCode, String cameraCode, Instant ts, EventType type, double confidence,
        String snapshot) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message of the wrong shape, with what is wrong. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static EventMessage parse(String topic, byte[] payload) throws Malformed {
        String[] t = topic.split("/", -1);
        if (t.length != 5 || !"onegrid".equals(t[0]) || !"kitchen".equals(t[2]) || !"event".equals(t[4])
                || t[1].isEmpty() || t[3].isEmpty()) {
            throw new Malformed("topic is not onegrid/{townCode}/kitchen/{cameraCode}/event");
        }
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Malformed("not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new Malformed("not a JSON object");
        }
        JsonNode ts = n.get("ts");
        Instant at;
        if (ts != null && ts.isIntegralNumber()) {
            at = Instant.ofEpochMilli(ts.asLong());
        } else if (ts != null && ts.isTextual()) {
            try {
                at = OffsetDateTime.parse(ts.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Malformed("ts is not an ISO-8601 time with offset: " + ts.asText());
            }
        } else {
            throw new Malformed("ts missing (ISO-8601 time with offset, or epoch milliseconds)");
        }
        JsonNode type = n.get("type");
        if (type == null || !type.isTextual()) {
            throw new Malformed("type missing");
        }
        EventType kind = EventType.of(type.asText()).orElseThrow(() -> new Malformed("unknown type '"
                + abbreviate(type.asText()) + "'"));
        JsonNode confidence = n.get("confidence");
        if (confidence == null || !confidence.isNumber()) {
            throw new Malformed("confidence missing (a number from 0 to 1)");
        }
        JsonNode snapshot = n.get("snapshot");
        String shot = null;
        if (snapshot != null && !snapshot.isNull()) {
            if (!snapshot.isTextual() || snapshot.asText().length() > 500) {
                throw new Malformed("snapshot is a text of at most 500 characters");
            }
            shot = snapshot.asText();
        }
        return new EventMessage(t[1], t[3], at, kind, confidence.asDouble(), shot);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
