package io.onegrid.workorder.internal;

import static io.onegrid.workorder.internal.DemoWorld.IN_GRID1;
import static io.onegrid.workorder.internal.DemoWorld.LEADER;
import static io.onegrid.workorder.internal.DemoWorld.OPERATOR;
import static io.onegrid.workorder.internal.DemoWorld.WATER;
import static io.onegrid.workorder.internal.DemoWorld.WORKER1;
import static io.onegrid.workorder.internal.DemoWorld.WORKER2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.Roles;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Reporter;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Joint handling (吹哨报到) on a real database: request, decision, children with their own departments and clocks,
 * the parent held while children are open and resolved by the system with the last one. Subclasses give the database.
 */
abstract class JointContract {

    static final Caller MARKET = DemoWorld.user("market1", null, "market", Roles.DEPARTMENT_HANDLER,
            "workorder.read", "workorder.handle");
    static final Caller ENFORCEMENT = DemoWorld.user("enforcement1", null, "enforcement", Roles.DEPARTMENT_HANDLER,
            "workorder.read", "workorder.handle");
    static final Caller ENVIRONMENT = DemoWorld.user("environment1", null, "environment", Roles.DEPARTMENT_HANDLER,
            "workorder.read", "workorder.handle");
    static final List<String> CALLED = List.of("market", "enforcement", "environment");

    private DataSource ds;
    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private DemoWorld world;
    private DemoWorld.MutableClock clock;
    private WorkOrderKernel kernel;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger keys = new AtomicInteger();

    abstract DataSource newDatabase() throws Exception;

    abstract void dropDatabase() throws Exception;

    abstract String dialect();

    @BeforeEach
    void setUp() throws Exception {
        ds = newDatabase();
        WorkOrderSchema.migrate(ds);
        world = new DemoWorld();
        clock = new DemoWorld.MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
        kernel = newNode();
    }

    @AfterEach
    void tearDown() throws Exception {
        factories.forEach(EntityManagerFactory::close);
        dropDatabase();
    }

