package io.onegrid.workorder.internal;

import static io.onegrid.workorder.internal.DemoWorld.ADDRESS1;
import static io.onegrid.workorder.internal.DemoWorld.ADDRESS_NO_GRID;
import static io.onegrid.workorder.internal.DemoWorld.AUDITOR;
import static io.onegrid.workorder.internal.DemoWorld.COUNTY;
import static io.onegrid.workorder.internal.DemoWorld.GRID1;
import static io.onegrid.workorder.internal.DemoWorld.GRID2;
import static io.onegrid.workorder.internal.DemoWorld.HOTLINE_TOKEN;
import static io.onegrid.workorder.internal.DemoWorld.IN_GRID1;
import static io.onegrid.workorder.internal.DemoWorld.IN_GRID2;
import static io.onegrid.workorder.internal.DemoWorld.IN_OTHER_GRID;
import static io.onegrid.workorder.internal.DemoWorld.LEADER;
import static io.onegrid.workorder.internal.DemoWorld.NOWHERE;
import static io.onegrid.workorder.internal.DemoWorld.OPERATOR;
import static io.onegrid.workorder.internal.DemoWorld.OTHER_GRID;
import static io.onegrid.workorder.internal.DemoWorld.TOWN1;
import static io.onegrid.workorder.internal.DemoWorld.VILLAGE1;
import static io.onegrid.workorder.internal.DemoWorld.WATER;
import static io.onegrid.workorder.internal.DemoWorld.WORKER1;
import static io.onegrid.workorder.internal.DemoWorld.WORKER2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.CategoryCatalog;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.IntakeResult.Outcome;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Reporter;
import io.onegrid.api.workorder.Routing;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.TrailVerification;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.workorder.internal.StateMachine.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel on a real database through its real persistence unit and migrations, outside OSGi; subclasses give the
 * database. Identity and address services are {@link DemoWorld}'s in-memory county. Tampering is done as an intruder
 * with database access would: plain JDBC.
 */
abstract class KernelContract {

    private DataSource ds;
    private final List<EntityManagerFactory> factories = new ArrayList<>();
    private DemoWorld world;
    private DemoWorld.MutableClock clock;
    private WorkOrderKernel kernel;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger keys = new AtomicInteger();
    @TempDir
    java.nio.file.Path files;

    abstract DataSource newDatabase() throws Exception;

    abstract void dropDatabase() throws Exception;

    abstract String dialect();

    @BeforeEach
    void setUp() throws Exception {
        ds = newDatabase();
        assertEquals(dialect(), new MigrationRunner(ds).dialect());
        // every version of db/workorder: the entities map columns of later versions too
        assertTrue(WorkOrderSchema.migrate(ds) >= 2);
        world = new DemoWorld();
        clock = new DemoWorld.MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
        kernel = newNode();
        kernel.publisher = (topic, props) -> events.add(topic + " " + props.get(WorkOrderEvents.PROPERTY_NUMBER));
    }

    @AfterEach
    void tearDown() throws Exception {
        factories.forEach(EntityManagerFactory::close);
        dropDatabase();
    }

