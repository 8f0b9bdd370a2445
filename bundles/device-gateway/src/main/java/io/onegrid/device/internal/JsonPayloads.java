package io.onegrid.device.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.device.api.PayloadException;
import java.io.IOException;

/** What the gateway's JSON codecs share: strict parsing (duplicate members refused) and a size limit. */
final class JsonPayloads {

    /** Larger than any telemetry message; a bigger payload is refused unread. */
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonPayloads() {
    }

    static JsonNode object(byte[] payload) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException("empty payload");
        }
        if (payload.length > MAX_BYTES) {
            throw new PayloadException("payload of " + payload.length + " bytes, more than " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new PayloadException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PayloadException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("not a JSON object");
        }
        return root;
    }

    /** A finite number, or a rejection naming the member. */
    static double number(JsonNode node, String member) throws PayloadException {
        if (node == null || !node.isNumber()) {
            throw new PayloadException("'" + member + "' is not a number");
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new PayloadException("'" + member + "' is out of range");
        }
        return v;
    }

    static String deviceCode(String given) throws PayloadException {
        if (given == null || given.isBlank()) {
            throw new PayloadException("no device code (it comes from the topic)");
        }
        return given;
    }
}
