package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.device.api.DeviceReading;
import io.onegrid.device.api.PayloadCodec;
import io.onegrid.device.api.PayloadException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two JSON codecs the gateway registers, good and malformed input, and the lookup by name. */
class PayloadCodecsTest {

    final OneGridJsonCodec onegrid = new OneGridJsonCodec();
    final ThingModelCodec thing = new ThingModelCodec();

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneGridJson() throws Exception {
        DeviceReading r = onegrid.decode("WL-0001", json("{\"ts\":\"2026-07-01T08:00:00+08:00\",\"level\":1.23,"
                + "\"battery\":3}"));
        assertEquals("WL-0001", r.deviceCode());
        assertEquals(Instant.parse("2026-07-01T00:00:00Z"), r.timestamp());
        assertEquals(Map.of("level", 1.23, "battery", 3.0), r.values());
        assertEquals(java.util.List.of("level", "battery"), java.util.List.copyOf(r.values().keySet()), "in order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"level\":1.2}", "{\"ts\":\"yesterday\",\"level\":1}",
        "{\"ts\":\"2026-07-01T08:00:00\",\"level\":1}", "{\"ts\":\"2026-07-01T08:00:00Z\"}",
        "{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":\"1.2\"}", "{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":null}",
        "{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":1,\"level\":2}", "{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":1e999}",
        "{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":1", "{\"ts\":1700000000000,\"level\":1}"})
    void oneGridJsonRefusesMalformedInput(String payload) {
        PayloadException e = assertThrows(PayloadException.class, () -> onegrid.decode("WL-0001", json(payload)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void oneGridJsonNeedsTheDeviceAndABoundedPayload() {
        assertTrue(assertThrows(PayloadException.class, () -> onegrid.decode(null,
                json("{\"ts\":\"2026-07-01T08:00:00Z\",\"level\":1}"))).getMessage().contains("no device code"));
        assertTrue(assertThrows(PayloadException.class, () -> onegrid.decode("WL-0001",
                new byte[JsonPayloads.MAX_BYTES + 1])).getMessage().contains("more than"));
        assertTrue(assertThrows(PayloadException.class, () -> onegrid.decode("WL-0001", null)).getMessage()
                .contains("empty"));
    }

    @Test
    void thingModel() throws Exception {
        DeviceReading r = thing.decode("WL-0001", json("{\"id\":\"42\",\"version\":\"1.0\",\"params\":{"
                + "\"level\":{\"value\":1.23,\"time\":1700000000000},\"battery\":{\"value\":87,\"time\":1700000005000},"
                + "\"rssi\":-71},\"method\":\"thing.event.property.post\"}"));
        assertEquals("WL-0001", r.deviceCode());
        assertEquals(Instant.ofEpochMilli(1700000005000L), r.timestamp(), "the latest time");
        assertEquals(Map.of("level", 1.23, "battery", 87.0, "rssi", -71.0), r.values());

        DeviceReading named = thing.decode(null, json("{\"id\":\"1\",\"deviceName\":\"WL-0009\",\"params\":{"
                + "\"level\":{\"value\":0.5,\"time\":1700000000000}}}"));
        assertEquals("WL-0009", named.deviceCode(), "from the payload when the topic says nothing");
        assertEquals("WL-0001", thing.decode("WL-0001", json("{\"id\":\"1\",\"deviceName\":\"WL-0009\",\"params\":{"
                + "\"level\":{\"value\":0.5,\"time\":1700000000000}}}")).deviceCode(), "the topic wins");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"id\":\"1\"}", "{\"id\":\"1\",\"params\":[]}", "{\"id\":\"1\",\"params\":{}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"value\":1.2}}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"time\":1700000000000}}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"value\":\"x\",\"time\":1700000000000}}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"value\":1,\"time\":\"2026-07-01\"}}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"value\":1,\"time\":1.5}}}",
        "{\"id\":\"1\",\"params\":{\"level\":{\"value\":1,\"time\":-1}}}",
        "{\"id\":\"1\",\"params\":{\"level\":true}}", "{\"id\":\"1\",\"params\":{\"level\":1}}", "nope"})
    void thingModelRefusesMalformedInput(String payload) {
        PayloadException e = assertThrows(PayloadException.class, () -> thing.decode("WL-0001", json(payload)));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void codecsAreFoundByNameAndTheHighestRankingWins() {
        PayloadCodecRegistry codecs = new PayloadCodecRegistry();
        codecs.addCodec(onegrid, Map.of(PayloadCodec.NAME, "onegrid-json", "service.id", 1L));
        codecs.addCodec(thing, Map.of(PayloadCodec.NAME, "thing-model", "service.id", 2L));
        codecs.addCodec((code, payload) -> null, Map.of("service.id", 3L)); // no name: ignored
        assertEquals(Set.of("onegrid-json", "thing-model"), codecs.names());
        assertSame(thing, codecs.get("thing-model"));
        assertEquals(Optional.empty(), codecs.find("sl651"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> codecs.get("sl651")).getMessage()
                .contains("onegrid-json"));

        PayloadCodec better = (code, payload) -> null;
        codecs.addCodec(better, Map.of(PayloadCodec.NAME, "thing-model", "service.id", 4L, "service.ranking", 10));
        assertSame(better, codecs.get("thing-model"));
        codecs.removeCodec(better, Map.of(PayloadCodec.NAME, "thing-model"));
        assertSame(thing, codecs.get("thing-model"));
        codecs.removeCodec(thing, Map.of(PayloadCodec.NAME, "thing-model"));
        assertEquals(Set.of("onegrid-json"), codecs.names());
    }
}