    /** A OneGrid node on the test database: its own persistence unit and connections, the shared clock. */
    private WorkOrderKernel newNode() {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("onegrid-workorder", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        factories.add(emf);
        return new WorkOrderKernel(emf, dialect(), world.grids, world.addresses, world.accountDirectory,
                world.departments, world.regions, WorkOrderConfigValues.DEFAULTS.withAttachmentDirectory(files),
                clock);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Submission report(String category, double[] point, String address) {
        return new Submission("HOTLINE", category, "窨井盖丢失，有人差点掉下去", address,
                point == null ? null : new Location(point[0], point[1]), new Reporter("张三", "13812345678"),
                "call-" + keys.incrementAndGet());
    }

    /** A neighbour dispute (no department: the command centre) at a point in grid 1. */
    private WorkOrder submitted() {
        // a day apart, so that these disputes in one grid are no near-duplicates of each other
        clock.advance(Duration.ofDays(1));
        return kernel.submit(OPERATOR, report("0901", IN_GRID1, null)).order();
    }

    private WorkOrder run(Caller caller, WorkOrder o, String command) {
        return kernel.command(caller, o.id(), args(command));
    }

    /** The arguments each command needs. */
    private static WorkOrderCommand args(String command) {
        return switch (command) {
            case WorkOrderCommand.REJECT, WorkOrderCommand.RETURN, WorkOrderCommand.REQUEST_SUSPENSION,
                    WorkOrderCommand.DENY_SUSPENSION, WorkOrderCommand.REOPEN ->
                    WorkOrderCommand.withReason(command, "因为 " + command, null);
            case WorkOrderCommand.RESOLVE, WorkOrderCommand.VERIFY ->
                    new WorkOrderCommand(command, null, "已处理: " + command, null, null, null, null, null, null);
            case WorkOrderCommand.RATE -> new WorkOrderCommand(command, null, "很满意", 5, null, null, null, null, null);
            default -> WorkOrderCommand.of(command, null);
        };
    }

    /** Who issues each command in the walk. */
    private static Caller actorOf(String command) {
        return switch (command) {
            case WorkOrderCommand.RETURN, WorkOrderCommand.START, WorkOrderCommand.REQUEST_SUSPENSION,
                    WorkOrderCommand.RESOLVE, WorkOrderCommand.RESUME -> WORKER1;
            case WorkOrderCommand.APPROVE_SUSPENSION, WorkOrderCommand.DENY_SUSPENSION -> LEADER;
            default -> OPERATOR;
        };
    }

    /** The commands that bring a new order into {@code state}. */
    private static List<String> pathTo(WorkOrderState state) {
        return switch (state) {
            case SUBMITTED -> List.of();
            case ACCEPTED -> List.of("accept");
            case REJECTED -> List.of("reject");
            case DISPATCHED -> List.of("accept", "dispatch");
            case RETURNED -> List.of("accept", "dispatch", "return");
            case IN_PROGRESS -> List.of("accept", "dispatch", "start");
            case SUSPENDED -> List.of("accept", "dispatch", "start", "request-suspension", "approve-suspension");
            case RESOLVED -> List.of("accept", "dispatch", "start", "resolve");
            case VERIFIED -> List.of("accept", "dispatch", "start", "resolve", "verify");
            case CLOSED -> List.of("accept", "dispatch", "start", "resolve", "verify", "close");
        };
    }

    private WorkOrder orderIn(WorkOrderState state) {
        WorkOrder o = submitted();
        for (String command : pathTo(state)) {
            o = run(actorOf(command), o, command);
        }
        assertEquals(state, o.state());
        return o;
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

    private String sql(String query, Object... params) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (!query.startsWith("SELECT")) {
                return String.valueOf(ps.executeUpdate());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    // ---- the state machine -----------------------------------------------------------------------------------

    @Test
    void everyTransitionOfTheTableAppliesAndIsRecorded() {
        int applied = 0;
        for (Transition t : StateMachine.TABLE) {
            for (WorkOrderState from : t.from()) {
                WorkOrder o = orderIn(from);
                if (t.command().equals(WorkOrderCommand.APPROVE_SUSPENSION)
                        || t.command().equals(WorkOrderCommand.DENY_SUSPENSION)) {
                    o = run(WORKER1, o, WorkOrderCommand.REQUEST_SUSPENSION);
                }
                WorkOrderCommand command = args(t.command());
                if (t.command().equals(WorkOrderCommand.DISPATCH) && (from == WorkOrderState.DISPATCHED
                        || from == WorkOrderState.IN_PROGRESS)) {
                    command = new WorkOrderCommand("dispatch", "转交水务局", null, null, null, "water", null, null, null);
                }
                WorkOrder after = kernel.command(actorOf(t.command()), o.id(), command);
                assertEquals(t.next(from), after.state(), t.command() + " from " + from);
                assertEquals(o.version() + 1, after.version(), "one change, one version");
                List<TrailRecord> trail = kernel.trail(OPERATOR, o.id());
                TrailRecord last = trail.get(trail.size() - 1);
                assertEquals(t.command(), last.command());
                assertEquals(from, last.fromState());
                assertEquals(t.next(from), last.toState());
                assertEquals(actorOf(t.command()).name(), last.actor());
                assertTrue(kernel.verifyTrail(OPERATOR, o.id()).intact());
                applied++;
            }
        }
        assertEquals(StateMachine.TABLE.stream().mapToInt(t -> t.from().size()).sum(), applied);
        assertEquals(22, applied, "the table of the API documentation");
    }

    @Test
    void everyCommandOutsideTheTableIsRefusedNamingTheAllowedOnesAndChangesNothing() throws Exception {
        for (WorkOrderState state : WorkOrderState.values()) {
            WorkOrder o = orderIn(state);
            List<String> allowed = StateMachine.allowedIn(state).stream()
                    .filter(c -> !c.equals("approve-suspension") && !c.equals("deny-suspension")).toList();
            for (String command : StateMachine.commandNames()) {
                if (StateMachine.command(command).orElseThrow().from().contains(state)) {
                    continue;
                }
                // the county admin holds every permission: only the state can refuse
                Caller admin = DemoWorld.user("admin", COUNTY, null, "county-admin", "*");
                ProblemException e = refused(ProblemType.CONFLICT, () -> kernel.command(admin, o.id(), args(command)));
                assertEquals(allowed, e.extensions().get("allowed"), command + " in " + state);
                assertEquals(state.name(), e.extensions().get("state"));
            }
            assertEquals(o.version(), kernel.find(OPERATOR, o.id()).orElseThrow().version(), "nothing changed");
            assertEquals(pathTo(state).size() + 1, kernel.trail(OPERATOR, o.id()).size());
        }
    }

    @Test
    void theLoopRecordsEveryHandlerAndPostsAnEventPerTransition() {
        IntakeResult r = kernel.submit(OPERATOR, report("0501", IN_GRID1, null));
        WorkOrder o = r.order();
        assertEquals(Outcome.CREATED, r.outcome());
        assertTrue(o.number().matches("WO-20261124-\\d{6}"), o.number());
        for (String c : List.of("accept", "dispatch", "start", "resolve", "verify", "rate", "close")) {
            o = run(c.equals("start") || c.equals("resolve") ? WATER : OPERATOR, o, c);
        }
        assertEquals(WorkOrderState.CLOSED, o.state());
        assertEquals(5, o.rating());
        List<TrailRecord> trail = kernel.trail(OPERATOR, o.id());
        assertEquals(List.of("submit", "accept", "dispatch", "start", "resolve", "verify", "rate", "close"),
                trail.stream().map(TrailRecord::command).toList());
        assertEquals("water1 的名字", trail.get(3).actorName());
        assertEquals("department-handler", trail.get(3).roles());
        assertEquals("已处理: resolve", trail.get(4).reason());
        assertEquals("rating=5", trail.get(6).detail());
        assertEquals(List.of("CREATED", "ACCEPTED", "DISPATCHED", "STARTED", "RESOLVED", "VERIFIED", "RATED", "CLOSED"),
                events.stream().map(e -> e.substring(WorkOrderEvents.PREFIX.length(), e.indexOf(' '))).toList());
        assertTrue(events.stream().allMatch(e -> e.endsWith(" " + r.order().number())));
    }

    @Test
    void rolesAreCheckedBeforeTheStateAndHandlersMustBeTheOrders() {
        WorkOrder o = orderIn(WorkOrderState.DISPATCHED);
        ProblemException e = refused(ProblemType.FORBIDDEN, () -> run(WORKER1, o, "accept"));
        assertEquals("workorder.dispatch", e.extensions().get("permission"));
        refused(ProblemType.FORBIDDEN, () -> run(OPERATOR, o, "start"));
        refused(ProblemType.FORBIDDEN, () -> run(AUDITOR, o, "start"));
        // water1 does not handle a dispute assigned to gridworker1 and does not even see it
        refused(ProblemType.NOT_FOUND, () -> run(WATER, o, "start"));
        // a grid worker of another grid neither
        refused(ProblemType.NOT_FOUND, () -> run(WORKER2, o, "start"));
        assertEquals(WorkOrderState.IN_PROGRESS, run(WORKER1, o, "start").state());
        // the supervisor approves, the handler cannot
        run(WORKER1, kernel.find(OPERATOR, o.id()).orElseThrow(), "request-suspension");
        refused(ProblemType.FORBIDDEN, () -> kernel.command(WORKER1, o.id(), WorkOrderCommand.of(
                "approve-suspension", null)));
        ProblemException twice = refused(ProblemType.CONFLICT, () -> kernel.command(WORKER1, o.id(),
                WorkOrderCommand.withReason("request-suspension", "again", null)));
        assertFalse(((List<?>) twice.extensions().get("allowed")).contains("request-suspension"));
        assertEquals(WorkOrderState.SUSPENDED, kernel.command(LEADER, o.id(), WorkOrderCommand.of(
                "approve-suspension", null)).state());
    }

    @Test
    void argumentsAreCheckedAndARefusedCommandChangesNothing() {
        WorkOrder o = submitted();
        ProblemException noReason = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(OPERATOR, o.id(),
                WorkOrderCommand.of("reject", null)));
        assertEquals(List.of("/reason"), fields(noReason));
        ProblemException extra = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(OPERATOR, o.id(),
                new WorkOrderCommand("accept", null, null, 3, null, null, null, List.of("not-a-hash"), null)));
        assertEquals(List.of("/rating", "/attachments/0"), fields(extra));
        refused(ProblemType.INVALID_REQUEST, () -> kernel.command(OPERATOR, o.id(), WorkOrderCommand.of("teleport",
                null)));
        assertEquals(o.version(), kernel.find(OPERATOR, o.id()).orElseThrow().version());
        assertEquals(1, kernel.trail(OPERATOR, o.id()).size());

        WorkOrder accepted = run(OPERATOR, o, "accept");
        ProblemException unknown = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(OPERATOR, o.id(),
                new WorkOrderCommand("dispatch", "换人", null, null, "nobody", "no-such", null, null, null)));
        assertEquals(List.of("/assignee", "/department"), fields(unknown));
        ProblemException override = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(OPERATOR, o.id(),
                new WorkOrderCommand("dispatch", null, null, null, "gridworker2", null, null, null, null)));
        assertEquals(List.of("/reason"), fields(override), "overriding the routed assignee needs a reason");
        String hash = attach(OPERATOR, o, AttachmentStoreTest.PNG).sha256();
        WorkOrder dispatched = kernel.command(OPERATOR, o.id(), new WorkOrderCommand("dispatch", "网格员一休假",
                null, null, "gridworker2", "water", null, List.of(hash), accepted.version()));
        assertEquals("gridworker2", dispatched.assignee());
        assertEquals("water", dispatched.department());
        TrailRecord last = kernel.trail(OPERATOR, o.id()).get(2);
        assertEquals(List.of(hash), last.attachments());
        assertEquals("assignee=gridworker1 -> gridworker2; department=null -> water", last.detail());
        assertEquals("网格员一休假", last.reason());
    }

