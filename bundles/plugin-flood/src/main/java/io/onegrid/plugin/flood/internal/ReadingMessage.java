package io.onegrid.plugin.flood.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A level reading as published on {@code onegrid/{townCode}/flood/{deviceCode}/level}:
 * {@code {"ts":"2026-07-01T08:00:00+08:00","level":2.41}} (metres). {@code ts} must carry its offset; without
 * {@code ts} the time of arrival counts. Other members are ignored (vendors add battery, signal, ...).
 */
record ReadingMessage(String townCode, String deviceCode, Instant ts, double level) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a message is not a reading; the text goes to the log with the count. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    static ReadingMessage parse(String topic, byte[] payload, Instant now) throws Malformed {
        String[] parts = topic == null ? new String[0] : topic.split("/", -1);
        if (parts.length != 5 || !"onegrid".equals(parts[0]) || !"flood".equals(parts[2])
                || !"level".equals(parts[4]) || parts[1].isEmpty() || parts[3].isEmpty()) {
            throw new Malformed("not a level topic: " + topic);
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Malformed("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Malformed("not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new Malformed("not a JSON object");
        }
        JsonNode level = json.get("level");
        if (level == null || !level.isNumber() || !Double.isFinite(level.asDouble())) {
            throw new Malformed("no numeric \"level\"");
        }
        Instant ts = now;
        JsonNode t = json.get("ts");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) {
                throw new Malformed("\"ts\" is not an ISO-8601 text");
            }
            try {
                ts = OffsetDateTime.parse(t.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Malformed("\"ts\" is not an ISO-8601 time with offset: " + t.asText());
            }
        }
        return new ReadingMessage(parts[1], parts[3], ts, level.asDouble());
    }
}