    private WorkOrderKernel newNode() {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("onegrid-workorder", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        factories.add(emf);
        WorkOrderKernel node = new WorkOrderKernel(emf, dialect(), world.grids, world.addresses,
                world.accountDirectory, world.departments, world.regions, WorkOrderConfigValues.DEFAULTS, clock);
        node.publisher = (topic, props) -> events.add(topic.substring(WorkOrderEvents.PREFIX.length()) + " "
                + props.get(WorkOrderEvents.PROPERTY_NUMBER) + " " + props.get(WorkOrderEvents.PROPERTY_COMMAND));
        return node;
    }

    /** A missing manhole cover in grid 1: routed to gridworker1 and the water department, then dispatched. */
    private WorkOrder dispatched() {
        WorkOrder o = kernel.submit(OPERATOR, new Submission("HOTLINE", "0501", "井盖缺失，路边违章搭建占道",
                null, new Location(IN_GRID1[0], IN_GRID1[1]), new Reporter("张三", "13812345678"),
                "joint-" + keys.incrementAndGet())).order();
        kernel.command(OPERATOR, o.id(), WorkOrderCommand.of("accept", null));
        return kernel.command(OPERATOR, o.id(), WorkOrderCommand.of("dispatch", null));
    }

    private static WorkOrderCommand request(List<String> departments, String reason) {
        return new WorkOrderCommand(WorkOrderCommand.REQUEST_JOINT, reason, null, null, null, null, null, null, null,
                departments);
    }

    private static WorkOrderCommand resolve() {
        return new WorkOrderCommand("resolve", null, "已处理", null, null, null, null, null, null);
    }

    private static ProblemException refused(ProblemType type, Runnable action) {
        ProblemException e = assertThrows(ProblemException.class, action::run);
        assertEquals(type, e.type(), e.detail());
        return e;
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ProblemException e) {
        return ((List<Violation>) e.extensions().get("errors")).stream().map(Violation::field).toList();
    }

    private WorkOrder reload(WorkOrder o) {
        return kernel.find(OPERATOR, o.id()).orElseThrow();
    }

    private static Caller handlerOf(String department) {
        return switch (department) {
            case "market" -> MARKET;
            case "enforcement" -> ENFORCEMENT;
            case "environment" -> ENVIRONMENT;
            default -> throw new IllegalArgumentException(department);
        };
    }

    private List<WorkOrder> approvedJoint(WorkOrder parent) {
        kernel.command(WATER, parent.id(), request(CALLED, "占道经营、违建、污水直排，需多部门联合处置"));
        kernel.command(LEADER, parent.id(), WorkOrderCommand.of(WorkOrderCommand.APPROVE_JOINT, null));
        return kernel.children(OPERATOR, parent.id());
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    void aJointOrderSplitsIntoChildrenAndResolvesWithTheLastOne() {
        WorkOrder parent = dispatched();
        assertEquals("water", parent.department());
        assertEquals("gridworker1", parent.assignee());

        // Refused requests change nothing.
        refused(ProblemType.FORBIDDEN, () -> kernel.command(OPERATOR, parent.id(), request(CALLED, "多部门")));
        refused(ProblemType.NOT_FOUND, () -> kernel.command(WORKER2, parent.id(), request(CALLED, "多部门")));
        ProblemException one = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(WATER, parent.id(),
                request(List.of("market"), "多部门")));
        assertEquals(List.of("/departments"), fields(one));
        ProblemException bad = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(WATER, parent.id(),
                request(List.of("market", "no-such"), null)));
        assertEquals(List.of("/reason", "/departments"), fields(bad));
        refused(ProblemType.CONFLICT, () -> kernel.command(LEADER, parent.id(),
                WorkOrderCommand.of(WorkOrderCommand.APPROVE_JOINT, null)));
        assertEquals(parent.version(), reload(parent).version());
        assertEquals(3, kernel.trail(OPERATOR, parent.id()).size());

        // The grid worker holding the order may blow the whistle too; here the water department does.
        WorkOrder requested = kernel.command(WATER, parent.id(), request(CALLED, "占道经营、违建、污水直排，需多部门联合处置"));
        assertEquals(WorkOrderState.DISPATCHED, requested.state());
        assertEquals(parent.version() + 1, requested.version());
        refused(ProblemType.CONFLICT, () -> kernel.command(WORKER1, parent.id(), request(CALLED, "again")));
        refused(ProblemType.FORBIDDEN, () -> kernel.command(WATER, parent.id(),
                WorkOrderCommand.of(WorkOrderCommand.APPROVE_JOINT, null)));

        WorkOrder approved = kernel.command(LEADER, parent.id(), new WorkOrderCommand(WorkOrderCommand.APPROVE_JOINT,
                null, "同意联合处置", null, null, null, null, null, null));
        assertEquals(WorkOrderState.IN_PROGRESS, approved.state());
        List<WorkOrder> children = kernel.children(OPERATOR, parent.id());
        assertEquals(CALLED, children.stream().map(WorkOrder::department).toList());
        for (WorkOrder c : children) {
            assertEquals(WorkOrderState.DISPATCHED, c.state());
            assertEquals(parent.id(), c.parentId());
            assertEquals("0501", c.category());
            assertEquals(parent.level(), c.level());
            assertEquals(parent.regionCode(), c.regionCode());
            assertEquals(null, c.assignee());
            assertNotNull(c.deadline(), "an urgent category's clock, counted from the approval");
            assertEquals("JOINT", c.routing().source());
            List<TrailRecord> trail = kernel.trail(OPERATOR, c.id());
            assertEquals(1, trail.size());
            assertEquals(JointHandling.CHILD_CREATED, trail.get(0).command());
            assertEquals("leader1", trail.get(0).actor());
            assertTrue(trail.get(0).detail().contains(parent.number()), trail.get(0).detail());
        }

        // Scope: each department sees its own child only, not the parent (water's) nor the other children.
        for (WorkOrder c : children) {
            Caller handler = handlerOf(c.department());
            assertEquals(List.of(c.id()), kernel.list(handler, WorkOrderFilter.all(), PageRequest.first(50))
                    .items().stream().map(WorkOrder::id).toList());
            refused(ProblemType.NOT_FOUND, () -> kernel.find(handler, parent.id()).orElseThrow(() ->
                    ProblemException.notFound("x")));
            refused(ProblemType.NOT_FOUND, () -> kernel.children(handler, parent.id()));
        }
        assertEquals(List.of(), kernel.children(WATER, parent.id()), "the parent's department sees none of them");
        assertEquals(3, kernel.children(LEADER, parent.id()).size(), "the town sees them all");

        // The parent takes no command while a child is open, from anyone.
        long held = reload(parent).version();
        ProblemException busy = refused(ProblemType.CONFLICT, () -> kernel.command(WORKER1, parent.id(), resolve()));
        assertEquals(children.stream().map(WorkOrder::number).toList(), busy.extensions().get("openChildren"));
        refused(ProblemType.CONFLICT, () -> kernel.command(OPERATOR, parent.id(), new WorkOrderCommand("dispatch",
                "换人", null, null, "gridworker2", null, null, null, null)));
        refused(ProblemType.CONFLICT, () -> kernel.command(WATER, parent.id(), request(List.of("market", "water"),
                "again")));
        assertEquals(held, reload(parent).version());

        // Each department handles its own child; another department cannot.
        refused(ProblemType.NOT_FOUND, () -> kernel.command(MARKET, children.get(1).id(),
                WorkOrderCommand.of("start", null)));
        events.clear();
        for (int i = 0; i < children.size(); i++) {
            WorkOrder c = children.get(i);
            Caller handler = handlerOf(c.department());
            kernel.command(handler, c.id(), WorkOrderCommand.of("start", null));
            WorkOrder done = kernel.command(handler, c.id(), resolve());
            assertEquals(WorkOrderState.RESOLVED, done.state());
            assertEquals(i < children.size() - 1 ? WorkOrderState.IN_PROGRESS : WorkOrderState.RESOLVED,
                    reload(parent).state(), "after child " + (i + 1));
        }
        assertTrue(events.contains("RESOLVED " + parent.number() + " " + JointHandling.AUTO_RESOLVE), events.toString());

        List<TrailRecord> trail = kernel.trail(OPERATOR, parent.id());
        assertEquals(List.of("submit", "accept", "dispatch", "request-joint", "approve-joint", "auto-resolve"),
                trail.stream().map(TrailRecord::command).toList());
        assertEquals("departments=market,enforcement,environment", trail.get(3).detail());
        assertEquals("water1", trail.get(3).actor());
        assertEquals("同意联合处置", trail.get(4).reason());
        for (WorkOrder c : children) {
            assertTrue(trail.get(4).detail().contains(c.number() + " (" + c.department() + ")"), trail.get(4).detail());
        }
        assertEquals("system", trail.get(5).actor());
        assertEquals(WorkOrderState.RESOLVED, trail.get(5).toState());
        assertTrue(kernel.verifyTrail(OPERATOR, parent.id()).intact());
        children.forEach(c -> assertTrue(kernel.verifyTrail(OPERATOR, c.id()).intact()));

        // A child cannot be reopened behind its resolved parent; the parent walks on as usual.
        refused(ProblemType.CONFLICT, () -> kernel.command(OPERATOR, children.get(0).id(),
                WorkOrderCommand.withReason("reopen", "居民不满意", null)));
        WorkOrder verified = kernel.command(OPERATOR, parent.id(), new WorkOrderCommand("verify", null, "回访满意",
                null, null, null, null, null, null));
        assertEquals(WorkOrderState.VERIFIED, verified.state());
    }