    @Test
    void aStaleVersionIsRefusedAndConcurrentCommandsApplyExactlyOnce() throws Exception {
        WorkOrder o = orderIn(WorkOrderState.SUBMITTED);
        ProblemException stale = refused(ProblemType.CONFLICT, () -> kernel.command(OPERATOR, o.id(),
                WorkOrderCommand.of("accept", o.version() - 1)));
        assertEquals(o.version(), stale.extensions().get("currentVersion"));

        WorkOrderKernel otherNode = newNode();
        // Racing accepts without a version: one applies, the others lose the race or find it accepted.
        List<String> accepts = race(6, i -> (i % 2 == 0 ? kernel : otherNode).command(OPERATOR, o.id(),
                WorkOrderCommand.of("accept", null)));
        assertEquals(1, accepts.stream().filter("ok"::equals).count(), accepts.toString());
        assertTrue(accepts.stream().allMatch(s -> s.equals("ok") || s.equals("conflict")), accepts.toString());
        WorkOrder accepted = kernel.find(OPERATOR, o.id()).orElseThrow();
        assertEquals(o.version() + 1, accepted.version());

        // Racing re-dispatches that all saw the same version: exactly one is applied.
        List<String> dispatches = race(6, i -> (i % 2 == 0 ? kernel : otherNode).command(OPERATOR, o.id(),
                new WorkOrderCommand("dispatch", "派单 " + i, null, null, i % 2 == 0 ? "gridworker1" : "gridworker2",
                        null, null, null, accepted.version())));
        assertEquals(1, dispatches.stream().filter("ok"::equals).count(), dispatches.toString());
        WorkOrder after = kernel.find(OPERATOR, o.id()).orElseThrow();
        assertEquals(WorkOrderState.DISPATCHED, after.state());
        assertEquals(o.version() + 2, after.version());
        assertEquals(3, kernel.trail(OPERATOR, o.id()).size(), "one trail record per applied command");
        assertTrue(kernel.verifyTrail(OPERATOR, o.id()).intact());
    }

    /** Runs {@code threads} actions at once; answers "ok" or the problem slug of each. */
    private static List<String> race(int threads, java.util.function.IntConsumer action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    action.accept(n);
                    return "ok";
                } catch (ProblemException e) {
                    return e.type().slug();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return outcomes;
    }

    @Test
    void reopeningIsLimitedToTheWindowAndRatingToOnce() {
        WorkOrder verified = orderIn(WorkOrderState.VERIFIED);
        WorkOrder rated = run(OPERATOR, verified, "rate");
        refused(ProblemType.CONFLICT, () -> run(OPERATOR, rated, "rate"));
        WorkOrder closed = run(OPERATOR, rated, "close");
        assertNotNull(closed.closedAt());
        clock.advance(Duration.ofDays(6));
        WorkOrder reopened = run(OPERATOR, closed, "reopen");
        assertEquals(WorkOrderState.DISPATCHED, reopened.state());
        assertNull(reopened.rating(), "a new round gets a new rating");
        assertNull(reopened.closedAt());

        WorkOrder closedAgain = orderIn(WorkOrderState.CLOSED);
        clock.advance(Duration.ofDays(8));
        ProblemException late = refused(ProblemType.CONFLICT, () -> run(OPERATOR, closedAgain, "reopen"));
        assertEquals(List.of(), late.extensions().get("allowed"));
    }

    @Test
    void theOriginatorMayCloseTheirOwnOrder() {
        WorkOrder o = kernel.submit(WORKER1, report("0403", IN_GRID1, null)).order();
        for (String c : List.of("accept", "dispatch")) {
            o = run(OPERATOR, o, c);
        }
        for (String c : List.of("start", "resolve")) {
            o = run(WORKER1, o, c);
        }
        o = run(OPERATOR, o, "verify");
        assertEquals(WorkOrderState.CLOSED, run(WORKER1, o, "close").state());
        WorkOrder other = orderIn(WorkOrderState.VERIFIED);
        // gridworker1 handled it but did not submit it: closing is the command centre's
        refused(ProblemType.FORBIDDEN, () -> run(WORKER1, other, "close"));
    }

    // ---- routing ---------------------------------------------------------------------------------------------

    @Test
    void aPointInAGridGoesToItsGridWorkerAndTheCategorysDepartment() {
        WorkOrder o = kernel.submit(OPERATOR, report("0601", IN_GRID1, null)).order();
        assertEquals(GRID1, o.regionCode());
        assertEquals(GRID1, o.gridCode());
        assertEquals("gridworker1", o.assignee());
        assertEquals("water", o.department());
        assertEquals(new Routing(GRID1, TOWN1, "water", "gridworker1", Routing.SOURCE_CATEGORY, null, null, null),
                o.routing());
        assertEquals(3, o.level());
        assertNull(o.deadline(), "the SLA clock starts when the order is accepted");
        assertEquals("13812345678", o.reporter().phone(), "the command centre calls back");
    }

    @Test
    void withoutAGridWorkerOrAGridTheTownOrCountyCommandCentreTakesIt() {
        WorkOrder noWorker = kernel.submit(OPERATOR, report("0901", IN_GRID2, null)).order();
        assertEquals(GRID2, noWorker.regionCode());
        assertNull(noWorker.assignee());
        assertNull(noWorker.department());
        assertEquals(Routing.SOURCE_COMMAND_CENTRE, noWorker.routing().source());
        assertEquals(TOWN1, noWorker.routing().commandCentre());
        assertEquals("no grid worker in grid " + GRID2, noWorker.routing().note());

        WorkOrder nowhere = kernel.submit(HOTLINE_TOKEN, report("0901", NOWHERE, null)).order();
        assertEquals(COUNTY, nowhere.regionCode(), "no grid, no address: the county");
        assertNull(nowhere.routing().commandCentre());
        assertTrue(kernel.find(OPERATOR, nowhere.id()).isEmpty(), "not the town's");
        assertTrue(kernel.find(HOTLINE_TOKEN, nowhere.id()).isPresent(), "the submitter sees it");

        WorkOrder houseOutsideGrids = kernel.submit(OPERATOR, report("0901", null, ADDRESS_NO_GRID)).order();
        assertEquals(VILLAGE1, houseOutsideGrids.regionCode());
        assertEquals(TOWN1, houseOutsideGrids.routing().commandCentre());
    }

    @Test
    void anAddressWinsOverThePointAndDoorplateCodesPlaceAReport() {
        WorkOrder o = kernel.submit(OPERATOR, report("0901", IN_GRID2, ADDRESS1)).order();
        assertEquals(GRID1, o.gridCode(), "the doorplate's grid, not the phone's GPS");
        assertEquals(ADDRESS1, o.addressCode());
        WorkOrder village = kernel.submit(OPERATOR, report("0901", IN_GRID2, VILLAGE1)).order();
        assertEquals(GRID2, village.gridCode(), "a village doorplate: the point picks the grid within the village");
        WorkOrder grid = kernel.submit(OPERATOR, report("0901", null, OTHER_GRID)).order();
        assertEquals(OTHER_GRID, grid.gridCode());
        assertEquals("gridworker2", grid.assignee());
    }

