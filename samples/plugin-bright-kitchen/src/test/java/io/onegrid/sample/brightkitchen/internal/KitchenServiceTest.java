package io.onegrid.sample.brightkitchen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.api.workorder.WorkOrderState;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine on Derby in memory with the plugin's own migration, and the SDK's services faked: an intake that keeps
 * the kernel's idempotency contract (same channel and key: the first order, REPLAYED) and can be made to fail, and a
 * device registry counting rejections.
 */
class KitchenServiceTest {

    static final AtomicInteger DB = new AtomicInteger();
    static final String TOWN = "370399101000";
    static final String GRID = "370399101201001";
    static final String TOPIC = "onegrid/" + TOWN + "/kitchen/BK-0001/event";
    static final Instant NOW = Instant.parse("2026-07-01T02:00:00Z");
    static final String[] CAMERAS = {"BK-0001;370399101000;370399101201001;117.305;36.51;柳树村小学食堂后厨, "
            + "BK-0002;370399101000;370399101202001;117.355;36.51;桃园村中学食堂"};

    final List<Submission> submitted = new ArrayList<>();
    final Map<String, WorkOrder> ordersByKey = new HashMap<>();
    final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    final List<Device> registered = new ArrayList<>();
    boolean intakeDown;
    DataSource ds;
    KitchenService kitchen;

