package io.onegrid.plugin.flood.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine on Derby in memory (PostgreSQL: {@link PostgresFloodServiceTest}), with the kernel's intake and the
 * device registry faked. */
class FloodServiceTest {

    static final AtomicInteger DB = new AtomicInteger();
    static final String TOPIC = "onegrid/370399101000/flood/WL-0001/level";

    final List<Submission> submitted = new ArrayList<>();
    final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    FloodService flood;
    javax.sql.DataSource ds;

    /** A fresh, empty database. */
    javax.sql.DataSource newDatabase() {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:flood" + DB.incrementAndGet());
        derby.setCreateDatabase("create");
        return derby;
    }

    @org.junit.jupiter.api.AfterEach
    void dropDatabase() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        ds = newDatabase();
        try (InputStream in = FloodServiceTest.class.getResourceAsStream("/db/flood/V1__flood.sql");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0),
                Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC));
        assertTrue(flood.addStation(withoutRiseLimit(DemoStations.STATIONS.get(0))));
        assertFalse(flood.addStation(DemoStations.STATIONS.get(0)), "a station is added once");
    }

    /** The level tests jump by metres in a minute: without a rise limit they see the level rule alone. */
    static Station withoutRiseLimit(Station s) {
        return new Station(s.code(), s.name(), s.kind(), s.townCode(), s.regionCode(), s.lon(), s.lat(),
                s.forecastLevel(), s.warningLevel(), s.guaranteeLevel(), null, null, null, "NO_DATA", 0, s.topic());
    }

    void publish(String time, double level) {
        flood.accept(TOPIC, ("{\"ts\":\"2026-07-01T" + time + "+08:00\",\"level\":" + level + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void risingWaterRaisesOneAlarmAndOneOrderAndFallingWaterClearsIt() {
        publish("08:00:00", 1.2);
        assertEquals(List.of(), flood.store().alarms(DataScope.unrestricted(), true, null, 10));
        publish("08:01:00", 2.3);
        publish("08:02:00", 2.6);
        publish("08:03:00", 3.1);
        List<Alarm> active = flood.store().alarms(DataScope.unrestricted(), true, null, 10);
        assertEquals(1, active.size());
        Alarm a = active.get(0);
        assertEquals("LEVEL", a.type());
        assertEquals("GUARANTEE", a.severity(), "it reached the guarantee level");
        assertEquals(3.1, a.peakLevel());
        assertEquals(3, a.readings());
        assertEquals(1, submitted.size(), "exactly one work order");
        Submission s = submitted.get(0);
        assertEquals("ALARM", s.channel());
        assertEquals("0603", s.category());
        assertEquals("flood-alarm-" + a.id(), s.idempotencyKey());
        assertEquals(117.305, s.location().lon());
        assertEquals(77L, a.workOrderId());
        assertEquals("GUARANTEE", flood.stations(Caller.SYSTEM).get(0).state());
        assertEquals(1, flood.stations(Caller.SYSTEM).get(0).activeAlarms());

        publish("08:04:00", 1.95); // inside the hysteresis band
        assertEquals(1, flood.store().alarms(DataScope.unrestricted(), true, null, 10).size());
        publish("08:05:00", 1.5);
        assertEquals(0, flood.store().alarms(DataScope.unrestricted(), true, null, 10).size());
        Alarm cleared = flood.store().alarm(a.id()).orElseThrow();
        assertEquals("CLEARED", cleared.state());
        assertNotNull(cleared.clearNote());
        assertEquals(1, submitted.size());
        assertEquals(6, flood.store().readings("WL-0001", Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"),
                100).size());
        Station st = flood.stations(Caller.SYSTEM).get(0);
        assertEquals(1.5, st.lastLevel());
        assertEquals("FORECAST", st.state());
        assertEquals(TOPIC, st.topic());
    }

    @Test
    void badMessagesAreCountedAndTheNextGoodOneStillCounts() {
        flood.accept(TOPIC, "garbage{".getBytes(StandardCharsets.UTF_8));
        flood.accept(TOPIC, "{\"ts\":\"yesterday\",\"level\":1}".getBytes(StandardCharsets.UTF_8));
        flood.accept("onegrid/370399101000/flood/NOPE/level", "{\"level\":1}".getBytes(StandardCharsets.UTF_8));
        flood.accept("onegrid/370399001000/flood/WL-0001/level", "{\"level\":1}".getBytes(StandardCharsets.UTF_8));
        flood.accept(TOPIC, "{\"level\":900}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of(RejectReason.MALFORMED, 2, RejectReason.UNKNOWN_DEVICE, 2, RejectReason.OUT_OF_RANGE, 1),
                rejected);
        publish("08:00:00", 2.5);
        assertEquals(1, submitted.size());
    }

    @Test
    void aRepeatedReadingIsStoredOnce() {
        publish("08:00:00", 2.5);
        publish("08:00:00", 2.5);
        assertEquals(1, flood.store().readings("WL-0001", Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"),
                100).size());
        assertEquals(1, flood.store().alarms(DataScope.unrestricted(), false, null, 10).get(0).readings());
    }

    @Test
    void acknowledgeOnceWithinScope() {
        publish("08:00:00", 2.5);
        long id = flood.store().alarms(DataScope.unrestricted(), true, null, 10).get(0).id();
        Caller other = caller("370399101202001");
        assertEquals(404, assertProblem(() -> flood.acknowledge(other, id)));
        Caller worker = caller("370399101201001");
        assertEquals(0, flood.stations(other).size());
        assertEquals(1, flood.stations(worker).size());
        Alarm acked = flood.acknowledge(worker, id);
        assertEquals("ACKNOWLEDGED", acked.state());
        assertEquals("gridworker1", acked.acknowledgedBy());
        assertEquals(409, assertProblem(() -> flood.acknowledge(worker, id)));
        publish("08:01:00", 2.7);
        assertEquals("ACKNOWLEDGED", flood.store().alarm(id).orElseThrow().state(), "a repeat keeps the state");
    }

    @Test
    void anActiveAlarmSurvivesARestartWithoutASecondOrder() {
        publish("08:00:00", 2.5);
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0), Clock.systemUTC());
        publish("08:01:00", 2.6);
        assertEquals(1, flood.store().alarms(DataScope.unrestricted(), false, null, 10).size());
        assertEquals(1, submitted.size());
        publish("08:02:00", 1.0);
        assertEquals(0, flood.store().alarms(DataScope.unrestricted(), true, null, 10).size());
    }

    @Test
    void rateOfRiseRaisesItsOwnAlarm() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE og_flood_station SET rise_limit = 0.5");
        }
        publish("08:00:00", 1.0);
        publish("08:10:00", 1.3); // 1.8 m/h, limit 0.5
        List<Alarm> active = flood.store().alarms(DataScope.unrestricted(), true, null, 10);
        assertEquals(1, active.size());
        assertEquals("RISE", active.get(0).type());
        assertNull(flood.store().active("WL-0001", "LEVEL").orElse(null));
    }

    @Test
    void sl651FramesFeedTheirRiverStation() throws Exception {
        assertTrue(flood.addStation(DemoStations.STATIONS.get(3)));
        Sl651Readings sl651 = new Sl651Readings(flood, registry());
        // DOMAIN.md's test vector: station 0012345678, Z = 0.127 m observed 2059-10-11 15:49 (station time, +08:00)
        sl651.frame(io.onegrid.device.api.Sl651Codec.decodeHex("7E7E010012345678123430002B020003591011154947F1F1"
                + "001234567848F0F0591011154920190000052619000005392300000127381211150320FA"), "10.0.0.9:4711");
        List<Reading> r = flood.store().readings("0012345678", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                10);
        assertEquals(1, r.size());
        assertEquals(0.127, r.get(0).level(), 1e-9);
        assertEquals(Instant.parse("2059-10-11T07:49:00Z"), r.get(0).ts());
        assertEquals(Map.of(), rejected);
    }

    static int assertProblem(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.type().status();
        }
        throw new AssertionError("no problem");
    }

    static Caller caller(String region) {
        return new Caller("gridworker1", "Grid worker", Caller.Kind.USER, 1L, Set.of("grid-worker"),
                Set.of("workorder.read", "workorder.handle"), DataScope.ofRegion(RegionCode.parse(region)));
    }

    WorkOrderIntake intake() {
        return (caller, submission) -> {
            submitted.add(submission);
            return new IntakeResult(fakeOrder(), IntakeResult.Outcome.CREATED);
        };
    }

    static WorkOrder fakeOrder() {
        return new WorkOrder(77L, "WO-20260701-000077", io.onegrid.api.workorder.WorkOrderState.SUBMITTED, "0603", 3,
                "ALARM", "x", null, 117.305, 36.51, "370399101201001", "370399101201001", "water", "gridworker1", null,
                0, false, null, null, 0, null, "system", null, null, 1L, Instant.EPOCH, Instant.EPOCH, null, null);
    }

    DeviceRegistry registry() {
        return new DeviceRegistry() {
            @Override
            public Device register(Device device) {
                return device;
            }

            @Override
            public Optional<Device> find(String code) {
                return Optional.empty();
            }

            @Override
            public List<Device> list(Caller caller) {
                return List.of();
            }

            @Override
            public void seen(String code, Instant at) {
            }

            @Override
            public void reject(RejectReason reason, String source, String detail) {
                rejected.merge(reason, 1, Integer::sum);
            }

            @Override
            public Map<RejectReason, Long> rejections() {
                return Map.of();
            }
        };
    }

    static FloodConfig config(double hysteresis, int minDurationSeconds) {
        return (FloodConfig) Proxy.newProxyInstance(FloodConfig.class.getClassLoader(),
                new Class<?>[] {FloodConfig.class}, (p, m, args) -> switch (m.getName()) {
                    case "hysteresisMetres" -> hysteresis;
                    case "minDurationSeconds" -> minDurationSeconds;
                    case "annotationType" -> FloodConfig.class;
                    default -> m.getDefaultValue();
                });
    }
}