    @Test
    void routingRulesAreVersionedDataAndOrdersKeepTheVersionThatRoutedThem() {
        Caller admin = DemoWorld.user("admin", COUNTY, null, "county-admin", "*");
        RoutingRule everywhere = kernel.rules().create(admin, "0901", null, "natural-resources", "试点");
        RoutingRule inTown = kernel.rules().create(admin, "0901", TOWN1, "enforcement", "镇里执法队处理");
        WorkOrder first = kernel.submit(OPERATOR, report("0901", IN_GRID1, null)).order();
        assertEquals("enforcement", first.department(), "the most specific rule wins");
        assertEquals(new Routing(GRID1, TOWN1, "enforcement", "gridworker1", Routing.SOURCE_RULE, inTown.id(), 1,
                null), first.routing());
        WorkOrder county = kernel.submit(HOTLINE_TOKEN, report("0901", NOWHERE, null)).order();
        assertEquals("natural-resources", county.department());
        assertEquals(everywhere.id(), county.routing().ruleId());

        RoutingRule changed = kernel.rules().change(admin, inTown.id(), "market", "改由市场监管", 1);
        assertEquals(2, changed.version());
        WorkOrder second = kernel.submit(OPERATOR, report("0901", IN_GRID2, null)).order();
        assertEquals("market", second.department());
        assertEquals(2, second.routing().ruleVersion());
        WorkOrder reread = kernel.find(OPERATOR, first.id()).orElseThrow();
        assertEquals("enforcement", reread.routing().department(), "history is not rewritten");
        assertEquals(1, reread.routing().ruleVersion());
        assertEquals(2, kernel.rules().versions(inTown.id()).size());
        assertNotNull(kernel.rules().versions(inTown.id()).get(0).retiredAt());

        refused(ProblemType.CONFLICT, () -> kernel.rules().create(admin, "0901", TOWN1, "water", "重复"));
        refused(ProblemType.FORBIDDEN, () -> kernel.rules().create(OPERATOR, "0902", null, "water", null));
        kernel.rules().retire(admin, inTown.id());
        assertEquals("natural-resources", kernel.submit(OPERATOR, report("0901", null, ADDRESS_NO_GRID)).order()
                .department(), "retired: the global rule applies again");
    }

    @Test
    void aDepartmentThatDoesNotExistFallsBackToTheCommandCentre() throws Exception {
        sql("UPDATE og_wo_category SET department = 'sanitation' WHERE code = '0101'");
        WorkOrder o = kernel.submit(OPERATOR, report("0101", IN_GRID1, null)).order();
        assertNull(o.department());
        assertEquals(Routing.SOURCE_COMMAND_CENTRE, o.routing().source());
        assertEquals("department 'sanitation' does not exist here", o.routing().note());
    }

    // ---- intake ----------------------------------------------------------------------------------------------

    @Test
    void theSameKeyAnswersTheSameOrderAndADifferentReportUnderItIsRefused() throws Exception {
        Submission s = report("0601", IN_GRID1, null);
        IntakeResult first = kernel.submit(OPERATOR, s);
        IntakeResult again = kernel.submit(OPERATOR, s);
        assertEquals(Outcome.REPLAYED, again.outcome());
        assertEquals(first.order().id(), again.order().id());
        assertEquals("1", sql("SELECT COUNT(*) FROM og_workorder"));
        Submission changed = new Submission(s.channel(), s.category(), "另一件事", s.addressCode(), s.location(),
                s.reporter(), s.idempotencyKey());
        refused(ProblemType.CONFLICT, () -> kernel.submit(OPERATOR, changed));
        Submission otherChannel = new Submission("PATROL", s.category(), s.description(), null,
                new Location(IN_OTHER_GRID[0], IN_OTHER_GRID[1]), s.reporter(), s.idempotencyKey());
        assertEquals(Outcome.CREATED, kernel.submit(OPERATOR, otherChannel).outcome(), "keys are per channel");
        assertEquals(List.of("CREATED", "CREATED"), events.stream()
                .map(e -> e.substring(WorkOrderEvents.PREFIX.length(), e.indexOf(' '))).toList(),
                "a replay posts nothing");
    }

    @Test
    void concurrentSubmitsWithOneKeyCreateOneOrder() throws Exception {
        Submission s = report("0601", IN_GRID1, null);
        WorkOrderKernel otherNode = newNode();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IntakeResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            WorkOrderKernel node = i % 2 == 0 ? kernel : otherNode;
            results.add(pool.submit(() -> {
                start.await();
                return node.submit(OPERATOR, s);
            }));
        }
        start.countDown();
        Set<Long> ids = new java.util.HashSet<>();
        int created = 0;
        for (Future<IntakeResult> f : results) {
            IntakeResult r = f.get(60, TimeUnit.SECONDS);
            ids.add(r.order().id());
            created += r.outcome() == Outcome.CREATED ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        assertEquals(1, created);
        assertEquals("1", sql("SELECT COUNT(*) FROM og_workorder"));
        assertEquals("1", sql("SELECT COUNT(*) FROM og_wo_trail"));
    }