    @Test
    void aLeaderRefusesWithAReasonAndTheHandlerMayAskAgain() {
        WorkOrder o = dispatched();
        events.clear();
        kernel.command(WORKER1, o.id(), request(List.of("market", "environment"), "商户油烟污染"));
        ProblemException noReason = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(LEADER, o.id(),
                WorkOrderCommand.of(WorkOrderCommand.REFUSE_JOINT, null)));
        assertEquals(List.of("/reason"), fields(noReason));
        long before = reload(o).version();
        clock.advance(Duration.ofMinutes(5));
        WorkOrder refused = kernel.command(LEADER, o.id(), WorkOrderCommand.withReason(WorkOrderCommand.REFUSE_JOINT,
                "由水务局牵头即可", null));
        assertEquals(WorkOrderState.DISPATCHED, refused.state());
        assertEquals(before + 1, refused.version(), "one decision, one version");
        refused(ProblemType.CONFLICT, () -> kernel.command(LEADER, o.id(),
                WorkOrderCommand.of(WorkOrderCommand.APPROVE_JOINT, null)));
        assertEquals(List.of(), kernel.children(OPERATOR, o.id()));
        assertEquals(List.of("JOINT_REQUESTED " + o.number() + " request-joint",
                "JOINT_REFUSED " + o.number() + " refuse-joint"), events);
        List<TrailRecord> trail = kernel.trail(OPERATOR, o.id());
        assertEquals("refuse-joint", trail.get(trail.size() - 1).command());
        assertEquals("由水务局牵头即可", trail.get(trail.size() - 1).reason());
        assertTrue(kernel.verifyTrail(OPERATOR, o.id()).intact());

