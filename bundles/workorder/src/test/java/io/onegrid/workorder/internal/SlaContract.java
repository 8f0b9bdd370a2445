package io.onegrid.workorder.internal;

import static io.onegrid.workorder.internal.DemoWorld.COUNTY;
import static io.onegrid.workorder.internal.DemoWorld.IN_GRID1;
import static io.onegrid.workorder.internal.DemoWorld.IN_GRID2;
import static io.onegrid.workorder.internal.DemoWorld.LEADER;
import static io.onegrid.workorder.internal.DemoWorld.OPERATOR;
import static io.onegrid.workorder.internal.DemoWorld.TOWN1;
import static io.onegrid.workorder.internal.DemoWorld.WORKER1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.notify.Notification;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Reporter;
import io.onegrid.api.workorder.SlaStatus;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.Supervision;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
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

/**
 * SLA clocks, durable timers, supervision, escalation and notifications on a real database (subclasses give it),
 * with the kernel's own persistence unit and migrations; several kernels on one database play several nodes.
 */
abstract class SlaContract {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final Caller ADMIN = DemoWorld.user("admin", COUNTY, null, Roles.COUNTY_ADMIN, "*");

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
        List<ScriptSet.ScriptFile> files = DemoWorld.migrations();
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("workorder", ScriptSet.select("workorder", files, runner.dialect()));
        world = new DemoWorld();
        // The people an escalation reaches in the demo town and county.
        world.accounts.add(new Account(10, "leader1", "镇长", TOWN1, null, Set.of(Roles.TOWN_LEADER), true));
        world.accounts.add(new Account(11, "inspector1", "督导员", TOWN1, null, Set.of(Roles.INSPECTOR), true));
        world.accounts.add(new Account(12, "admin", "县管理员", COUNTY, null, Set.of(Roles.COUNTY_ADMIN), true));
        // Tuesday 24 November 2026, 10:00 in China.
        clock = new DemoWorld.MutableClock(china(2026, 11, 24, 10, 0));
        kernel = newNode();
    }

    @AfterEach
    void tearDown() throws Exception {
        factories.forEach(EntityManagerFactory::close);
        dropDatabase();
    }

    /** A OneGrid node on the test database: its own persistence unit, the shared clock. */
    private WorkOrderKernel newNode() {
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("onegrid-workorder", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        factories.add(emf);
        WorkOrderKernel node = new WorkOrderKernel(emf, dialect(), world.grids, world.addresses,
                world.accountDirectory, world.departments, world.regions, WorkOrderConfigValues.DEFAULTS, clock);
        node.publisher = (topic, props) -> events.add(topic.substring(WorkOrderEvents.PREFIX.length()) + " "
                + props.get(WorkOrderEvents.PROPERTY_ID)
                + (props.containsKey(WorkOrderEvents.PROPERTY_ESCALATION_LEVEL)
                ? " level " + props.get(WorkOrderEvents.PROPERTY_ESCALATION_LEVEL) : ""));
        return node;
    }

    static Instant china(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(CHINA).toInstant();
    }

    private WorkOrder submit(String category, double[] point) {
        return kernel.submit(OPERATOR, new Submission("HOTLINE", category, "问题描述 " + keys.incrementAndGet(), null,
                new Location(point[0], point[1]), new Reporter("张三", "13812345678"), "sla-" + keys.get())).order();
    }

    private WorkOrder run(Caller caller, WorkOrder o, String command) {
        return kernel.command(caller, o.id(), WorkOrderCommand.of(command, null));
    }

    private WorkOrder run(Caller caller, WorkOrder o, String command, String reason) {
        return kernel.command(caller, o.id(), WorkOrderCommand.withReason(command, reason, null));
    }

    /** Illegal construction (0301: difficult, level 2, natural resources) in grid 1, dispatched to gridworker1. */
    private WorkOrder dispatchedDifficult() {
        WorkOrder o = submit("0301", IN_GRID1);
        run(OPERATOR, o, "accept");
        return run(OPERATOR, o, "dispatch");
    }

    private WorkOrder reload(WorkOrder o) {
        return kernel.find(Caller.SYSTEM, o.id()).orElseThrow();
    }

    private SlaService.ScanReport scan() {
        return kernel.sla().scan("test-node");
    }

    private List<String> inbox(String user) {
        Caller me = DemoWorld.user(user, TOWN1, null, Roles.GRID_WORKER, "workorder.read");
        return kernel.sla().inbox().list(me, false, PageRequest.of(1, 100)).items().stream()
                .map(i -> i.kind() + " " + i.orderNumber()).toList();
    }

    private List<String> systemSteps(WorkOrder o) {
        return kernel.trail(Caller.SYSTEM, o.id()).stream().filter(r -> r.actor().equals("system"))
                .map(TrailRecord::command).toList();
    }

    private List<SlaTimerEntity> pending(WorkOrder o) {
        return kernel.sla().timers(o.id()).stream().filter(t -> t.status().equals(SlaTimerEntity.PENDING)).toList();
    }

    private void moveTo(Instant at) {
        clock.advance(Duration.between(clock.instant(), at));
    }

    // ---- deadlines -------------------------------------------------------------------------------------------

    @Test
    void theClockStartsOnAcceptanceWithEachKindsDeadlineOverWorkingDays() {
        WorkOrder difficult = submit("0301", IN_GRID1);
        assertNull(difficult.deadline(), "no clock before acceptance");
        assertNull(difficult.sla().light());
        difficult = run(OPERATOR, difficult, "accept");
        // Tuesday + 3 working days: Wed 25, Thu 26, Fri 27 November; due at the end of Friday.
        assertEquals(china(2026, 11, 28, 0, 0), difficult.deadline());
        assertEquals(SlaStatus.Light.GREEN, difficult.sla().light());
        assertEquals(Duration.ofHours(86).toSeconds(), difficult.sla().remainingSeconds());
        assertEquals(clock.instant(), difficult.sla().startedAt());

        WorkOrder urgent = run(OPERATOR, submit("0601", IN_GRID2), "accept");
        assertEquals(china(2026, 11, 25, 0, 0), urgent.deadline(), "urgent: the same day");

        // A routine category with a 5-working-day limit: 25, 26, 27, 30 November and 1 December.
        kernel.categories().save(ADMIN, new Category("0906", null, "其他社会事务", "Other social affairs", null, 1,
                SlaKind.ROUTINE, true, 0, 5), true);
        WorkOrder routine = run(OPERATOR, submit("0906", IN_GRID1), "accept");
        assertEquals(china(2026, 12, 2, 0, 0), routine.deadline());

        // Major: no deadline until it is agreed at dispatch; a dispatch without one is refused and changes nothing.
        WorkOrder major = run(OPERATOR, submit("0905", IN_GRID1), "accept");
        assertNull(major.deadline());
        assertNull(major.sla().light());
        WorkOrder refusedMajor = major;
        ProblemException e = assertThrows(ProblemException.class, () -> run(OPERATOR, refusedMajor, "dispatch"));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals(WorkOrderState.ACCEPTED, reload(major).state());
        Instant agreed = china(2026, 12, 31, 17, 0);
        major = kernel.command(OPERATOR, major.id(), new WorkOrderCommand("dispatch", null, null, null, null, null,
                agreed, null, null));
        assertEquals(agreed, major.deadline());
        assertEquals(SlaStatus.Light.GREEN, major.sla().light());
    }

    @Test
    void holidaysAndWorkedWeekendDaysOfTheCalendarCount() {
        // Wednesday 30 September 2026: National Day holidays 1-7 October, Saturday 10 October worked (V3's 2026 data).
        moveTo(china(2026, 9, 30, 9, 0));
        WorkOrder o = run(OPERATOR, submit("0301", IN_GRID1), "accept");
        // 3 working days: Thursday 8, Friday 9, Saturday 10 October.
        assertEquals(china(2026, 10, 11, 0, 0), o.deadline());

        // The county edits its calendar: 2026 without holidays. New deadlines follow at once; set ones stay.
        Calendars calendars = kernel.sla().calendars();
        assertEquals(33, calendars.year(OPERATOR, 2026).holidays().size());
        ProblemException bad = assertThrows(ProblemException.class, () -> calendars.save(ADMIN, 2026,
                new Calendars.YearBody(List.of(), List.of(new Calendars.Day(LocalDate.of(2026, 10, 9), "周五")))));
        assertEquals(ProblemType.VALIDATION_FAILED, bad.type(), "a Friday cannot be a worked weekend day");
        assertEquals(33, calendars.year(OPERATOR, 2026).holidays().size(), "a refused change changes nothing");
        assertThrows(ProblemException.class, () -> calendars.save(OPERATOR, 2026, new Calendars.YearBody(null, null)),
                "calendar.write is the county's");
        calendars.save(ADMIN, 2026, new Calendars.YearBody(List.of(), List.of()));
        WorkOrder later = run(OPERATOR, submit("0301", IN_GRID2), "accept");
        assertEquals(china(2026, 10, 6, 0, 0), later.deadline(), "Thursday 1, Friday 2, Monday 5 October");
        assertEquals(china(2026, 10, 11, 0, 0), reload(o).deadline());
    }

    // ---- suspension ------------------------------------------------------------------------------------------

    @Test
    void aSuspensionPausesTheClockAndPushesTheDeadlineBack() {
        WorkOrder o = dispatchedDifficult();
        Instant deadline = o.deadline();
        o = run(WORKER1, o, "start");
        clock.advance(Duration.ofHours(1));
        run(WORKER1, o, "request-suspension", "等待鉴定结果");
        o = run(LEADER, o, "approve-suspension");
        assertTrue(o.sla().paused());
        assertTrue(pending(o).isEmpty(), "no timer runs while suspended");
        long frozen = o.sla().remainingSeconds();

        // Well past the original deadline: nothing fires for a suspended order.
        clock.advance(Duration.ofDays(5));
        assertEquals(0, scan().fired());
        assertEquals(frozen, reload(o).sla().remainingSeconds(), "the remaining time is frozen");
        assertEquals(WorkOrderState.SUSPENDED, reload(o).state());

        o = run(WORKER1, o, "resume");
        assertEquals(deadline.plus(Duration.ofDays(5)), o.deadline());
        assertEquals(frozen, o.sla().remainingSeconds());
        assertFalse(o.sla().paused());
        assertTrue(kernel.trail(Caller.SYSTEM, o.id()).get(kernel.trail(Caller.SYSTEM, o.id()).size() - 1).detail()
                .contains("deadline"), "the trail names the moved deadline");
        assertEquals(Set.of(o.deadline()), Set.copyOf(pending(o).stream()
                .filter(t -> t.kind() == SlaTimerEntity.Kind.OVERDUE).map(SlaTimerEntity::dueAt).toList()));
    }

    // ---- reminder, overdue, supervision, escalation ----------------------------------------------------------

    @Test
    void aLevelTwoOrderIsRemindedThenSupervisedThenEscalatedUpTheLadder() {
        WorkOrder o = dispatchedDifficult();
        String n = o.number();
        assertEquals(List.of("DISPATCHED " + n), inbox("gridworker1"), "dispatch notifies the assignee");
        Instant deadline = o.deadline(); // Saturday 28 November 00:00

        moveTo(deadline.minus(Duration.ofHours(24)).minusSeconds(1));
        assertEquals(0, scan().fired(), "not yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, scan().fired());
        o = reload(o);
        assertEquals(SlaStatus.Light.YELLOW, o.sla().light());
        assertNotNull(o.sla().remindedAt());
        assertEquals(List.of("REMINDER " + n, "DISPATCHED " + n), inbox("gridworker1"));

        moveTo(deadline);
        assertEquals(1, scan().fired());
        o = reload(o);
        assertEquals(SlaStatus.Light.RED, o.sla().light());
        assertEquals(1, o.escalationLevel());
        assertEquals(1, o.sla().supervisions());
        assertEquals(0, o.sla().remainingSeconds());
        List<Supervision> supervisions = kernel.supervisions(OPERATOR, o.id());
        assertEquals(1, supervisions.size());
        Supervision first = supervisions.get(0);
        assertEquals("DB-" + n.substring(3) + "-1", first.number());
        assertEquals("system", first.createdBy());
        assertEquals(List.of("department:natural-resources", "user:gridworker1"), first.addressedTo());
        assertEquals("OVERDUE " + n, inbox("gridworker1").get(0));
        assertEquals(List.of("remind", "overdue", "escalate", "supervise"), systemSteps(o));

        // One working day later (Monday's end, the weekend does not count): the coordination group.
        moveTo(china(2026, 11, 30, 23, 59));
        assertEquals(0, scan().fired());
        moveTo(china(2026, 12, 1, 0, 0));
        assertEquals(1, scan().fired());
        assertEquals(2, reload(o).escalationLevel());
        assertEquals(List.of("ESCALATED " + n), inbox("operator1"));
        assertEquals(List.of("ESCALATED " + n), inbox("inspector1"));
        assertTrue(inbox("leader1").isEmpty());

        moveTo(china(2026, 12, 2, 0, 0));
        assertEquals(1, scan().fired());
        assertEquals(3, reload(o).escalationLevel());
        assertEquals(List.of("ESCALATED " + n), inbox("leader1"));

        moveTo(china(2026, 12, 3, 0, 0));
        assertEquals(1, scan().fired());
        o = reload(o);
        assertEquals(4, o.escalationLevel());
        assertEquals(List.of("ESCALATED " + n), inbox("admin"));
        assertEquals(List.of(1, 2, 3, 4), kernel.supervisions(OPERATOR, o.id()).stream()
                .map(Supervision::escalationLevel).toList());
        assertEquals(List.of("role:county-admin@" + COUNTY), kernel.supervisions(OPERATOR, o.id()).get(3)
                .addressedTo().subList(2, 3));
        assertTrue(pending(o).isEmpty(), "the county is the top of the ladder");
        clock.advance(Duration.ofDays(30));
        assertEquals(0, scan().due());

        assertTrue(kernel.verifyTrail(Caller.SYSTEM, o.id()).intact(), "system records are part of the chain");
        long id = o.id();
        assertTrue(events.containsAll(List.of("REMINDED " + id, "OVERDUE " + id, "ESCALATED " + id + " level 1",
                "SUPERVISED " + id + " level 1", "ESCALATED " + id + " level 4")), events.toString());
    }

    @Test
    void resolvingCancelsTheTimersAndAnOrderWithoutAssigneeRemindsTheCommandCentre() {
        WorkOrder o = dispatchedDifficult();
        o = run(WORKER1, o, "start");
        assertEquals(Set.of(SlaTimerEntity.Kind.REMIND, SlaTimerEntity.Kind.OVERDUE),
                Set.copyOf(pending(o).stream().map(SlaTimerEntity::kind).toList()));
        kernel.command(WORKER1, o.id(), new WorkOrderCommand("resolve", null, "已拆除", null, null, null, null, null,
                null));
        assertTrue(pending(o).isEmpty());
        clock.advance(Duration.ofDays(10));
        assertEquals(0, scan().due());
        assertNull(reload(o).sla().light(), "a resolved order has no light");

        // A wage dispute in grid 2 (no grid worker, no department): reminders go to the town's command centre.
        WorkOrder unassigned = submit("0902", IN_GRID2);
        unassigned = run(OPERATOR, unassigned, "accept");
        moveTo(unassigned.deadline().minus(Duration.ofHours(1)));
        assertEquals(1, scan().fired());
        assertEquals(List.of("REMINDER " + unassigned.number()), inbox("operator1"));
    }

    // ---- durable timers across nodes and restarts ------------------------------------------------------------

    @Test
    void twoNodesScanningAtOnceFireEveryTimerExactlyOnce() throws Exception {
        // Twelve difficult orders of different categories (no near-duplicates), accepted at the same moment: their
        // overdue timers are all due together.
        List<WorkOrder> orders = new ArrayList<>();
        for (String category : List.of("0101", "0102", "0103", "0104", "0106", "0201", "0202", "0301", "0302", "0303",
                "0304", "0401")) {
            WorkOrder o = submit(category, IN_GRID1);
            run(OPERATOR, o, "accept");
            orders.add(run(OPERATOR, o, "dispatch"));
        }
        moveTo(orders.get(0).deadline());
        WorkOrderKernel other = newNode();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SlaService.ScanReport> a = pool.submit(() -> {
                go.await();
                return kernel.sla().scan("node-a");
            });
            Future<SlaService.ScanReport> b = pool.submit(() -> {
                go.await();
                return other.sla().scan("node-b");
            });
            go.countDown();
            SlaService.ScanReport ra = a.get(120, TimeUnit.SECONDS);
            SlaService.ScanReport rb = b.get(120, TimeUnit.SECONDS);
            // Twelve overdue effects, whichever node won each; the level-2 order's reminder came too late to apply.
            assertEquals(12, ra.fired() + rb.fired(), ra + " / " + rb);
            assertEquals(1, ra.skipped() + rb.skipped(), ra + " / " + rb);
        } finally {
            pool.shutdownNow();
        }
        for (WorkOrder o : orders) {
            assertEquals(List.of("overdue", "escalate", "supervise"), systemSteps(o));
            assertEquals(1, reload(o).escalationLevel());
            assertEquals(1, kernel.supervisions(OPERATOR, o.id()).size());
            for (SlaTimerEntity t : kernel.sla().timers(o.id())) {
                if (t.status().equals(SlaTimerEntity.FIRED)) {
                    assertTrue(Set.of("node-a", "node-b").contains(t.claimedBy()), t.claimedBy());
                }
            }
        }
        assertEquals(0, scan().due(), "nothing is left to fire");
    }

    @Test
    void timersSurviveARestartAndTheNextNodeFiresThem() {
        WorkOrder o = dispatchedDifficult();
        List<SlaTimerEntity> before = pending(o);
        assertEquals(2, before.size());
        // The node goes down: its persistence unit closes; a new node starts on the same database.
        factories.get(0).close();
        factories.remove(0);
        kernel = newNode();
        moveTo(o.deadline().minus(Duration.ofHours(2)));
        assertEquals(1, scan().fired(), "the reminder, on the new node");
        // Another restart; the overdue timer is still there.
        factories.get(0).close();
        factories.remove(0);
        kernel = newNode();
        moveTo(o.deadline().plusSeconds(60));
        SlaService.ScanReport report = scan();
        assertEquals(1, report.fired(), report.toString());
        assertEquals(1, reload(o).escalationLevel());
        assertEquals(0, scan().due(), "a fired timer never fires again");
        assertEquals(List.of("remind", "overdue", "escalate", "supervise"), systemSteps(o));
    }

    @Test
    void aFiredTimerCannotBeClaimedAgain() {
        WorkOrder o = dispatchedDifficult();
        moveTo(o.deadline());
        long overdue = pending(o).stream().filter(t -> t.kind() == SlaTimerEntity.Kind.OVERDUE).findFirst()
                .orElseThrow().id();
        assertEquals("FIRED", kernel.sla().fire(overdue, "node-a", clock.instant()).toString());
        assertEquals("LOST", kernel.sla().fire(overdue, "node-b", clock.instant()).toString());
        assertEquals(1, kernel.supervisions(OPERATOR, o.id()).size());
        assertEquals("node-a", kernel.sla().timers(o.id()).stream().filter(t -> t.id() == overdue).findFirst()
                .orElseThrow().claimedBy());
    }

    // ---- notifiers -------------------------------------------------------------------------------------------

    @Test
    void aFailingNotifierHarmsNeitherTheOrderNorTheOtherNotifiers() {
        List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
        Notifiers notifiers = new Notifiers();
        notifiers.add(n -> {
            throw new IllegalStateException("SMS gateway down");
        });
        notifiers.add(delivered::add);
        kernel.sla().notifiers(notifiers);
        WorkOrder o = dispatchedDifficult();
        assertEquals(WorkOrderState.DISPATCHED, o.state());
        assertEquals(1, delivered.size());
        Notification n = delivered.get(0);
        assertEquals("gridworker1", n.recipient());
        assertEquals(Notification.DISPATCHED, n.kind());
        assertEquals(o.id(), n.orderId());
        assertEquals(List.of("DISPATCHED " + o.number()), inbox("gridworker1"), "the inbox does not depend on them");

        moveTo(o.deadline().minus(Duration.ofHours(3)));
        assertEquals(1, scan().fired(), "a failing notifier does not roll an effect back");
        moveTo(o.deadline());
        assertEquals(1, scan().fired());
        assertEquals(List.of(Notification.DISPATCHED, Notification.REMINDER, Notification.OVERDUE),
                delivered.stream().map(Notification::kind).toList());
    }

    @Test
    void theInboxIsPersonalAndReadMarksStick() {
        WorkOrder o = dispatchedDifficult();
        Caller worker = DemoWorld.user("gridworker1", TOWN1, null, Roles.GRID_WORKER, "workorder.read");
        InboxEntity.Item item = kernel.sla().inbox().list(worker, true, PageRequest.of(1, 10)).items().get(0);
        assertEquals(o.number(), item.orderNumber());
        assertNull(item.readAt());
        ProblemException e = assertThrows(ProblemException.class, () -> kernel.sla().inbox().read(OPERATOR,
                item.id()));
        assertEquals(ProblemType.NOT_FOUND, e.type(), "another person's notification does not exist for the caller");
        assertNotNull(kernel.sla().inbox().read(worker, item.id()).readAt());
        assertEquals(0, kernel.sla().inbox().list(worker, true, PageRequest.of(1, 10)).total());
        assertEquals(1, kernel.sla().inbox().list(worker, false, PageRequest.of(1, 10)).total());
    }
}