    @Test
    void nearDuplicatesOfTheDayAreLinkedToTheOpenOrderNotDispatchedTwice() throws Exception {
        WorkOrder first = kernel.submit(OPERATOR, report("0501", null, ADDRESS1)).order();
        IntakeResult second = kernel.submit(WORKER1, new Submission("PATROL", "0501", "井盖又被偷了", ADDRESS1, null,
                new Reporter("李四", "13900001111"), "patrol-1"));
        assertEquals(Outcome.LINKED, second.outcome());
        assertEquals(first.id(), second.order().id());
        assertEquals(1, second.order().linkedReports());
        assertEquals("1", sql("SELECT COUNT(*) FROM og_workorder"));
        assertEquals("13900001111", kernel.linkedReports(OPERATOR, first.id()).get(0).reporter().phone());
        assertEquals("139****1111", kernel.linkedReports(AUDITOR, first.id()).get(0).reporter().phone(),
                "masked for those who do not call back");
        assertEquals("link-report", kernel.trail(OPERATOR, first.id()).get(1).command());
        assertEquals(Outcome.REPLAYED, kernel.submit(WORKER1, new Submission("PATROL", "0501", "井盖又被偷了",
                ADDRESS1, null, new Reporter("李四", "13900001111"), "patrol-1")).outcome());

        // another category, or another day, is another problem
        assertEquals(Outcome.CREATED, kernel.submit(OPERATOR, report("0502", null, ADDRESS1)).outcome());
        clock.advance(Duration.ofDays(1));
        assertEquals(Outcome.CREATED, kernel.submit(OPERATOR, report("0501", null, ADDRESS1)).outcome());
        // once the order is no longer open, the next report of the day opens a new one and later ones link to it
        WorkOrder today = kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), "0501", null, null, null, null,
                clock.instant().minusSeconds(60), null, null), PageRequest.first(5)).items().get(0);
        run(OPERATOR, today, "reject");
        IntakeResult fresh = kernel.submit(OPERATOR, report("0501", null, ADDRESS1));
        assertEquals(Outcome.CREATED, fresh.outcome());
        assertEquals(fresh.order().id(), kernel.submit(OPERATOR, report("0501", null, ADDRESS1)).order().id());
    }

    @Test
    void concurrentNearDuplicatesCreateOneOrderAndLinkTheRest() throws Exception {
        WorkOrderKernel otherNode = newNode();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<IntakeResult>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            WorkOrderKernel node = i % 2 == 0 ? kernel : otherNode;
            Submission s = report("0603", IN_GRID1, null);
            results.add(pool.submit(() -> {
                start.await();
                return node.submit(OPERATOR, s);
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<IntakeResult> f : results) {
            outcomes.add(f.get(60, TimeUnit.SECONDS).outcome());
        }
        pool.shutdown();
        assertEquals(1, outcomes.stream().filter(o -> o == Outcome.CREATED).count(), outcomes.toString());
        assertEquals(threads - 1, outcomes.stream().filter(o -> o == Outcome.LINKED).count());
        assertEquals("1", sql("SELECT COUNT(*) FROM og_workorder"));
        assertEquals(String.valueOf(threads - 1), sql("SELECT linked_reports FROM og_workorder"));
        assertTrue(kernel.verifyTrail(OPERATOR, Long.parseLong(sql("SELECT id FROM og_workorder"))).intact());
    }

    @Test
    void badReportsAreRefusedWithEveryProblemAndStoreNothing() throws Exception {
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> kernel.submit(OPERATOR, new Submission(
                "hotline", "09", " ", null, null, new Reporter("张三", "call me"), "")));
        assertEquals(List.of("/channel", "/category", "/description", "/idempotencyKey", "/reporter/phone",
                "/addressCode"), fields(e));
        ProblemException place = refused(ProblemType.VALIDATION_FAILED, () -> kernel.submit(OPERATOR, new Submission(
                "HOTLINE", "0901", "x", "37039910120199999999", new Location(18, 36.8), null, "k1")));
        assertEquals(List.of("/location", "/addressCode"), fields(place));
        refused(ProblemType.FORBIDDEN, () -> kernel.submit(AUDITOR, report("0901", IN_GRID1, null)));
        ProblemException anonymous = refused(ProblemType.VALIDATION_FAILED, () -> kernel.submitAnonymous(
                new Submission("QR", "0901", "吵架", null, new Location(IN_GRID1[0], IN_GRID1[1]), null, "qr-1"),
                "10.0.0.9"));
        assertEquals(List.of("/reporter/phone"), fields(anonymous));
        assertEquals("0", sql("SELECT COUNT(*) FROM og_workorder"));
        assertEquals("0", sql("SELECT COUNT(*) FROM og_wo_idempotency"));
    }

    @Test
    void anAnonymousQrReportIsRoutedAndItsTrailNamesTheResident() {
        IntakeResult r = kernel.submitAnonymous(new Submission("QR", "0901", "楼上漏水，邻居不理", null,
                new Location(IN_GRID1[0], IN_GRID1[1]), new Reporter(null, "13700000000"), "qr-abc"), "10.0.0.9");
        assertEquals("gridworker1", r.order().assignee());
        assertNull(r.order().createdBy());
        TrailRecord first = kernel.trail(OPERATOR, r.order().id()).get(0);
        assertEquals("resident", first.actor());
        assertTrue(first.detail().endsWith("anonymous report from 10.0.0.9"), first.detail());
    }

    @Test
    void theReporterFollowsTheReportByItsTrackingCodeAndRatesItOnceResolved() {
        clock.advance(Duration.ofDays(1));
        Submission qr = new Submission("QR", "0901", "楼道堆放杂物<script>", null,
                new Location(IN_GRID1[0], IN_GRID1[1]), new Reporter(null, "13700000009"), "qr-track");
        IntakeResult r = kernel.submitAnonymous(qr, "10.0.0.9");
        String code = r.trackingCode();
        assertTrue(code.matches("[2-9A-HJKMNP-Z]{12}"), code);
        assertEquals(code, kernel.submitAnonymous(qr, "10.0.0.9").trackingCode(), "a retry answers the same code");
        Tracking.View view = kernel.tracking().view(code.toLowerCase(java.util.Locale.ROOT).substring(0, 6) + "-"
                + code.substring(6));
        assertEquals(r.order().number(), view.number());
        assertEquals("楼道堆放杂物<script>", view.description());
        assertEquals("0901", view.category().code());
        assertFalse(view.canRate());
        refused(ProblemType.CONFLICT, () -> kernel.tracking().rate(code, 5, null));
        refused(ProblemType.NOT_FOUND, () -> kernel.tracking().view("ABCDEFGHJKMN"));
        refused(ProblemType.NOT_FOUND, () -> kernel.tracking().view("<script>"));

        // a neighbour reports the same problem: linked, their code shows progress but not the first report
        IntakeResult neighbour = kernel.submitAnonymous(new Submission("QR", "0901", "我也要投诉杂物", null,
                new Location(IN_GRID1[0], IN_GRID1[1]), new Reporter(null, "13700000010"), "qr-track-2"), "10.0.0.8");
        assertEquals(Outcome.LINKED, neighbour.outcome());
        Tracking.View linked = kernel.tracking().view(neighbour.trackingCode());
        assertTrue(linked.linked());
        assertNull(linked.description());

        WorkOrder o = r.order();
        for (String command : List.of("accept", "dispatch", "start")) {
            o = run(actorOf(command), o, command);
        }
        o = kernel.command(WORKER1, o.id(), new WorkOrderCommand("resolve", null, "已清理楼道", null, null, null, null,
                null, null));
        view = kernel.tracking().view(code);
        assertTrue(view.canRate());
        assertEquals(List.of("submit", "accept", "dispatch", "start", "resolve"),
                view.steps().stream().map(Tracking.Step::command).toList());
        assertEquals("已清理楼道", view.steps().get(4).comment());
        assertNull(view.steps().get(2).comment(), "internal notes stay internal");
        assertTrue(view.steps().stream().noneMatch(st -> st.toString().contains("gridworker")));
        ProblemException bad = refused(ProblemType.VALIDATION_FAILED, () -> kernel.tracking().rate(code, 6, null));
        assertEquals(List.of("/rating"), fields(bad));
        refused(ProblemType.CONFLICT, () -> kernel.tracking().rate(neighbour.trackingCode(), 5, null));

        Tracking.View rated = kernel.tracking().rate(code, 5, "很满意");
        assertEquals(5, rated.rating());
        assertFalse(rated.canRate());
        refused(ProblemType.CONFLICT, () -> kernel.tracking().rate(code, 1, "改主意了"));
        WorkOrder after = kernel.find(OPERATOR, o.id()).orElseThrow();
        assertEquals(WorkOrderState.RESOLVED, after.state());
        assertEquals(5, after.rating());
        TrailRecord last = kernel.trail(OPERATOR, o.id()).get(kernel.trail(OPERATOR, o.id()).size() - 1);
        assertEquals("rate", last.command());
        assertEquals("resident", last.actor());
        assertTrue(kernel.verifyTrail(OPERATOR, o.id()).intact());
        // the command centre revisits and closes as usual; a rated order is not rated again
        o = run(OPERATOR, after, "verify");
        assertEquals(WorkOrderState.CLOSED, run(OPERATOR, o, "close").state());
    }

    // ---- reading and scope -----------------------------------------------------------------------------------

    @Test
    void eachCallerSeesItsScopeItsAssignmentsAndWhatItSubmitted() {
        WorkOrder inGrid1 = kernel.submit(OPERATOR, report("0901", IN_GRID1, null)).order();
        WorkOrder water = kernel.submit(OPERATOR, report("0601", IN_OTHER_GRID, null)).order();
        WorkOrder county = kernel.submit(HOTLINE_TOKEN, report("1001", NOWHERE, null)).order();
        assertEquals(Set.of(inGrid1.id()), ids(WORKER1));
        assertEquals(Set.of(water.id()), ids(WORKER2));
        assertEquals(Set.of(water.id()), ids(WATER));
        assertEquals(Set.of(inGrid1.id(), water.id()), ids(OPERATOR));
        assertEquals(Set.of(inGrid1.id(), water.id(), county.id()), ids(AUDITOR));
        assertEquals(Set.of(inGrid1.id(), water.id(), county.id()), ids(HOTLINE_TOKEN), "a county-wide token");
        assertTrue(kernel.find(WORKER2, inGrid1.id()).isEmpty());
        refused(ProblemType.NOT_FOUND, () -> kernel.trail(WORKER2, inGrid1.id()));
        refused(ProblemType.NOT_FOUND, () -> kernel.verifyTrail(WORKER2, inGrid1.id()));

        // dispatched to gridworker2 (reason given), it sees it wherever it lies
        run(OPERATOR, inGrid1, "accept");
        kernel.command(OPERATOR, inGrid1.id(), new WorkOrderCommand("dispatch", "就近处理", null, null,
                "gridworker2", null, null, null, null));
        assertTrue(kernel.find(WORKER2, inGrid1.id()).isPresent());
        assertEquals("138****5678", kernel.find(AUDITOR, inGrid1.id()).orElseThrow().reporter().phone());
        assertEquals("13812345678", kernel.find(WORKER2, inGrid1.id()).orElseThrow().reporter().phone());
    }

    @Test
    void aPageMergesTheCallersScopeWithWhatIsAssignedToItElsewhereInOrder() {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofDays(1)); // one a day, no near-duplicates
            WorkOrder o = kernel.submit(OPERATOR, report("0901", i % 2 == 0 ? IN_GRID1 : IN_GRID2, null)).order();
            if (i % 2 == 1) { // in grid 2: dispatched to gridworker1, outside his scope
                run(OPERATOR, o, "accept");
                kernel.command(OPERATOR, o.id(), new WorkOrderCommand("dispatch", "支援", null, null, "gridworker1",
                        null, null, null, null));
            }
            expected.add(0, o.id()); // newest first
        }
        List<Long> paged = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            var page = kernel.list(WORKER1, WorkOrderFilter.all(), PageRequest.of(p, 2));
            assertEquals(5, page.total());
            page.items().forEach(o -> paged.add(o.id()));
        }
        assertEquals(expected, paged, "three of his grid and two assigned elsewhere, interleaved by creation time");
        var oldestFirst = kernel.list(WORKER1, WorkOrderFilter.all(), PageRequest.of(1, 3, new SortOrder("createdAt", false)));
        assertEquals(List.of(expected.get(4), expected.get(3), expected.get(2)),
                oldestFirst.items().stream().map(WorkOrder::id).toList());
    }

    @Test
    void eachCallerIsOfferedTheCommandsItMayGiveNow() {
        WorkOrder o = submitted();
        long id = o.id();
        assertEquals(List.of("accept", "reject", "comment"), kernel.availableCommands(OPERATOR, id));
        assertEquals(List.of("comment"), kernel.availableCommands(WORKER1, id), "a grid worker does not triage");
        refused(ProblemType.NOT_FOUND, () -> kernel.availableCommands(WORKER2, id));
        o = run(OPERATOR, o, "accept");
        o = run(OPERATOR, o, "dispatch");
        assertEquals(List.of("return", "start", "request-joint", "comment"), kernel.availableCommands(WORKER1, o.id()));
        assertTrue(kernel.availableCommands(OPERATOR, o.id()).contains("dispatch"));
        assertFalse(kernel.availableCommands(OPERATOR, o.id()).contains("start"), "the operator does not handle");
    }

    @Test
    void aCommentGoesOnTheTrailWithoutChangingTheStateAndNotOnAFinishedOrder() {
        WorkOrder o = run(OPERATOR, submitted(), "accept");
        o = run(OPERATOR, o, "dispatch");
        long version = o.version();
        WorkOrder noted = kernel.command(WORKER1, o.id(), WorkOrderCommand.comment("  已电话联系居民，明早上门  "));
        assertEquals(WorkOrderState.DISPATCHED, noted.state());
        assertTrue(noted.version() > version, "the version moves: a note serialises with commands");
        // the system (a plugin) may note too, whatever its relation
        kernel.command(Caller.SYSTEM, o.id(), WorkOrderCommand.comment("水位回落至 1.42 m（10:32），告警解除"));
        List<TrailRecord> trail = kernel.trail(OPERATOR, o.id());
        TrailRecord last = trail.get(trail.size() - 1);
        assertEquals("comment", last.command());
        assertEquals(WorkOrderState.DISPATCHED, last.fromState());
        assertEquals(WorkOrderState.DISPATCHED, last.toState());
        assertEquals("水位回落至 1.42 m（10:32），告警解除", last.reason());
        assertEquals("system", last.actor());
        assertEquals("已电话联系居民，明早上门", trail.get(trail.size() - 2).reason());
        assertTrue(kernel.verifyTrail(OPERATOR, o.id()).intact());
        assertTrue(events.contains("io/onegrid/workorder/COMMENTED " + o.number()));
        // refused: no text, arguments it does not take, an invisible order, a stale version
        long id = o.id();
        assertEquals(List.of("/comment"), fields(refused(ProblemType.VALIDATION_FAILED,
                () -> kernel.command(WORKER1, id, WorkOrderCommand.comment(" ")))));
        refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(WORKER1, id,
                new WorkOrderCommand("comment", "why", "text", null, null, null, null, null, null)));
        refused(ProblemType.NOT_FOUND, () -> kernel.command(WORKER2, id, WorkOrderCommand.comment("看不见")));
        refused(ProblemType.CONFLICT, () -> kernel.command(WORKER1, id, new WorkOrderCommand("comment", null,
                "旧版本", null, null, null, null, null, 1L)));
        assertEquals(trail.size(), kernel.trail(OPERATOR, id).size(), "refusals add nothing");
        // a closed or rejected order takes no notes, and does not offer it
        WorkOrder closed = orderIn(WorkOrderState.CLOSED);
        ProblemException e = refused(ProblemType.CONFLICT, () -> kernel.command(OPERATOR, closed.id(),
                WorkOrderCommand.comment("太晚了")));
        assertEquals("CLOSED", e.extensions().get("state"));
        assertFalse(kernel.availableCommands(OPERATOR, closed.id()).contains("comment"));
        WorkOrder rejected = orderIn(WorkOrderState.REJECTED);
        refused(ProblemType.CONFLICT, () -> kernel.command(Caller.SYSTEM, rejected.id(),
                WorkOrderCommand.comment("太晚了")));
        WorkOrder resolved = orderIn(WorkOrderState.RESOLVED);
        assertEquals(WorkOrderState.RESOLVED, kernel.command(WORKER1, resolved.id(),
                WorkOrderCommand.comment("补充：现场照片已上传")).state());
    }

    private Set<Long> ids(Caller caller) {
        Set<Long> ids = new java.util.HashSet<>();
        kernel.list(caller, WorkOrderFilter.all(), PageRequest.first(100)).items().forEach(o -> ids.add(o.id()));
        return ids;
    }

    @Test
    void listsFilterSortAndPage() {
        for (int i = 1; i <= 5; i++) {
            kernel.submit(OPERATOR, report("090" + i, IN_GRID1, null));
            clock.advance(Duration.ofMinutes(1));
        }
        WorkOrder water = kernel.submit(OPERATOR, report("0601", IN_GRID2, null)).order();
        var page = kernel.list(OPERATOR, WorkOrderFilter.all(), PageRequest.of(1, 4));
        assertEquals(6, page.total());
        assertEquals(water.id(), page.items().get(0).id(), "newest first");
        assertEquals(1, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), "06", null, null, null, null, null, null,
                null), PageRequest.first(10)).total());
        assertEquals(1, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, GRID2, null, null, null, null, null,
                null), PageRequest.first(10)).total());
        assertEquals(1, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, null, "water", null, null, null,
                null, null), PageRequest.first(10)).total());
        assertEquals(5, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, null, null, null, "gridworker1",
                null, null, "窨井"), PageRequest.first(10)).total());
        assertEquals(1, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, null, null, null, null, null, null,
                water.number()), PageRequest.first(10)).total());
        assertEquals(0, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(WorkOrderState.CLOSED), null, null, null,
                null, null, null, null, null), PageRequest.first(10)).total());
        assertEquals(0, kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, null, null, null, null, null, null,
                "100%_"), PageRequest.first(10)).total(), "wildcards match literally");
        var oldest = kernel.list(OPERATOR, WorkOrderFilter.all(), PageRequest.of(1, 2,
                io.onegrid.api.paging.SortOrder.asc("createdAt")));
        assertTrue(oldest.items().get(0).createdAt().isBefore(oldest.items().get(1).createdAt()));
        refused(ProblemType.INVALID_REQUEST, () -> kernel.list(OPERATOR, WorkOrderFilter.all(),
                PageRequest.of(1, 2, io.onegrid.api.paging.SortOrder.asc("reporterPhone"))));
    }

    @Test
    void theOverdueFilterFindsOpenOrdersPastTheirDeadline() {
        WorkOrder notAccepted = submitted();
        WorkOrder late = orderIn(WorkOrderState.DISPATCHED);
        WorkOrder resolved = orderIn(WorkOrderState.RESOLVED);
        assertNotNull(late.deadline());
        assertNotNull(resolved.deadline());
        assertEquals(List.of(), overdue(true), "nothing is late yet");
        clock.advance(Duration.ofDays(90));
        assertEquals(List.of(late.id()), overdue(true));
        assertEquals(Set.of(notAccepted.id(), resolved.id()), Set.copyOf(overdue(false)),
                "no deadline yet, or resolved");
        assertEquals(0, kernel.list(WORKER2, new WorkOrderFilter(Set.of(), null, null, null, null, null, null, null,
                null, true), PageRequest.first(10)).total(), "the scope still applies");
    }

    private List<Long> overdue(boolean overdue) {
        return kernel.list(OPERATOR, new WorkOrderFilter(Set.of(), null, null, null, null, null, null, null, null,
                overdue), PageRequest.first(100)).items().stream().map(WorkOrder::id).toList();
    }

    // ---- attachments -----------------------------------------------------------------------------------------

    private AttachmentEntity.Attachment attach(Caller caller, WorkOrder o, byte[] content) {
        return kernel.attachments().attach(caller, o.id(), new Attachments.Upload(
                new java.io.ByteArrayInputStream(content), "image/png", content.length, "现场.png")).attachment();
    }

    private long storedFiles() throws Exception {
        try (var walk = java.nio.file.Files.walk(files)) {
            return walk.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    @Test
    void theHandlerUploadsEvidenceAndResolvesNamingIt() throws Exception {
        WorkOrder o = orderIn(WorkOrderState.IN_PROGRESS);
        AttachmentEntity.Attachment photo = attach(WORKER1, o, AttachmentStoreTest.PNG);
        assertEquals("image/png", photo.mediaType());
        assertEquals(AttachmentStoreTest.PNG.length, photo.size());
        assertEquals("现场.png", photo.name());
        assertEquals("gridworker1", photo.uploadedBy());
        WorkOrder resolved = kernel.command(WORKER1, o.id(), new WorkOrderCommand("resolve", null, "已处理", null,
                null, null, null, List.of(photo.sha256()), null));
        assertEquals(WorkOrderState.RESOLVED, resolved.state());
        assertEquals(List.of(photo.sha256()), kernel.trail(OPERATOR, o.id()).get(4).attachments());
        Attachments.File file = kernel.attachments().file(OPERATOR, o.id(), photo.sha256());
        assertArrayEquals(AttachmentStoreTest.PNG, java.nio.file.Files.readAllBytes(file.path()));
        assertEquals(List.of(photo), kernel.attachments().list(WORKER1, o.id()));
        refused(ProblemType.NOT_FOUND, () -> kernel.attachments().list(WORKER2, o.id()));
        refused(ProblemType.NOT_FOUND, () -> kernel.attachments().file(WORKER2, o.id(), photo.sha256()));
    }

    @Test
    void theSameContentIsStoredOnceAndListedOncePerOrder() throws Exception {
        WorkOrder first = orderIn(WorkOrderState.IN_PROGRESS);
        WorkOrder second = orderIn(WorkOrderState.IN_PROGRESS);
        AttachmentEntity.Attachment a = attach(WORKER1, first, AttachmentStoreTest.PNG);
        Attachments.Result again = kernel.attachments().attach(WORKER1, first.id(), new Attachments.Upload(
                new java.io.ByteArrayInputStream(AttachmentStoreTest.PNG), "image/png", -1, null));
        assertFalse(again.created());
        assertEquals(a.sha256(), again.attachment().sha256());
        assertEquals(a.sha256(), attach(WORKER1, second, AttachmentStoreTest.PNG).sha256());
        assertEquals(1, kernel.attachments().list(OPERATOR, first.id()).size());
        assertEquals(1, kernel.attachments().list(OPERATOR, second.id()).size());
        assertEquals(1, storedFiles(), "one file for both orders");
    }

    @Test
    void commandsNamingFilesNotUploadedToTheOrderAreRefusedAndChangeNothing() throws Exception {
        WorkOrder o = orderIn(WorkOrderState.IN_PROGRESS);
        WorkOrder other = orderIn(WorkOrderState.IN_PROGRESS);
        String elsewhere = attach(WORKER1, other, AttachmentStoreTest.PNG).sha256();
        String own = attach(WORKER1, o, java.util.Arrays.copyOf(AttachmentStoreTest.PNG, 64)).sha256();
        ProblemException e = refused(ProblemType.VALIDATION_FAILED, () -> kernel.command(WORKER1, o.id(),
                new WorkOrderCommand("resolve", null, "已处理", null, null, null, null,
                        List.of(own, "b".repeat(64), elsewhere), null)));
        assertEquals(List.of("/attachments/1", "/attachments/2"), fields(e));
        WorkOrder unchanged = kernel.find(OPERATOR, o.id()).orElseThrow();
        assertEquals(WorkOrderState.IN_PROGRESS, unchanged.state());
        assertEquals(o.version(), unchanged.version());
        assertEquals(4, kernel.trail(OPERATOR, o.id()).size(), "submit, accept, dispatch, start: nothing more");
    }

    @Test
    void refusedUploadsStoreNothingAndOnlyThoseWhoActMayUpload() throws Exception {
        WorkOrder o = orderIn(WorkOrderState.IN_PROGRESS);
        refused(ProblemType.UNSUPPORTED_MEDIA_TYPE, () -> kernel.attachments().attach(WORKER1, o.id(),
                new Attachments.Upload(new java.io.ByteArrayInputStream(AttachmentStoreTest.TEXT), "image/png", -1,
                        null)));
        refused(ProblemType.FORBIDDEN, () -> attach(AUDITOR, o, AttachmentStoreTest.PNG));
        refused(ProblemType.NOT_FOUND, () -> attach(WORKER2, o, AttachmentStoreTest.PNG));
        assertEquals(List.of(), kernel.attachments().list(OPERATOR, o.id()));
        assertEquals(0, storedFiles());
        WorkOrder closed = orderIn(WorkOrderState.CLOSED);
        refused(ProblemType.CONFLICT, () -> attach(OPERATOR, closed, AttachmentStoreTest.PNG));
        assertEquals(0, storedFiles());
    }

    @Test
    void anAnonymousReporterUploadsWithTheReceiptsTokenOnly() throws Exception {
        WorkOrder another = submitted();
        WorkOrder o = submitted();
        Attachments.UploadToken token = kernel.attachments().issueToken(o.id());
        assertEquals(clock.instant().plus(Duration.ofMinutes(120)), token.expiresAt());
        Attachments.Upload photo = new Attachments.Upload(new java.io.ByteArrayInputStream(AttachmentStoreTest.PNG),
                "image/png", -1, null);
        refused(ProblemType.FORBIDDEN, () -> kernel.attachments().attachAnonymous(o.number(), "forged", photo,
                "10.0.0.9"));
        refused(ProblemType.FORBIDDEN, () -> kernel.attachments().attachAnonymous(another.number(), token.token(),
                photo, "10.0.0.9"));
        refused(ProblemType.UNAUTHORIZED, () -> kernel.attachments().attachAnonymous(o.number(), null, photo,
                "10.0.0.9"));
        AttachmentEntity.Attachment a = kernel.attachments().attachAnonymous(o.number(), token.token(),
                new Attachments.Upload(new java.io.ByteArrayInputStream(AttachmentStoreTest.PNG), "image/png", -1,
                        null), "10.0.0.9").attachment();
        assertEquals("resident", a.uploadedBy());
        clock.advance(Duration.ofDays(1));
        refused(ProblemType.FORBIDDEN, () -> kernel.attachments().attachAnonymous(o.number(), token.token(),
                new Attachments.Upload(new java.io.ByteArrayInputStream(AttachmentStoreTest.JPEG), "image/jpeg",
                        -1, null), "10.0.0.9"));
        assertEquals(List.of(a), kernel.attachments().list(OPERATOR, o.id()));
    }

    // ---- the trail -------------------------------------------------------------------------------------------

    @Test
    void aRewrittenTrailRecordIsDetected() throws Exception {
        WorkOrder o = orderIn(WorkOrderState.IN_PROGRESS);
        assertEquals(new TrailVerification(o.id(), true, 4, null, null), kernel.verifyTrail(OPERATOR, o.id()));
        sql("UPDATE og_wo_trail SET reason = 'nothing to see' WHERE order_id = ? AND seq = 2", o.id());
        TrailVerification v = kernel.verifyTrail(OPERATOR, o.id());
        assertFalse(v.intact());
        assertEquals(2, v.firstBrokenSeq());
        assertTrue(v.reason().contains("changed after it was recorded"), v.reason());
    }

    @Test
    void aTamperedStateADeletedRecordAndAStateChangedWithoutTrailAreDetected() throws Exception {
        WorkOrder a = orderIn(WorkOrderState.DISPATCHED);
        sql("UPDATE og_wo_trail SET to_state = 'HACKED' WHERE order_id = ? AND seq = 3", a.id());
        assertEquals(3, kernel.verifyTrail(OPERATOR, a.id()).firstBrokenSeq());
        assertEquals(null, kernel.trail(OPERATOR, a.id()).get(2).toState(), "an unknown state still reads");

        WorkOrder b = orderIn(WorkOrderState.DISPATCHED);
        sql("DELETE FROM og_wo_trail WHERE order_id = ? AND seq = 2", b.id());
        TrailVerification deleted = kernel.verifyTrail(OPERATOR, b.id());
        assertEquals(2, deleted.firstBrokenSeq());
        assertEquals("Record 2 is missing", deleted.reason());

        WorkOrder c = orderIn(WorkOrderState.DISPATCHED);
        sql("UPDATE og_workorder SET state = 'CLOSED' WHERE id = ?", c.id());
        TrailVerification silent = kernel.verifyTrail(OPERATOR, c.id());
        assertFalse(silent.intact());
        assertEquals(0, silent.firstBrokenSeq());
    }

    // ---- categories ------------------------------------------------------------------------------------------

    @Test
    void theDefaultTaxonomyHasTenMajorAndFortyTwoMinorCategories() {
        List<Category> all = kernel.categories().all();
        assertEquals(10, all.stream().filter(c -> c.parentCode() == null).count());
        assertEquals(42, all.stream().filter(c -> c.parentCode() != null).count());
        assertTrue(all.stream().filter(c -> c.parentCode() != null)
                .allMatch(c -> c.code().startsWith(c.parentCode())));
        assertTrue(all.stream().map(Category::department).filter(d -> d != null)
                .allMatch(DemoWorld.DEPARTMENTS::contains), "only the demo departments' codes");

        Caller admin = DemoWorld.user("admin", COUNTY, null, "county-admin", "*");
        Category added = kernel.categories().save(admin, new Category("0107", null, "x", "x", null, 1,
                SlaKind.DIFFICULT, true, 0), true);
        assertEquals("x", added.nameZh());
        refused(ProblemType.CONFLICT, () -> kernel.categories().save(admin, new Category("0107", null, "y", "y", null,
                1, SlaKind.DIFFICULT, true, 99), false));
        refused(ProblemType.VALIDATION_FAILED, () -> kernel.categories().save(admin, new Category("0199", null, "y",
                "y", "nowhere", 9, SlaKind.DIFFICULT, true, 0), true));
        refused(ProblemType.FORBIDDEN, () -> kernel.categories().save(OPERATOR, added, false));
        kernel.categories().save(admin, new Category("0107", null, "x", "x", null, 1, SlaKind.DIFFICULT, false,
                added.version()), false);
        ProblemException disabled = refused(ProblemType.VALIDATION_FAILED, () -> kernel.submit(OPERATOR,
                report("0107", IN_GRID1, null)));
        assertEquals(List.of("/category"), fields(disabled));
    }

    @Test
    void aPluginAddsItsCategoryOnceAndNeverOverwritesTheCountysEdits() {
        PluginCategories catalog = new PluginCategories(kernel.categories());
        CategoryCatalog.Definition kitchen = new CategoryCatalog.Definition("0891", "明厨亮灶告警",
                "Kitchen camera alarm", 2, "routine", 5);
        assertFalse(catalog.takesReports("0891"));
        assertTrue(catalog.ensure(kitchen), "added");
        assertFalse(catalog.ensure(kitchen), "there already");
        assertTrue(catalog.takesReports("0891"));
        Category added = kernel.categories().find("0891").orElseThrow();
        assertEquals("08", added.parentCode());
        assertEquals(SlaKind.ROUTINE, added.slaKind());
        assertEquals(5, added.slaDays());

        Caller admin = DemoWorld.user("admin", COUNTY, null, "county-admin", "*");
        kernel.categories().save(admin, new Category("0891", null, "后厨告警", "Kitchen alarm", null, 3,
                SlaKind.URGENT, true, added.version()), false);
        assertFalse(catalog.ensure(kitchen));
        assertEquals("后厨告警", kernel.categories().find("0891").orElseThrow().nameZh(), "the county's edit stays");
        assertNotNull(kernel.submit(OPERATOR, report("0891", IN_GRID1, null)).order());

        refused(ProblemType.VALIDATION_FAILED, () -> catalog.ensure(new CategoryCatalog.Definition("77", "x", "x", 1,
                "URGENT", null)));
        refused(ProblemType.VALIDATION_FAILED, () -> catalog.ensure(new CategoryCatalog.Definition("9901", "x", "x",
                1, "URGENT", null)));
        refused(ProblemType.VALIDATION_FAILED, () -> catalog.ensure(new CategoryCatalog.Definition("0892", "x", "x",
                1, "SOMETIME", null)));
        assertFalse(catalog.takesReports("0892"));
    }
}