        // Asked again, approved: children appear, and the events announce them.
        kernel.command(WORKER1, o.id(), request(List.of("market", "environment"), "油烟污染持续"));
        events.clear();
        kernel.command(OPERATOR, o.id(), WorkOrderCommand.of(WorkOrderCommand.APPROVE_JOINT, null));
        assertEquals(2, kernel.children(OPERATOR, o.id()).size());
        assertEquals("JOINT_APPROVED " + o.number() + " approve-joint", events.get(0));
        assertEquals(2, events.stream().filter(e -> e.startsWith("CREATED ") && e.endsWith(" joint-child")).count());
        // a child cannot call in departments itself
        WorkOrder child = kernel.children(OPERATOR, o.id()).get(0);
        refused(ProblemType.CONFLICT, () -> kernel.command(MARKET, child.id(), request(List.of("water", "emergency"),
                "再吹哨")));
    }

    @Test
    void aRejectedChildDoesNotResolveTheParentAlone() {
        WorkOrder parent = dispatched();
        List<WorkOrder> children = approvedJoint(parent);
        // market sends its child back, the command centre finds it not admissible
        kernel.command(MARKET, children.get(0).id(), WorkOrderCommand.withReason("return", "不属本部门职责", null));
        kernel.command(OPERATOR, children.get(0).id(), WorkOrderCommand.withReason("reject", "不予受理", null));
        assertEquals(WorkOrderState.IN_PROGRESS, reload(parent).state());
        for (WorkOrder c : children.subList(1, 3)) {
            kernel.command(handlerOf(c.department()), c.id(), WorkOrderCommand.of("start", null));
            kernel.command(handlerOf(c.department()), c.id(), resolve());
        }
        assertEquals(WorkOrderState.RESOLVED, reload(parent).state(), "no child open, two resolved");
    }

    @Test
    void childrenResolvedAtTheSameTimeOnTwoNodesResolveTheParentOnce() throws Exception {
        WorkOrder parent = dispatched();
        List<WorkOrder> children = approvedJoint(parent);
        WorkOrderKernel other = newNode();
        for (WorkOrder c : children) {
            kernel.command(handlerOf(c.department()), c.id(), WorkOrderCommand.of("start", null));
        }
        kernel.command(MARKET, children.get(0).id(), resolve());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<WorkOrder>> done = new ArrayList<>();
            for (int i = 1; i < 3; i++) {
                WorkOrder c = children.get(i);
                WorkOrderKernel node = i == 1 ? kernel : other;
                Callable<WorkOrder> resolveIt = () -> {
                    go.await();
                    return node.command(handlerOf(c.department()), c.id(), resolve());
                };
                done.add(pool.submit(resolveIt));
            }
            go.countDown();
            for (Future<WorkOrder> f : done) {
                assertEquals(WorkOrderState.RESOLVED, f.get().state());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(WorkOrderState.RESOLVED, reload(parent).state());
        List<TrailRecord> trail = kernel.trail(OPERATOR, parent.id());
        assertEquals(1, trail.stream().filter(t -> t.command().equals(JointHandling.AUTO_RESOLVE)).count());
        assertTrue(kernel.verifyTrail(OPERATOR, parent.id()).intact());
        assertFalse(reload(parent).suspensionRequested());
    }

    @Test
    void theKernelWritesWhatAnalyticsMeasures() {
        WorkOrder o = dispatched();
        kernel.command(WORKER1, o.id(), WorkOrderCommand.of("start", null));
        clock.advance(Duration.ofMinutes(90));
        kernel.command(WORKER1, o.id(), resolve());
        io.onegrid.workorder.internal.analytics.Analytics analytics = new io.onegrid.workorder.internal.analytics
                .Analytics(ds, clock, () -> WorkOrderConfigValues.DEFAULTS.zone(), world.regions, world.departments);
        var m = analytics.summary(OPERATOR, io.onegrid.workorder.internal.analytics.Analytics.Filter.all())
                .measures();
        assertEquals(1, m.resolved());
        assertEquals(1, m.resolvedOnTime(), "urgent: by the end of the day in Shanghai");
        assertEquals(5400L, m.averageHandlingSeconds());
        // submitted at 02:00 UTC: 10 o'clock in Shanghai
        assertEquals(10, analytics.hotspots(OPERATOR, io.onegrid.workorder.internal.analytics.Analytics.Filter.all(),
                null, 1).get(0).hour());
        kernel.command(OPERATOR, o.id(), WorkOrderCommand.withReason("reopen", "居民不满意", null));
        assertEquals(0, analytics.summary(OPERATOR, io.onegrid.workorder.internal.analytics.Analytics.Filter.all())
                .measures().resolved(), "a reopened order is no longer resolved");
    }
}
