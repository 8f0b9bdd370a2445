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
    final List<String> notes = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-07-01T00:00:00Z"));

    /** A clock the tests move. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The kernel's command API, faked: comments are collected, on order 77 only. */
    io.onegrid.api.workorder.WorkOrderService orders() {
        return (io.onegrid.api.workorder.WorkOrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {io.onegrid.api.workorder.WorkOrderService.class}, (p, m, args) -> {
                    if (m.getName().equals("command")) {
                        io.onegrid.api.workorder.WorkOrderCommand c = (io.onegrid.api.workorder.WorkOrderCommand) args[2];
                        assertEquals(Caller.SYSTEM, args[0]);
                        assertEquals(77L, args[1]);
                        assertEquals("comment", c.name());
                        notes.add(c.comment());
                        return fakeOrder();
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
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
        migrate(ds);
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0), clock);
        flood.orders = orders();
        assertTrue(flood.addStation(withoutRiseLimit(DemoStations.STATIONS.get(0))));
        assertFalse(flood.addStation(DemoStations.STATIONS.get(0)), "a station is added once");
    }

    /** Applies every script of db/flood, as the schema extender does in the container. */
    static void migrate(javax.sql.DataSource ds) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(FloodServiceTest.class.getResource("/db/flood").toURI());
        List<io.onegrid.persistence.internal.migration.ScriptSet.ScriptFile> files = new ArrayList<>();
        try (var listed = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : listed.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                files.add(new io.onegrid.persistence.internal.migration.ScriptSet.ScriptFile(
                        p.getFileName().toString(), java.nio.file.Files.readString(p)));
            }
        }
        var runner = new io.onegrid.persistence.internal.migration.MigrationRunner(ds);
        assertEquals(2, runner.migrate("flood", io.onegrid.persistence.internal.migration.ScriptSet.select("flood",
                files, runner.dialect())));
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
        assertEquals(List.of(cleared.clearNote()), notes, "the clear is noted on the order");
        assertTrue(notes.get(0).startsWith("水位回落至 1.50 m（08:05）"), notes.get(0));
        assertTrue(notes.get(0).contains("water level back to 1.50 m at 08:05"), notes.get(0));
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
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0), clock);
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


    int count(String sql, Object... params) throws Exception {
        try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant t) {
                    ps.setTimestamp(i + 1, java.sql.Timestamp.from(t));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aSilentStationRaisesOneOfflineAlarmThatSurvivesARestartAndClearsWhenItReportsAgain() throws Exception {
        publish("08:00:00", 1.2); // arrives at the clock's 00:00Z; silence limit: the registry's 10 minutes
        assertEquals(0, flood.scanOffline());
        clock.advance(java.time.Duration.ofMinutes(9));
        assertEquals(0, flood.scanOffline(), "not yet");
        clock.advance(java.time.Duration.ofMinutes(2));
        assertEquals(1, flood.scanOffline());
        assertEquals(0, flood.scanOffline(), "once");
        Alarm a = flood.store().active("WL-0001", "OFFLINE").orElseThrow();
        assertEquals(1, submitted.size());
        assertEquals("0504", submitted.get(0).category(), "an offline gauge is a facility to repair");
        assertTrue(submitted.get(0).description().startsWith("水位站离线 WL-0001"), submitted.get(0).description());
        assertTrue(flood.stations(Caller.SYSTEM).get(0).offline());
        // a restart (another node, or this one) neither raises it again nor forgets it
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0), clock);
        flood.orders = orders();
        clock.advance(java.time.Duration.ofHours(1));
        assertEquals(0, flood.scanOffline());
        assertEquals(1, submitted.size());
        // it reports again: cleared, noted on the order, and watched again from this reading
        clock.advance(java.time.Duration.ofMinutes(1));
        publish("09:12:00", 1.3);
        Alarm cleared = flood.store().alarm(a.id()).orElseThrow();
        assertEquals("CLEARED", cleared.state());
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).contains("恢复上报"), notes.get(0));
        assertFalse(flood.stations(Caller.SYSTEM).get(0).offline());
        clock.advance(java.time.Duration.ofMinutes(11));
        assertEquals(1, flood.scanOffline(), "silent again: a new alarm");
        assertEquals(2, flood.store().alarms(DataScope.unrestricted(), false, null, 10).size());
    }

    @Test
    void aStationsOwnSilenceLimitWinsAndARetiredStationIsNotWatchedNorFed() throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE og_flood_station SET offline_after_seconds = 3600");
        }
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0), clock);
        publish("08:00:00", 2.5); // a LEVEL alarm
        clock.advance(java.time.Duration.ofMinutes(30));
        assertEquals(0, flood.scanOffline(), "its own limit is an hour");
        assertTrue(flood.retireStation(caller("370399101201001"), "WL-0001"));
        assertFalse(flood.retireStation(caller("370399101201001"), "WL-0001"), "once");
        assertEquals(0, flood.store().alarms(DataScope.unrestricted(), true, null, 10).size(), "its alarms clear");
        clock.advance(java.time.Duration.ofHours(2));
        assertEquals(0, flood.scanOffline(), "a retired station is not watched");
        publish("08:40:00", 1.0);
        assertEquals(Map.of(RejectReason.UNKNOWN_DEVICE, 1), rejected, "its readings are refused");
        assertEquals(List.of(), flood.stations(Caller.SYSTEM));
        assertEquals(1, flood.store().stations(DataScope.unrestricted(), true).size(), "its history stays");
    }

    @Test
    void readingsAreDownsampledIdempotentlyAndPurgedOnlyOnceAggregated() throws Exception {
        // 08:00:00 .. 09:59:30 (+08:00) every 30 s: 240 readings, level rising 1 cm a minute from 1.00 m
        for (int i = 0; i < 240; i++) {
            java.time.LocalTime t = java.time.LocalTime.of(8, 0).plusSeconds(30L * i);
            publish(t.toString().length() == 5 ? t + ":00" : t.toString(), 1.0 + i / 200.0);
        }
        clock.now = Instant.parse("2026-07-01T03:00:00Z"); // 11:00 +08:00
        Rollup.Result first = flood.rollup();
        assertEquals(120, first.minutes());
        assertEquals(2, first.hours());
        assertEquals(120, count("SELECT COUNT(*) FROM og_flood_reading_minute"));
        assertEquals(2, count("SELECT COUNT(*) FROM og_flood_reading_hour"));
        assertEquals(0, flood.rollup().minutes(), "a second run changes nothing");
        assertEquals(120, count("SELECT COUNT(*) FROM og_flood_reading_minute"));
        List<Rollup.Bucket> hours = flood.downsampling().hourSeries("WL-0001", Instant.parse("2026-06-30T23:00:00Z"),
                Instant.parse("2026-07-01T02:00:00Z"));
        assertEquals(2, hours.size());
        assertEquals(120, hours.get(0).count());
        assertEquals(1.0, hours.get(0).min(), 1e-9);
        assertEquals(1.0 + 119 / 200.0, hours.get(0).max(), 1e-9);
        assertEquals(1.0 + 119 / 200.0, hours.get(0).last(), 1e-9);
        assertEquals(1.0 + 119.0 / 400.0, hours.get(0).avg(), 1e-9);
        List<Rollup.Bucket> minutes = flood.downsampling().minuteSeries("WL-0001",
                Instant.parse("2026-07-01T00:10:00Z"), Instant.parse("2026-07-01T00:12:59Z"));
        assertEquals(3, minutes.size());
        assertEquals(2, minutes.get(0).count());
        // a late reading inside an aggregated minute: stored, and that minute and hour are computed again
        flood.level("test", "WL-0001", null, Instant.parse("2026-07-01T00:10:10Z"), 5.0, clock.instant());
        assertEquals(3, flood.downsampling().minuteSeries("WL-0001", Instant.parse("2026-07-01T00:10:00Z"),
                Instant.parse("2026-07-01T00:10:59Z")).get(0).count(), "seen at once (computed from raw)");
        flood.rollup();
        assertEquals(120, count("SELECT COUNT(*) FROM og_flood_reading_minute"));
        assertEquals(5.0, flood.downsampling().hourSeries("WL-0001", Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z")).get(0).max(), 1e-9);
        assertEquals(241, count("SELECT SUM(readings) FROM og_flood_reading_hour"));
        // 31 days later the raw readings go, the aggregates stay
        clock.now = Instant.parse("2026-08-01T03:00:00Z");
        Rollup.Result purge = flood.rollup();
        assertEquals(241, purge.purgedRaw());
        assertEquals(0, count("SELECT COUNT(*) FROM og_flood_reading"));
        assertEquals(120, count("SELECT COUNT(*) FROM og_flood_reading_minute"));
        assertEquals(2, flood.downsampling().hourSeries("WL-0001", Instant.parse("2026-06-30T00:00:00Z"),
                Instant.parse("2026-07-02T00:00:00Z")).size());
        // a reading older than the raw retention allows is refused
        flood.level("test", "WL-0001", null, Instant.parse("2026-07-02T00:00:00Z"), 1.0, clock.instant());
        assertEquals(Map.of(RejectReason.OUT_OF_RANGE, 1), rejected);
    }

    @Test
    void stationRowsAreWrittenEveryFewSecondsAndBeforeTheOfflineScan() throws Exception {
        flood = new FloodService(new FloodStore(ds), registry(), intake(), config(0.1, 0, 5), clock);
        publish("08:00:00", 1.2);
        clock.advance(java.time.Duration.ofSeconds(1));
        publish("08:00:01", 1.3);
        assertEquals(1.2, flood.store().station("WL-0001").orElseThrow().lastLevel(), "kept in memory a while");
        clock.advance(java.time.Duration.ofMinutes(10).minusSeconds(1)); // 10 min after the first, 9:59 after it
        assertEquals(0, flood.scanOffline(), "the scan writes what is pending first: not silent long enough yet");
        assertEquals(1.3, flood.store().station("WL-0001").orElseThrow().lastLevel());
        clock.advance(java.time.Duration.ofSeconds(2));
        assertEquals(1, flood.scanOffline());
    }

    @Test
    void theAutomaticResolutionFollowsTheRange() {
        Instant now = Instant.parse("2026-07-01T00:00:00Z");
        assertEquals("raw", FloodResource.resolution(now.minusSeconds(3600), now, now, 30));
        assertEquals("minute", FloodResource.resolution(now.minus(java.time.Duration.ofDays(2)), now, now, 30));
        assertEquals("hour", FloodResource.resolution(now.minus(java.time.Duration.ofDays(30)), now, now, 30));
        assertEquals("minute", FloodResource.resolution(now.minus(java.time.Duration.ofDays(40)),
                now.minus(java.time.Duration.ofDays(40)).plusSeconds(60), now, 30), "raw is gone by then");
    }

    @Test
    void batchedIngestKeepsTheOrderPerStationStoresRedeliveriesOnceAndDrainsOnStop() throws Exception {
        assertTrue(flood.addStation(withoutRiseLimit(DemoStations.STATIONS.get(2))));
        flood.startBackground();
        // two stations interleaved; the first crosses its warning level, falls back and crosses again
        double[] levels = {1.0, 2.5, 2.6, 1.0, 2.7};
        for (int i = 0; i < levels.length; i++) {
            publish("08:0" + i + ":00", levels[i]);
            publish("08:0" + i + ":00", levels[i]); // a QoS 1 redelivery, possibly in the same batch
            flood.accept("onegrid/370399101000/flood/WL-0002/level", ("{\"ts\":\"2026-07-01T08:0" + i
                    + ":00+08:00\",\"level\":1.0}").getBytes(StandardCharsets.UTF_8));
        }
        flood.deactivate(); // a normal stop writes what is queued
        assertEquals(5, flood.store().readings("WL-0001", Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"),
                100).size());
        assertEquals(5, flood.store().readings("WL-0002", Instant.EPOCH, Instant.parse("2027-01-01T00:00:00Z"),
                100).size());
        assertEquals(10, flood.stored.get());
        List<Alarm> all = flood.store().alarms(DataScope.unrestricted(), false, null, 10);
        assertEquals(2, all.size(), "judged in order: raised, cleared, raised again");
        assertEquals("CLEARED", all.get(1).state());
        assertEquals(3, all.get(1).readings(), "2.5, 2.6 and the clearing 1.0");
        assertEquals("RAISED", all.get(0).state());
        assertEquals(2.7, flood.stations(Caller.SYSTEM).get(0).lastLevel());
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
        return config(hysteresis, minDurationSeconds, 0);
    }

    static FloodConfig config(double hysteresis, int minDurationSeconds, int stationWriteSeconds) {
        return (FloodConfig) Proxy.newProxyInstance(FloodConfig.class.getClassLoader(),
                new Class<?>[] {FloodConfig.class}, (p, m, args) -> switch (m.getName()) {
                    case "hysteresisMetres" -> hysteresis;
                    case "stationWriteSeconds" -> stationWriteSeconds;
                    case "minDurationSeconds" -> minDurationSeconds;
                    case "annotationType" -> FloodConfig.class;
                    case "rawRetentionDays" -> 30;
                    default -> m.getDefaultValue();
                });
    }
}