    @BeforeEach
    void setUp() throws Exception {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:kitchen" + DB.incrementAndGet());
        derby.setCreateDatabase("create");
        ds = derby;
        try (InputStream in = getClass().getResourceAsStream("/db/brightkitchen/V1__kitchen.sql");
                Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        kitchen = service(config(CAMERAS));
    }

    KitchenService service(KitchenConfig config) {
        return new KitchenService(new KitchenStore(ds), registry(), intake(), config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void publish(String topic, String minute, String type, double confidence) {
        kitchen.accept(topic, ("{\"ts\":\"2026-07-01T" + minute + "+08:00\",\"type\":\"" + type
                + "\",\"confidence\":" + confidence + ",\"snapshot\":\"https://cam.example/s/" + minute + ".jpg\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    List<KitchenEvent> events() {
        return kitchen.recent(Caller.SYSTEM, 100);
    }

    @Test
    void camerasAreRegisteredWithTheGateway() {
        assertEquals(2, registered.size());
        Device d = registered.get(0);
        assertEquals("BK-0001", d.code());
        assertEquals(GRID, d.regionCode());
        assertEquals("bright-kitchen", d.plugin());
        assertEquals("MQTT", d.protocol());
    }

    @Test
    void oneIncidentMakesOneWorkOrderRoutedByTheCamerasPoint() {
        publish(TOPIC, "09:00:00", "NO_MASK", 0.93);
        publish(TOPIC, "09:10:00", "NO_MASK", 0.88);
        publish(TOPIC, "09:35:00", "NO_MASK", 0.95); // 25 min after the previous one: still the same incident
        assertEquals(1, submitted.size(), "three events, one incident, one order");
        Submission s = submitted.get(0);
        assertEquals(Channels.ALARM, s.channel());
        assertEquals("0891", s.category());
        assertEquals(117.305, s.location().lon(), 1e-9);
        assertEquals(36.51, s.location().lat(), 1e-9);
        assertNull(s.reporter());
        assertEquals("bright-kitchen:BK-0001:NO_MASK:" + Instant.parse("2026-07-01T01:00:00Z").getEpochSecond(),
                s.idempotencyKey());
        assertTrue(s.description().contains("柳树村小学食堂后厨") && s.description().contains("未戴口罩")
                && s.description().contains("0.93") && s.description().contains("2026-07-01 09:00:00"),
                s.description());
        List<KitchenEvent> events = events();
        assertEquals(3, events.size());
        assertEquals(Set.of("WO-1"), Set.copyOf(events.stream().map(KitchenEvent::workOrderNumber).toList()));
        assertEquals("09:35", events.get(0).ts().atOffset(ZoneOffset.ofHours(8)).toLocalTime().toString());
        assertEquals("No face mask", events.get(0).typeEn());
        assertEquals(Map.of(), rejected);
    }

    @Test
    void anotherTypeOrAGapLongerThanTheWindowIsAnotherIncident() {
        publish(TOPIC, "09:00:00", "NO_MASK", 0.93);
        publish(TOPIC, "09:01:00", "RODENT", 0.9);
        publish(TOPIC, "09:31:00", "NO_MASK", 0.9); // 31 min later: a new incident
        assertEquals(3, submitted.size());
        assertEquals(3, Set.copyOf(submitted.stream().map(Submission::idempotencyKey).toList()).size());
    }

    @Test
    void aChangedConfigurationAppliesWithoutARestart() {
        publish(TOPIC, "09:00:00", "SMOKING", 0.5);
        assertEquals(0, submitted.size(), "0.5 is below the default threshold");
        kitchen.modified(config(CAMERAS, "minConfidence", 0.4));
        publish(TOPIC, "09:01:00", "SMOKING", 0.5);
        assertEquals(1, submitted.size(), "the lowered threshold applies to the next event");
        assertEquals(2, events().size(), "the events stored before the change are kept");
    }

    @Test
    void belowTheThresholdIsListedButMakesNoOrder() {
        publish(TOPIC, "09:00:00", "SMOKING", 0.5);
        assertEquals(0, submitted.size());
        KitchenEvent e = events().get(0);
        assertNull(e.incidentId());
        assertNull(e.workOrderNumber());
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndOrdersNothingMore() {
        publish(TOPIC, "09:00:00", "NO_HAT", 0.9);
        publish(TOPIC, "09:00:00", "NO_HAT", 0.9);
        assertEquals(1, submitted.size());
        assertEquals(1, events().size());
    }

    @Test
    void badMessagesAreCountedAndStoreNothing() {
        kitchen.accept(TOPIC, "garbage{".getBytes(StandardCharsets.UTF_8));
        publish(TOPIC, "09:00:00", "DANCING", 0.9);
        kitchen.accept(TOPIC, "{\"type\":\"NO_HAT\",\"confidence\":0.9}".getBytes(StandardCharsets.UTF_8));
        kitchen.accept("onegrid/" + TOWN + "/kitchen/BK-0001", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(4, rejected.get(RejectReason.MALFORMED));
        publish("onegrid/" + TOWN + "/kitchen/BK-9999/event", "09:00:00", "NO_HAT", 0.9);
        publish("onegrid/370399102000/kitchen/BK-0001/event", "09:00:00", "NO_HAT", 0.9);
        assertEquals(2, rejected.get(RejectReason.UNKNOWN_DEVICE));
        publish(TOPIC, "09:00:00", "NO_HAT", 1.5);
        publish(TOPIC, "11:00:00", "NO_HAT", 0.9); // an hour ahead of the clock, more than the 10 min skew
        kitchen.accept(TOPIC, "{\"ts\":1000,\"type\":\"NO_HAT\",\"confidence\":0.9}".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, rejected.get(RejectReason.OUT_OF_RANGE));
        assertEquals(List.of(), events());
        assertEquals(List.of(), submitted);
    }

    @Test
    void epochMillisecondsAreAcceptedToo() {
        kitchen.accept(TOPIC, ("{\"ts\":" + NOW.minusSeconds(60).toEpochMilli()
                + ",\"type\":\"PHONE\",\"confidence\":0.81}").getBytes(StandardCharsets.UTF_8));
        assertEquals(1, submitted.size());
        assertNull(events().get(0).snapshot());
    }

    @Test
    void aFailedIntakeIsRetriedWithTheNextEventUnderTheSameKey() {
        intakeDown = true;
        publish(TOPIC, "09:00:00", "NO_GLOVES", 0.9);
        assertEquals(1, submitted.size());
        assertNull(events().get(0).workOrderNumber());
        intakeDown = false;
        publish(TOPIC, "09:05:00", "NO_GLOVES", 0.9);
        assertEquals(2, submitted.size());
        assertEquals(submitted.get(0).idempotencyKey(), submitted.get(1).idempotencyKey());
        assertEquals(1, ordersByKey.size());
        assertEquals("WO-1", events().get(1).workOrderNumber(), "the first event now shows the order too");
    }

    @Test
    void aRestartJoinsTheOpenIncidentInsteadOfOrderingAgain() {
        publish(TOPIC, "09:00:00", "NO_MASK", 0.9);
        kitchen = service(config(CAMERAS));
        publish(TOPIC, "09:20:00", "NO_MASK", 0.9);
        assertEquals(1, submitted.size());
    }

    @Test
    void callersSeeOnlyTheCamerasInTheirScope() {
        publish(TOPIC, "09:00:00", "NO_MASK", 0.9);
        publish("onegrid/" + TOWN + "/kitchen/BK-0002/event", "09:00:00", "NO_MASK", 0.9);
        Caller grid1 = caller(DataScope.ofRegion(RegionCode.parse(GRID)));
        assertEquals(List.of("BK-0001"), kitchen.recent(grid1, 10).stream().map(KitchenEvent::cameraCode).toList());
        assertEquals(List.of("BK-0001"), kitchen.cameras(grid1).stream().map(Camera::code).toList());
        assertEquals(List.of(), kitchen.recent(caller(DataScope.none()), 10));
        Caller town = caller(DataScope.ofRegion(RegionCode.parse(TOWN)));
        assertEquals(2, kitchen.recent(town, 10).size());
        assertEquals(1, kitchen.recent(town, 1).size(), "the limit holds");
    }

    @Test
    void aBadCameraEntryIsRefusedWithItsReason() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> Camera.parse(new String[] {"BK-1;370399101000;370399102201001;117;36;x"})).getMessage();
        assertTrue(msg.contains("not in town"), msg);
        assertThrows(IllegalArgumentException.class, () -> Camera.parse(new String[] {"BK 1;370399101000;"
                + "370399101201001;117;36;x"}));
        assertThrows(IllegalArgumentException.class, () -> Camera.parse(new String[] {"BK-1;370399101000"}));
        assertThrows(IllegalArgumentException.class, () -> Camera.parse(new String[] {"BK-1;370399101000;"
                + "370399101201001;117;36;x", "BK-1;370399101000;370399101201001;117;36;y"}));
        assertEquals("onegrid/370399101000/kitchen/BK-0001/event", kitchen.cameras().get("BK-0001").topic());
    }

    static Caller caller(DataScope scope) {
        return new Caller("someone", "Someone", Caller.Kind.USER, 1L, Set.of(), Set.of("workorder.read"), scope);
    }

    /** The kernel's contract as the SDK states it: one order per channel and idempotency key. */
    WorkOrderIntake intake() {
        return (caller, s) -> {
            submitted.add(s);
            if (intakeDown) {
                throw new ProblemException(io.onegrid.api.problem.ProblemType.CONFLICT, "kernel busy");
            }
            WorkOrder existing = ordersByKey.get(s.channel() + "|" + s.idempotencyKey());
            if (existing != null) {
                return new IntakeResult(existing, IntakeResult.Outcome.REPLAYED);
            }
            long id = ordersByKey.size() + 1;
            WorkOrder o = new WorkOrder(id, "WO-" + id, WorkOrderState.SUBMITTED, s.category(), 2, s.channel(),
                    s.description(), null, s.location().lon(), s.location().lat(), GRID, GRID, "market",
                    "gridworker1", null, 0, false, null, null, 0, null, "system", null, null, 1L, NOW, NOW, null,
                    null);
            ordersByKey.put(s.channel() + "|" + s.idempotencyKey(), o);
            return new IntakeResult(o, IntakeResult.Outcome.CREATED);
        };
    }

    DeviceRegistry registry() {
        return new DeviceRegistry() {
            @Override
            public Device register(Device device) {
                registered.add(device);
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

    static KitchenConfig config(String[] cameras) {
        return config(cameras, "cameras", cameras);
    }

    /** The configuration with the given cameras, one member set to {@code value} and the rest at their defaults. */
    static KitchenConfig config(String[] cameras, String member, Object value) {
        return (KitchenConfig) Proxy.newProxyInstance(KitchenConfig.class.getClassLoader(),
                new Class<?>[] {KitchenConfig.class}, (p, m, args) -> {
                    if (m.getName().equals(member)) {
                        return value;
                    }
                    return switch (m.getName()) {
                        case "cameras" -> cameras;
                        case "annotationType" -> KitchenConfig.class;
                        default -> m.getDefaultValue();
                    };
                });
    }
}
