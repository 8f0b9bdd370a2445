package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.RejectReason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry on Derby in memory with db/device/V1: upsert, scoped lists, last seen and online, rejections. */
class JdbcDeviceRegistryTest {

    static int db;
    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");

    JdbcDeviceRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:devices" + ++db);
        ds.setCreateDatabase("create");
        for (String file : List.of("V1__devices.sql", "V2__retired.sql", "V3__credentials.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/device/" + file);
                    Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String sql : script.split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
            }
        }
        registry = new JdbcDeviceRegistry(ds, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10),
                Duration.ofSeconds(10));
    }

    static Device device(String code, String region) {
        return new Device(code, "SURFACE_GAUGE", region.substring(0, 9) + "000", region, 117.3, 36.5, "MQTT",
                "flood", null, false);
    }

    @Test
    void registerTwiceUpdatesAndListsAreScoped() {
        registry.register(device("WL-0001", "370399101201001"));
        registry.register(device("WL-0002", "370399101202001"));
        Device moved = registry.register(new Device("WL-0001", "MANHOLE_SENSOR", "370399101000", "370399101201002",
                null, null, "MQTT", "flood", null, false));
        assertEquals("MANHOLE_SENSOR", moved.kind());
        assertNull(moved.lon());
        assertEquals(2, registry.list(Caller.SYSTEM).size());
        Caller grid = new Caller("gridworker2", "g", Caller.Kind.USER, 2L, Set.of(), Set.of(),
                DataScope.ofRegion(RegionCode.parse("370399101202001")));
        assertEquals(List.of("WL-0002"), registry.list(grid).stream().map(Device::code).toList());
        Caller department = new Caller("water1", "w", Caller.Kind.USER, 3L, Set.of(), Set.of(),
                DataScope.ofDepartment("water"));
        assertEquals(List.of(), registry.list(department));
    }

    @Test
    void lastSeenDecidesOnline() {
        registry.register(device("WL-0001", "370399101201001"));
        assertFalse(registry.find("WL-0001").orElseThrow().online(), "never seen");
        registry.seen("WL-0001", NOW.minusSeconds(60));
        Device d = registry.find("WL-0001").orElseThrow();
        assertTrue(d.online());
        assertEquals(NOW.minusSeconds(60), d.lastSeen());
        registry.seen("WL-0001", NOW.minusSeconds(55)); // within the write interval: kept in memory, answered
        assertEquals(NOW.minusSeconds(55), registry.find("WL-0001").orElseThrow().lastSeen());
        registry.register(device("WL-0009", "370399101201001"));
        registry.seen("WL-0009", NOW.minus(Duration.ofMinutes(11)));
        assertFalse(registry.find("WL-0009").orElseThrow().online(), "beyond the heartbeat timeout");
        registry.seen("NOPE", NOW); // unknown codes are ignored
    }

    @Test
    void aKindsOwnHeartbeatTimeoutWinsOverTheGlobalOne() {
        registry.heartbeatTimeouts(JdbcDeviceRegistry.perKind(new String[] {"RIVER_STATION=3600, SURFACE_GAUGE=60",
            "bad", "MANHOLE_SENSOR=-1"}));
        assertEquals(Duration.ofHours(1), registry.heartbeatTimeout("RIVER_STATION"));
        assertEquals(Duration.ofSeconds(60), registry.heartbeatTimeout("SURFACE_GAUGE"));
        assertEquals(Duration.ofMinutes(10), registry.heartbeatTimeout("MANHOLE_SENSOR"), "a bad entry is skipped");
        registry.register(device("WL-0001", "370399101201001"));
        registry.seen("WL-0001", NOW.minusSeconds(120));
        assertFalse(registry.find("WL-0001").orElseThrow().online(), "a gauge is silent after a minute");
        registry.register(new Device("0012345678", "RIVER_STATION", "370399001000", "370399001001001", null, null,
                "SL651", "flood", null, false));
        registry.seen("0012345678", NOW.minusSeconds(1800));
        assertTrue(registry.find("0012345678").orElseThrow().online(), "a river station reports hourly");
    }

    @Test
    void aRetiredDeviceIsNoLongerListedUntilRegisteredAgain() {
        registry.register(device("WL-0001", "370399101201001"));
        assertTrue(registry.retire("WL-0001", NOW));
        assertFalse(registry.retire("WL-0001", NOW), "once");
        assertEquals(List.of(), registry.list(Caller.SYSTEM));
        assertTrue(registry.find("WL-0001").isPresent(), "its history stays");
        registry.register(device("WL-0001", "370399101201001"));
        assertEquals(1, registry.list(Caller.SYSTEM).size());
    }

    @Test
    void rejectionsAreCountedPerReason() {
        registry.reject(RejectReason.MALFORMED, "t", "x");
        registry.reject(RejectReason.MALFORMED, "t", "y");
        registry.reject(RejectReason.BAD_CHECKSUM, "10.0.0.7", "CRC");
        assertEquals(2L, registry.rejections().get(RejectReason.MALFORMED));
        assertEquals(1L, registry.rejections().get(RejectReason.BAD_CHECKSUM));
        assertEquals(0L, registry.rejections().get(RejectReason.OUT_OF_RANGE));
        assertEquals(RejectReason.values().length, registry.rejections().size());
    }
}
