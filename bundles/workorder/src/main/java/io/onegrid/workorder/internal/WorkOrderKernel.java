package io.onegrid.workorder.internal;

import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.LinkedReport;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.Supervision;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.TrailVerification;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.api.workorder.WorkOrderService;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import io.onegrid.workorder.internal.StateMachine.Arg;
import io.onegrid.workorder.internal.StateMachine.Transition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work-order kernel: intake, the lifecycle and the trail. Each submission and each command is one transaction
 * that changes the order and appends its trail record together, so a failure leaves neither; events are posted only
 * after the commit.
 */
@Component(service = {WorkOrderIntake.class, WorkOrderService.class, WorkOrderKernel.class},
        configurationPid = "io.onegrid.workorder")
@Designate(ocd = WorkOrderConfig.class)
public final class WorkOrderKernel implements WorkOrderIntake, WorkOrderService {

    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderKernel.class);

    /** The day part of numbers and near-duplicate keys, in the installation's zone. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final Set<String> SORTABLE = Set.of("createdAt", "updatedAt", "number", "state", "level", "deadline");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final List<String> OPEN_STATES = Arrays.stream(WorkOrderState.values())
            .filter(WorkOrderState::isOpen).map(Enum::name).toList();
    static final int MAX_REASON = 500;
    static final int MAX_COMMENT = 2000;
    static final int MAX_ATTACHMENTS = 10;
    /** Retries of an intake that lost a race to a concurrent one (same place, or a command on the linked order). */
    static final int MAX_ATTEMPTS = 10;

    private final JpaTransactions jpa;
    private final Sequences sequences;
    private final Categories categories;
    private final RoutingRules rules;
    private final Intake intake;
    private final AccountDirectory accounts;
    private final DepartmentService departments;
    private final Clock clock;
    private final JointHandling joint;
    private final Attachments attachments;
    private final Tracking tracking;
    private volatile WorkOrderConfigValues config;
    /** SLA clocks, timers, supervision and notifications (issue #5 items 5 and 8). */
    private final SlaService sla;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TransitionPublisher publisher;

    @Activate
    public WorkOrderKernel(@Reference(target = "(osgi.unit.name=onegrid-workorder)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=workorder)") ModuleSchema schema,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference GridLocator grids, @Reference AddressDirectory addresses, @Reference AccountDirectory accounts,
            @Reference DepartmentService departments, @Reference RegionService regions, WorkOrderConfig config,
            @Reference OneGridClock clock, @Reference Notifiers notifiers) {
        this(emf, dialect(dataSource), grids, addresses, accounts, departments, regions,
                WorkOrderConfigValues.of(config), clock);
        sla.notifiers(notifiers);
        int swept = attachments.store().sweep(Duration.ofHours(1));
        if (swept > 0) {
            LOG.info("Removed {} unfinished uploads under {}", swept, this.config.attachmentDirectory());
        }
    }

    WorkOrderKernel(EntityManagerFactory emf, String dialect, GridLocator grids, AddressDirectory addresses,
            AccountDirectory accounts, DepartmentService departments, RegionService regions,
            WorkOrderConfigValues config, Clock clock) {
        this.jpa = new JpaTransactions(emf);
        this.sequences = new Sequences(jpa, dialect);
        this.categories = new Categories(jpa, departments);
        this.rules = new RoutingRules(jpa, sequences, departments, categories);
        this.intake = new Intake(categories, rules, grids, addresses, accounts, departments, regions);
        categories.onChange(intake::forgetRecent);
        rules.onChange(intake::forgetRecent);
        this.accounts = accounts;
        this.departments = departments;
        this.config = config;
        this.clock = clock;
        this.sla = new SlaService(jpa, new Calendars(jpa, () -> this.config.zone(), clock), accounts, clock,
                () -> this.config.zone(), this::publish);
        this.joint = new JointHandling(this, sequences, departments);
        this.attachments = new Attachments(this, jpa);
        this.tracking = new Tracking(this, jpa);
    }

    /** The reporters' tracking page (issue #6). */
    Tracking tracking() {
        return tracking;
    }

    /** Evidence files (issue #5 item 1). */
    Attachments attachments() {
        return attachments;
    }

    SlaService sla() {
        return sla;
    }

    Clock clock() {
        return clock;
    }

    @Modified
    void modified(WorkOrderConfig newConfig) {
        this.config = WorkOrderConfigValues.of(newConfig);
    }

    static String dialect(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
                    ? "postgresql" : "derby";
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database OneGrid uses", e);
        }
    }

    Categories categories() {
        return categories;
    }

    RoutingRules rules() {
        return rules;
    }

    WorkOrderConfigValues config() {
        return config;
    }

    /** The installation's time zone: days and hours of analytics are counted in it. */
    public ZoneId zone() {
        return config.zone();
    }

    // ---- intake ----------------------------------------------------------------------------------------------

    @Override
    public IntakeResult submit(Caller caller, Submission submission) {
        Access.require(caller, Permissions.WORKORDER_SUBMIT);
        return intake(caller, submission, null);
    }

    /**
     * An anonymous resident's report from the QR page: only the QR channel, and only with a callback phone (the REST
     * layer rate-limits it by client address).
     */
    IntakeResult submitAnonymous(Submission submission, String remoteAddress) {
        return intake(null, submission, remoteAddress);
    }

    private IntakeResult intake(Caller caller, Submission submission, String remoteAddress) {
        Intake.Prepared p = intake.prepare(caller, submission, remoteAddress, config);
        for (int attempt = 1; ; attempt++) {
            try {
                Stored stored = jpa.inTransaction(em -> store(em, caller, p));
                stored.announce().forEach(this::publish);
                return stored.result();
            } catch (PersistenceException e) {
                if (!(Failures.isUniqueViolation(e) || Failures.isOptimisticLock(e)) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                // A concurrent submission won the race. With the same key: answer its order. Else (the same place,
                // or a command on the order this report links to): try again, which now links or re-reads.
                Optional<IntakeResult> replay = jpa.read(em -> Optional.ofNullable(findKey(em, p))
                        .map(prior -> replayOf(em, caller, prior, p)));
                if (replay.isPresent()) {
                    return replay.get();
                }
                LOG.debug("Intake of {}/{} lost a race (attempt {}); retrying", p.channel(), p.idempotencyKey(),
                        attempt);
            }
        }
    }

    /** What one intake transaction stored, and the events to post once it is committed. */
    private record Stored(IntakeResult result, List<Announcement> announce) {
    }

    record Announcement(String topic, WorkOrder order, WorkOrderState previous, String command, String actor) {
    }

    private Stored store(EntityManager em, Caller caller, Intake.Prepared p) {
        Instant now = clock.instant();
        IdempotencyEntity prior = findKey(em, p);
        if (prior != null) {
            return new Stored(replayOf(em, caller, prior, p), List.of());
        }
        String dedupKey = p.place().placeKey() == null ? null : p.category().code() + "|" + p.place().placeKey() + "|"
                + DAY.format(now.atZone(p.zone()));
        DedupEntity dedup = dedupKey == null ? null : em.find(DedupEntity.class, dedupKey);
        if (dedup != null) {
            // Locked, so that simultaneous near-duplicates queue up on the order instead of failing on its version.
            WorkOrderEntity first = em.find(WorkOrderEntity.class, dedup.orderId(), LockModeType.PESSIMISTIC_WRITE);
            if (first != null && first.state().isOpen()) {
                return link(em, caller, first, p, now);
            }
        }
        long id = sequences.nextOrderId(em);
        if (dedupKey != null) {
            if (dedup == null) {
                em.persist(new DedupEntity(dedupKey, id, Date.from(now)));
            } else {
                // The order it named is done: new reports of the day now link to this one. Conditional, so that of
                // two nodes doing this at once one fails and retries (and then links).
                int moved = em.createQuery("UPDATE DedupEntity d SET d.orderId = :id WHERE d.key = :k"
                                + " AND d.orderId = :old")
                        .setParameter("id", id).setParameter("k", dedupKey).setParameter("old", dedup.orderId())
                        .executeUpdate();
                if (moved != 1) {
                    throw new OptimisticLockException("near-duplicate index moved");
                }
            }
        }
        String number = "WO-" + DAY.format(now.atZone(p.zone())) + "-"
                + String.format("%06d", id);
        WorkOrderEntity order = new WorkOrderEntity(id, number, p, now);
        em.persist(order);
        String tracking = Tracking.newCode();
        em.persist(new IdempotencyEntity(p.channel(), p.idempotencyKey(), p.fingerprint(), id,
                IntakeResult.Outcome.CREATED.name(), Date.from(now), tracking));
        em.flush();
        var r = p.routing();
        String detail = "channel=" + p.channel() + "; route: grid=" + r.gridCode() + ", command centre="
                + r.commandCentre() + ", department=" + r.department() + ", assignee=" + r.assignee() + " ("
                + r.source() + (r.ruleId() == null ? "" : " rule " + r.ruleId() + " v" + r.ruleVersion()) + ")"
                + (r.note() == null ? "" : "; " + r.note())
                + (p.actorDetail() == null ? "" : "; " + p.actorDetail());
        appendFirst(em, order, p.actor(), p.actorName(), p.roles(), "submit", WorkOrderState.SUBMITTED, detail, now);
        WorkOrder created = order.toRecord(caller != null && fullReporter(caller, order), now);
        return new Stored(new IntakeResult(created, IntakeResult.Outcome.CREATED, tracking),
                List.of(new Announcement(WorkOrderEvents.CREATED, created, null, "submit", p.actor())));
    }

    /** Links a near-duplicate report to the open order {@code first}: a report row and a trail record, no dispatch. */
    private Stored link(EntityManager em, Caller caller, WorkOrderEntity first, Intake.Prepared p, Instant now) {
        WorkOrderState state = first.state();
        em.persist(new ReportEntity(first.id(), p, Date.from(now)));
        first.linkReport(now);
        String tracking = Tracking.newCode();
        em.persist(new IdempotencyEntity(p.channel(), p.idempotencyKey(), p.fingerprint(), first.id(),
                IntakeResult.Outcome.LINKED.name(), Date.from(now), tracking));
        em.flush();
        append(em, first, p.actor(), p.actorName(), p.roles(), "link-report", state, state, null,
                "near-duplicate report via " + p.channel() + " linked"
                        + (p.actorDetail() == null ? "" : "; " + p.actorDetail()), List.of(), now);
        WorkOrder linked = first.toRecord(caller != null && fullReporter(caller, first), now);
        return new Stored(new IntakeResult(linked, IntakeResult.Outcome.LINKED, tracking),
                List.of(new Announcement(WorkOrderEvents.LINKED, linked, state, "link-report", p.actor())));
    }

    private static IdempotencyEntity findKey(EntityManager em, Intake.Prepared p) {
        return em.createQuery("SELECT k FROM IdempotencyEntity k WHERE k.channel = :c AND k.key = :k",
                        IdempotencyEntity.class).setParameter("c", p.channel()).setParameter("k", p.idempotencyKey())
                .getResultList().stream().findFirst().orElse(null);
    }

    private IntakeResult replayOf(EntityManager em, Caller caller, IdempotencyEntity prior, Intake.Prepared p) {
        if (!prior.fingerprint().equals(p.fingerprint())) {
            throw ProblemException.conflict("The idempotency key '" + p.idempotencyKey() + "' of channel "
                    + p.channel() + " was already used for a different report; use a new key for a new report");
        }
        WorkOrderEntity order = em.find(WorkOrderEntity.class, prior.orderId());
        return new IntakeResult(order.toRecord(caller != null && fullReporter(caller, order), clock.instant()),
                IntakeResult.Outcome.REPLAYED, prior.trackingCode());
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    @Override
    public Optional<WorkOrder> find(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> Optional.ofNullable(em.find(WorkOrderEntity.class, id))
                .filter(o -> visible(caller, o)).map(o -> o.toRecord(fullReporter(caller, o), clock.instant())));
    }

    @Override
    public Page<WorkOrder> list(Caller caller, WorkOrderFilter filter, PageRequest page) {
        Access.require(caller, Permissions.WORKORDER_READ);
        try {
            page.requireSortableBy(SORTABLE);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        WorkOrderFilter f = filter == null ? WorkOrderFilter.all() : filter;
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!f.states().isEmpty()) {
            where.append(" AND o.state IN :states");
            params.put("states", f.states().stream().map(Enum::name).toList());
        }
        if (f.category() != null && !f.category().isBlank()) {
            String c = f.category().strip();
            if (Categories.MINOR.matcher(c).matches()) {
                where.append(" AND o.categoryCode = :category");
                params.put("category", c);
            } else if (Categories.MAJOR.matcher(c).matches()) {
                // A range, not LIKE '05%': the (state, category, region, created) index serves a range.
                where.append(" AND ").append(ScopeFilter.prefixRange("o.categoryCode", "category", c, params));
            } else {
                throw ProblemException.badRequest("category is a 2-digit major or 4-digit minor code, not '" + c + "'");
            }
        }
        if (f.region() != null && !f.region().isBlank()) {
            RegionCode region = RegionCode.tryParse(f.region().strip())
                    .orElseThrow(() -> ProblemException.badRequest("region is a region code, not '" + f.region() + "'"));
            where.append(" AND ").append(ScopeFilter.prefixRange("o.regionCode", "region", region.prefix(), params));
        }
        equal(where, params, "o.department", "department", f.department());
        equal(where, params, "o.channel", "channel", f.channel());
        equal(where, params, "o.assignee", "assignee", f.assignee());
        if (f.createdFrom() != null) {
            where.append(" AND o.createdAt >= :from");
            params.put("from", Date.from(f.createdFrom()));
        }
        if (f.createdTo() != null) {
            where.append(" AND o.createdAt < :to");
            params.put("to", Date.from(f.createdTo()));
        }
        if (f.text() != null && !f.text().isBlank()) {
            where.append(" AND (o.description LIKE :text ESCAPE '\\' OR o.number = :plain)");
            params.put("text", LikePatterns.containing(f.text().strip()));
            params.put("plain", f.text().strip());
        }
        Instant now = clock.instant();
        if (f.overdue() != null) {
            // Open past the deadline, as the red light and the analytics count it; (state, deadline) is indexed.
            params.put("openStates", OPEN_STATES);
            params.put("now", Date.from(now));
            where.append(f.overdue() ? " AND o.state IN :openStates AND o.deadline < :now"
                    : " AND (o.state NOT IN :openStates OR o.deadline IS NULL OR o.deadline >= :now)");
        }
        OrderListQuery query = new OrderListQuery(where.toString(), params, page.sort(), listIndex(f, caller.scope()));
        return jpa.read(em -> query.run(em, caller, page, o -> o.toRecord(false, now)));
    }

    /**
     * The index that serves a list best, from what the filter and the scope say (see {@link OrderListQuery} for why
     * it is named; measured in docs/benchmarks.md): the deadline for overdue orders; state and a minor category (two
     * equalities, then the region range, all inside the index); a grid's region range; state and a major category
     * (most orders are CLOSED: a state alone narrows little); a village's range; the category; the state; a town's.
     */
    static String listIndex(WorkOrderFilter f, DataScope scope) {
        if (Boolean.TRUE.equals(f.overdue())) {
            return "og_workorder_state_deadline";
        }
        RegionCode region = f.region() != null && !f.region().isBlank()
                ? RegionCode.tryParse(f.region().strip()).orElse(null)
                : !scope.isUnrestricted() && scope.regionRoots().size() == 1 && scope.departments().isEmpty()
                        ? scope.regionRoots().iterator().next() : null;
        RegionLevel level = region == null ? null : region.level();
        boolean states = !f.states().isEmpty();
        String category = f.category() == null || f.category().isBlank() ? null : f.category().strip();
        if (states && category != null && Categories.MINOR.matcher(category).matches()) {
            return "og_workorder_state_category";
        }
        if (level != null && level.compareTo(RegionLevel.GRID) >= 0) {
            return "og_workorder_region_created";
        }
        if (states && category != null) {
            return "og_workorder_state_category";
        }
        if (level == RegionLevel.VILLAGE) {
            return "og_workorder_region_created";
        }
        if (category != null) {
            return "og_workorder_category";
        }
        if (states) {
            return "og_workorder_state";
        }
        return level == RegionLevel.TOWN ? "og_workorder_region_created" : null;
    }

    private static void equal(StringBuilder where, Map<String, Object> params, String path, String name, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(path).append(" = :").append(name);
            params.put(name, value.strip());
        }
    }

    @Override
    public List<TrailRecord> trail(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            visibleOrder(em, caller, id);
            return trailOf(em, id).stream().map(TrailEntity::toRecord).toList();
        });
    }

    @Override
    public TrailVerification verifyTrail(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> verify(visibleOrder(em, caller, id), trailOf(em, id)));
    }

    @Override
    public List<LinkedReport> linkedReports(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            boolean full = fullReporter(caller, visibleOrder(em, caller, id));
            return em.createQuery("SELECT r FROM ReportEntity r WHERE r.orderId = :id ORDER BY r.id",
                            ReportEntity.class).setParameter("id", id).getResultList().stream()
                    .map(r -> r.toRecord(full)).toList();
        });
    }

    @Override
    public List<Supervision> supervisions(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            visibleOrder(em, caller, id);
            return em.createQuery("SELECT s FROM SupervisionEntity s WHERE s.orderId = :id ORDER BY s.seq",
                    SupervisionEntity.class).setParameter("id", id).getResultList().stream()
                    .map(SupervisionEntity::toRecord).toList();
        });
    }

    /** Ids of every order, in id order, from {@code after} on: for verifying all trails in batches. */
    public List<Long> orderIds(long after, int max) {
        return jpa.read(em -> em.createQuery("SELECT o.id FROM WorkOrderEntity o WHERE o.id > :after ORDER BY o.id",
                Long.class).setParameter("after", after).setMaxResults(max).getResultList());
    }

    WorkOrderEntity visibleOrder(EntityManager em, Caller caller, long id) {
        WorkOrderEntity o = em.find(WorkOrderEntity.class, id);
        if (o == null || !visible(caller, o)) {
            throw ProblemException.notFound("No work order " + id);
        }
        return o;
    }

    private static List<TrailEntity> trailOf(EntityManager em, long id) {
        return em.createQuery("SELECT t FROM TrailEntity t WHERE t.orderId = :id ORDER BY t.seq", TrailEntity.class)
                .setParameter("id", id).getResultList();
    }

    /**
     * Recomputes the chain: every record must follow the one before (seq), link to it (previous hash) and match its
     * own hash; the last must end in the order's current state, so an order changed without a trail record shows.
     */
    static TrailVerification verify(WorkOrderEntity order, List<TrailEntity> records) {
        long id = order.id();
        String previous = TrailRecord.GENESIS_HASH;
        int expected = 1;
        int checked = 0;
        for (TrailEntity e : records) {
            checked++;
            TrailRecord r = e.toRecord();
            if (r.seq() != expected) {
                return new TrailVerification(id, false, checked, expected, r.seq() > expected
                        ? "Record " + expected + " is missing" : "Record " + r.seq() + " is out of sequence");
            }
            if (!previous.equals(r.previousHash())) {
                return new TrailVerification(id, false, checked, r.seq(), "Record " + r.seq()
                        + " does not link to the record before it");
            }
            String recomputed = TrailChain.hash(r.previousHash(), id, r.seq(), r.at().toEpochMilli(), r.actor(),
                    r.actorName(), r.roles(), r.command(), e.fromStateText(), e.toStateText(), r.reason(), r.detail(),
                    r.attachments());
            if (!recomputed.equals(r.hash())) {
                return new TrailVerification(id, false, checked, r.seq(), "Record " + r.seq()
                        + " was changed after it was recorded: its content does not match its hash");
            }
            previous = r.hash();
            expected++;
        }
        if (checked == 0) {
            return new TrailVerification(id, false, 0, 1, "The trail is empty: record 1 is missing");
        }
        String last = records.get(records.size() - 1).toStateText();
        if (!order.state().name().equals(last)) {
            return new TrailVerification(id, false, checked, 0, "The order is " + order.state() + " but its trail"
                    + " ends in " + last + ": it was changed without a trail record, or trail records were deleted");
        }
        return new TrailVerification(id, true, checked, null, null);
    }

    // ---- commands --------------------------------------------------------------------------------------------

    @Override
    public List<WorkOrder> children(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> JointHandling.children(em, caller, visibleOrder(em, caller, id), clock.instant()));
    }

    @Override
    public WorkOrder command(Caller caller, long id, WorkOrderCommand command) {
        Access.require(caller, Permissions.WORKORDER_READ);
        if (command != null && JointHandling.COMMANDS.contains(command.name())) {
            return joint.command(caller, id, command);
        }
        if (command != null && WorkOrderCommand.COMMENT.equals(command.name())) {
            return comment(caller, id, command);
        }
        Transition t = StateMachine.command(command == null ? null : command.name()).orElseThrow(() ->
                new ProblemException(ProblemType.INVALID_REQUEST, "No command '" + (command == null ? null
                        : command.name()) + "'; commands: " + StateMachine.commandNames(),
                        Map.of("commands", List.copyOf(StateMachine.commandNames())), null));
        // Look-ups in other bundles happen before the transaction; their answers are checked inside it.
        String assignee = Intake.blankToNull(command.assignee());
        Optional<Account> account = assignee == null ? Optional.empty()
                : accounts.findByUsername(Caller.SYSTEM, assignee).filter(Account::enabled);
        String department = Intake.blankToNull(command.department());
        boolean departmentExists = department != null && departments.find(department).isPresent();
        Applied applied = transaction(id, em -> apply(em, caller, id, t, command, account, departmentExists));
        publish(applied.announcement());
        if (applied.parent() != null) {
            publish(applied.parent());
        }
        sla.afterCommit(applied.clockAfter());
        return applied.order();
    }

    /**
     * The commands {@code caller} may give on the order now: allowed in its state and by its guards, and by the
     * caller's permissions and relation to the order. What a client shows as buttons; the command itself still checks.
     */
    List<String> availableCommands(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            WorkOrderEntity o = visibleOrder(em, caller, id);
            List<String> commands = new ArrayList<>();
            for (String name : allowed(o, clock.instant())) {
                Transition t = StateMachine.command(name).orElseThrow();
                try {
                    requirePermission(caller, o, t);
                    requireRelation(caller, o, t);
                    commands.add(name);
                } catch (ProblemException notThisCaller) {
                    // allowed in this state, not to this caller
                }
            }
            commands.addAll(joint.available(em, caller, o));
            if (COMMENTABLE.test(o.state())) {
                commands.add(WorkOrderCommand.COMMENT);
            }
            return commands;
        });
    }

    /** A note may go on every order that is not finished for good (closed or rejected). */
    static final java.util.function.Predicate<WorkOrderState> COMMENTABLE = s -> s != WorkOrderState.CLOSED
            && s != WorkOrderState.REJECTED;

    /**
     * 备注: appends a note to the trail without changing the state. Whoever sees the order may comment (the system
     * too: plugins note what their devices saw); not on a closed or rejected order. Outside the lifecycle table (it
     * applies in most states and would crowd every "allowed" answer), and not held by open joint children: a note
     * decides nothing. The version moves, which serialises it with commands and other notes on the same order.
     */
    private WorkOrder comment(Caller caller, long id, WorkOrderCommand c) {
        List<Violation> errors = new ArrayList<>();
        if (Intake.blankToNull(c.comment()) == null) {
            errors.add(Violation.ofField("/comment", "required by 'comment'"));
        }
        text(errors, "/comment", c.comment(), MAX_COMMENT);
        if (c.reason() != null || c.rating() != null || c.assignee() != null || c.department() != null
                || c.deadline() != null || !c.departments().isEmpty()) {
            errors.add(Violation.ofField("/", "'comment' takes only comment, attachments and expectedVersion"));
        }
        if (c.attachments().size() > MAX_ATTACHMENTS || c.attachments().stream()
                .anyMatch(a -> a == null || !SHA256.matcher(a).matches())) {
            errors.add(Violation.ofField("/attachments", "at most " + MAX_ATTACHMENTS
                    + " SHA-256 values of 64 lower-case hex digits"));
        }
        Announcement done = transaction(id, em -> {
            Instant now = clock.instant();
            WorkOrderEntity o = visibleOrder(em, caller, id);
            WorkOrderState state = o.state();
            if (!COMMENTABLE.test(state)) {
                throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.number() + " is " + state
                        + ": a finished order takes no more notes", Map.of("state", state.name(),
                        "allowed", allowed(o, now)), null);
            }
            Attachments.requireAttached(em, o.id(), c.attachments(), errors);
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("'comment' was not applied", errors);
            }
            requireVersion(o, c.expectedVersion());
            o.touch(now);
            em.lock(o, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            append(em, o, caller, WorkOrderCommand.COMMENT, state, state, c.comment().strip(), null,
                    c.attachments(), now);
            WorkOrder after = o.toRecord(fullReporter(caller, o), now);
            return new Announcement(WorkOrderEvents.COMMENTED, after, state, WorkOrderCommand.COMMENT, caller.name());
        });
        publish(done);
        return done.order();
    }

    /** A command's transaction; a concurrent change that won the race is a 409 with nothing applied. */
    <T> T transaction(long id, Function<EntityManager, T> work) {
        try {
            return jpa.inTransaction(work);
        } catch (PersistenceException e) {
            if (Failures.isOptimisticLock(e) || Failures.isUniqueViolation(e)) {
                throw ProblemException.conflict("Work order " + id + " was changed by someone else at the same time;"
                        + " nothing was applied: reload it and decide again");
            }
            throw e;
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** @param parent the joint parent's event when the command resolved it, else null */
    private record Applied(WorkOrder order, Announcement announcement, Announcement parent,
            SlaService.After clockAfter) {
    }

    private Applied apply(EntityManager em, Caller caller, long id, Transition t, WorkOrderCommand c,
            Optional<Account> account, boolean departmentExists) {
        Instant now = clock.instant();
        WorkOrderEntity o = visibleOrder(em, caller, id);
        // The caller's role first (403), then the order's state (409), then the caller's relation to it (403).
        requirePermission(caller, o, t);
        WorkOrderEntity parent = joint.hold(em, o, t.command());
        WorkOrderState from = o.state();
        String guard = guard(o, t, now);
        if (!t.from().contains(from) || guard != null) {
            List<String> allowed = allowed(o, now);
            throw new ProblemException(ProblemType.CONFLICT, guard != null ? guard : "'" + t.command()
                    + "' is not allowed while the order is " + from + "; allowed now: " + allowed,
                    Map.of("state", from.name(), "allowed", allowed), null);
        }
        requireRelation(caller, o, t);
        List<Violation> errors = new ArrayList<>();
        checkArguments(t, c, errors);
        Attachments.requireAttached(em, o.id(), c.attachments(), errors);
        String detail = null;
        if (t.command().equals(WorkOrderCommand.DISPATCH)) {
            detail = dispatch(o, c, account, departmentExists, errors);
        } else if (t.command().equals(WorkOrderCommand.RATE)) {
            detail = "rating=" + c.rating();
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("'" + t.command() + "' was not applied", errors);
        }
        requireVersion(o, c.expectedVersion());
        switch (t.command()) {
            case WorkOrderCommand.DISPATCH, WorkOrderCommand.RETURN, WorkOrderCommand.APPROVE_SUSPENSION,
                    WorkOrderCommand.DENY_SUSPENSION -> o.suspensionRequested(false);
            case WorkOrderCommand.REQUEST_SUSPENSION -> o.suspensionRequested(true);
            case WorkOrderCommand.RATE -> o.rate(c.rating(), Intake.blankToNull(c.comment()));
            case WorkOrderCommand.REOPEN -> o.reopened();
            default -> {
            }
        }
        WorkOrderState next = t.next(from);
        o.state(next, now);
        // The SLA clock changes the order with the command (one version) and then its timers.
        SlaService.Outcome clockOutcome = sla.onCommand(em, o, t.command(), from, c.deadline(), now);
        em.flush();
        if (clockOutcome.detail() != null) {
            detail = detail == null ? clockOutcome.detail() : detail + "; " + clockOutcome.detail();
        }
        String reason = Intake.blankToNull(c.reason()) != null ? c.reason().strip() : Intake.blankToNull(c.comment());
        append(em, o, caller, t.command(), from, next, reason, detail, c.attachments(), now);
        Announcement settled = joint.settle(em, o, parent, now);
        WorkOrder after = o.toRecord(fullReporter(caller, o), now);
        return new Applied(after, new Announcement(t.topic(), after, from, t.command(), caller.name()), settled,
                clockOutcome.after());
    }

    void requireVersion(WorkOrderEntity o, Long expected) {
        if (expected != null && expected != o.version()) {
            throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.id() + " is at version " + o.version()
                    + ", not " + expected + ": someone changed it; reload it and decide again",
                    Map.of("currentVersion", o.version()), null);
        }
    }

    /** Why the command cannot apply to this order now although the table allows it in this state, or null. */
    private String guard(WorkOrderEntity o, Transition t, Instant now) {
        return switch (t.command()) {
            case WorkOrderCommand.REQUEST_SUSPENSION -> o.suspensionRequested()
                    ? "A suspension is already waiting for a supervisor's decision" : null;
            case WorkOrderCommand.APPROVE_SUSPENSION, WorkOrderCommand.DENY_SUSPENSION -> o.suspensionRequested()
                    ? null : "No suspension was requested";
            case WorkOrderCommand.RATE -> o.rating() != null ? "The order was already rated" : null;
            case WorkOrderCommand.REOPEN -> o.state() == WorkOrderState.CLOSED && o.closedAt() != null
                    && o.closedAt().toInstant().plus(Duration.ofDays(config.reopenDays())).isBefore(now)
                    ? "The order was closed more than " + config.reopenDays() + " days ago: the reopen window has"
                            + " ended; submit a new report" : null;
            default -> null;
        };
    }

    /** The commands that would apply to the order in its current state (by state and guards; not by caller). */
    List<String> allowed(WorkOrderEntity o, Instant now) {
        List<String> allowed = new ArrayList<>();
        for (String name : StateMachine.allowedIn(o.state())) {
            if (guard(o, StateMachine.command(name).orElseThrow(), now) == null) {
                allowed.add(name);
            }
        }
        return allowed;
    }

    /** Whether the caller's permissions allow the command at all (whatever the order's state). */
    private static void requirePermission(Caller caller, WorkOrderEntity o, Transition t) {
        switch (t.who()) {
            case DISPATCHER -> Access.require(caller, Permissions.WORKORDER_DISPATCH);
            case SUPERVISOR -> Access.require(caller, Permissions.WORKORDER_SUPERVISE);
            case HANDLER -> Access.require(caller, Permissions.WORKORDER_HANDLE);
            case HANDLER_OR_SUPERVISOR -> {
                if (!caller.hasPermission(Permissions.WORKORDER_SUPERVISE)) {
                    Access.require(caller, Permissions.WORKORDER_HANDLE);
                }
            }
            case ORIGINATOR_OR_DISPATCHER -> {
                if (!isOriginator(caller, o)) {
                    Access.require(caller, Permissions.WORKORDER_DISPATCH);
                }
            }
        }
    }

    /** Handling commands are for the order's own handler, not every holder of {@code workorder.handle}. */
    private static void requireRelation(Caller caller, WorkOrderEntity o, Transition t) {
        boolean handlerOnly = t.who() == StateMachine.Who.HANDLER || (t.who() == StateMachine.Who.HANDLER_OR_SUPERVISOR
                && !caller.hasPermission(Permissions.WORKORDER_SUPERVISE));
        if (handlerOnly) {
            requireHandler(caller, o, t);
        }
    }

    private static void requireHandler(Caller caller, WorkOrderEntity o, Transition t) {
        if (!isHandler(caller, o)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the order's handler may '" + t.command()
                    + "' it; it is handled by " + (o.assignee() != null ? "'" + o.assignee() + "'" : "")
                    + (o.assignee() != null && o.department() != null ? " and " : "")
                    + (o.department() != null ? "department '" + o.department() + "'" : "")
                    + (o.assignee() == null && o.department() == null ? "the command centre" : ""),
                    Map.of("permission", Permissions.WORKORDER_HANDLE), null);
        }
    }

    private static void checkArguments(Transition t, WorkOrderCommand c, List<Violation> errors) {
        Map<Arg, Boolean> given = new LinkedHashMap<>();
        given.put(Arg.REASON, Intake.blankToNull(c.reason()) != null);
        given.put(Arg.COMMENT, Intake.blankToNull(c.comment()) != null);
        given.put(Arg.RATING, c.rating() != null);
        given.put(Arg.ASSIGNEE, Intake.blankToNull(c.assignee()) != null);
        given.put(Arg.DEPARTMENT, Intake.blankToNull(c.department()) != null);
        given.put(Arg.DEADLINE, c.deadline() != null);
        for (Map.Entry<Arg, Boolean> e : given.entrySet()) {
            String field = "/" + e.getKey().name().toLowerCase(Locale.ROOT);
            if (t.required().contains(e.getKey()) && !e.getValue()) {
                errors.add(Violation.ofField(field, "required by '" + t.command() + "'"));
            } else if (e.getValue() && !t.required().contains(e.getKey()) && !t.optional().contains(e.getKey())) {
                errors.add(Violation.ofField(field, "not used by '" + t.command() + "'"));
            }
        }
        text(errors, "/reason", c.reason(), MAX_REASON);
        text(errors, "/comment", c.comment(), MAX_COMMENT);
        if (c.rating() != null && (c.rating() < 1 || c.rating() > 5)) {
            errors.add(Violation.ofField("/rating", "1 (very dissatisfied) to 5 (very satisfied)"));
        }
        if (c.attachments().size() > MAX_ATTACHMENTS) {
            errors.add(Violation.ofField("/attachments", "at most " + MAX_ATTACHMENTS));
        }
        for (int i = 0; i < c.attachments().size(); i++) {
            String a = c.attachments().get(i);
            if (a == null || !SHA256.matcher(a).matches()) {
                errors.add(Violation.ofField("/attachments/" + i, "the SHA-256 of a file: 64 lower-case hex digits"));
            }
        }
    }

    private static void text(List<Violation> errors, String field, String value, int max) {
        if (value != null && (value.length() > max || Intake.hasControl(value))) {
            errors.add(Violation.ofField(field, "at most " + max + " characters, no control characters other than"
                    + " tab and line feed"));
        }
    }

    /**
     * Applies a dispatch: a new assignee and/or department, or the routed ones. A reason is required for a manual
     * re-dispatch: from DISPATCHED or IN_PROGRESS, or when it overrides an assignee or department the order has.
     *
     * @return the trail detail
     */
    private String dispatch(WorkOrderEntity o, WorkOrderCommand c, Optional<Account> account,
            boolean departmentExists, List<Violation> errors) {
        String assignee = Intake.blankToNull(c.assignee());
        String department = Intake.blankToNull(c.department());
        if (assignee != null && account.isEmpty()) {
            errors.add(Violation.ofField("/assignee", "no enabled account '" + assignee + "'"));
        }
        if (department != null && !departmentExists) {
            errors.add(Violation.ofField("/department", "no department '" + department + "'"));
        }
        if (c.deadline() != null && !c.deadline().isAfter(clock.instant())) {
            errors.add(Violation.ofField("/deadline", "must lie in the future"));
        }
        sla.checkDispatch(o, c.deadline(), categories.find(o.categoryCode()).map(Category::slaKind).orElse(null),
                errors);
        String newAssignee = assignee != null ? assignee : o.assignee();
        String newDepartment = department != null ? department : o.department();
        boolean overrides = (assignee != null && o.assignee() != null && !assignee.equals(o.assignee()))
                || (department != null && o.department() != null && !department.equals(o.department()));
        boolean changes = !Objects.equals(newAssignee, o.assignee()) || !Objects.equals(newDepartment, o.department());
        boolean redispatch = o.state() == WorkOrderState.DISPATCHED || o.state() == WorkOrderState.IN_PROGRESS;
        if (newAssignee == null && newDepartment == null) {
            errors.add(Violation.ofField("/assignee", "routing found no handler: give an assignee or a department"));
        }
        if (redispatch && !changes) {
            errors.add(Violation.ofField("/assignee", "a re-dispatch needs a new assignee or department"));
        }
        if ((redispatch || overrides) && Intake.blankToNull(c.reason()) == null) {
            errors.add(Violation.ofField("/reason", "required for a manual re-dispatch"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        String detail = "assignee=" + (Objects.equals(newAssignee, o.assignee()) ? newAssignee
                : o.assignee() + " -> " + newAssignee)
                + "; department=" + (Objects.equals(newDepartment, o.department()) ? newDepartment
                : o.department() + " -> " + newDepartment)
                + (c.deadline() == null ? "" : "; deadline=" + c.deadline());
        o.assign(newDepartment, newAssignee);
        if (c.deadline() != null) {
            o.deadline(c.deadline());
        }
        return detail;
    }

    // ---- who is who ------------------------------------------------------------------------------------------

    /** In the caller's region or department scope, assigned to the caller, or submitted by the caller. */
    static boolean visible(Caller caller, WorkOrderEntity o) {
        return caller.scope().covers(RegionCode.parse(o.regionCode()), o.department()) || isAssignee(caller, o)
                || isOriginator(caller, o);
    }

    static boolean isAssignee(Caller caller, WorkOrderEntity o) {
        return caller.kind() == Caller.Kind.USER && caller.name().equals(o.assignee());
    }

    static boolean isOriginator(Caller caller, WorkOrderEntity o) {
        return caller.name().equals(o.createdBy()) && caller.kind().name().equals(o.createdByKind());
    }

    /** The assignee; anyone of the order's department; or, while no one is assigned, anyone whose region holds it. */
    static boolean isHandler(Caller caller, WorkOrderEntity o) {
        return caller.scope().isUnrestricted() || isAssignee(caller, o)
                || (o.department() != null && caller.scope().coversDepartment(o.department()))
                || (o.assignee() == null && caller.scope().coversRegion(RegionCode.parse(o.regionCode())));
    }

    /** Handlers and the command centre see the reporter's phone in full: they call back. */
    static boolean fullReporter(Caller caller, WorkOrderEntity o) {
        return caller.hasPermission(Permissions.WORKORDER_DISPATCH)
                || (caller.hasPermission(Permissions.WORKORDER_HANDLE) && isHandler(caller, o));
    }

    private static String roles(Caller caller) {
        return switch (caller.kind()) {
            case SYSTEM -> "system";
            case API_TOKEN -> "api-token";
            case USER -> String.join(",", caller.roles());
        };
    }

    // ---- trail and events ------------------------------------------------------------------------------------

    /** Appends the order's next trail record in the caller's name (see below). */
    static void append(EntityManager em, WorkOrderEntity o, Caller caller, String command, WorkOrderState from,
            WorkOrderState to, String reason, String detail, List<String> attachments, Instant now) {
        append(em, o, caller.name(), caller.displayName(), roles(caller), command, from, to, reason, detail,
                attachments, now);
    }

    /**
     * Appends the order's next trail record. Called after the order's row was flushed with its version check, so
     * this transaction holds the row's lock and no other can append to the same order until it ends.
     */
    static void append(EntityManager em, WorkOrderEntity o, String actor, String actorName, String roles,
            String command, WorkOrderState from, WorkOrderState to, String reason, String detail,
            List<String> attachments, Instant now) {
        List<TrailEntity> last = em.createQuery("SELECT t FROM TrailEntity t WHERE t.orderId = :id ORDER BY t.seq DESC",
                TrailEntity.class).setParameter("id", o.id()).setMaxResults(1).getResultList();
        int seq = last.isEmpty() ? 1 : last.get(0).seq() + 1;
        String previous = last.isEmpty() ? TrailRecord.GENESIS_HASH : last.get(0).hash();
        write(em, o, seq, previous, actor, actorName, roles, command, from, to, reason, detail, attachments, now);
    }

    /** The first trail record of an order that was just created: nothing to look up. */
    static void appendFirst(EntityManager em, WorkOrderEntity o, String actor, String actorName, String roles,
            String command, WorkOrderState to, String detail, Instant now) {
        write(em, o, 1, TrailRecord.GENESIS_HASH, actor, actorName, roles, command, null, to, null, detail, List.of(),
                now);
    }

    private static void write(EntityManager em, WorkOrderEntity o, int seq, String previous, String actor,
            String actorName, String roles, String command, WorkOrderState from, WorkOrderState to, String reason,
            String detail, List<String> attachments, Instant now) {
        Instant at = TrailEntity.storable(now);
        String fromText = from == null ? null : from.name();
        String cutDetail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 999) + "…";
        String cutName = actorName == null || actorName.length() <= 100 ? actorName : actorName.substring(0, 100);
        String hash = TrailChain.hash(previous, o.id(), seq, at.toEpochMilli(), actor, cutName, roles, command,
                fromText, to.name(), reason, cutDetail, attachments);
        em.persist(new TrailEntity(o.id(), new TrailRecord(seq, at, actor, cutName, roles, command, from, to, reason,
                cutDetail, attachments, previous, hash)));
        em.flush();
    }

    void publish(Announcement a) {
        publish(a.topic(), a.order(), a.previous(), a.command(), a.actor(), Map.of());
    }

    private void publish(String topic, WorkOrder o, WorkOrderState previous, String command, String actor,
            Map<String, Object> extra) {
        TransitionPublisher p = publisher;
        if (p == null) {
            return;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(WorkOrderEvents.PROPERTY_ID, o.id());
        props.put(WorkOrderEvents.PROPERTY_NUMBER, o.number());
        props.put(WorkOrderEvents.PROPERTY_VERSION, o.version());
        props.put(WorkOrderEvents.PROPERTY_STATE, o.state().name());
        if (previous != null) {
            props.put(WorkOrderEvents.PROPERTY_PREVIOUS_STATE, previous.name());
        }
        props.put(WorkOrderEvents.PROPERTY_COMMAND, command);
        props.put(WorkOrderEvents.PROPERTY_CATEGORY, o.category());
        props.put(WorkOrderEvents.PROPERTY_REGION, o.regionCode());
        props.put(WorkOrderEvents.PROPERTY_CHANNEL, o.channel());
        props.put(WorkOrderEvents.PROPERTY_ACTOR, actor);
        if (o.department() != null) {
            props.put(WorkOrderEvents.PROPERTY_DEPARTMENT, o.department());
        }
        if (o.assignee() != null) {
            props.put(WorkOrderEvents.PROPERTY_ASSIGNEE, o.assignee());
        }
        props.putAll(extra);
        try {
            p.publish(topic, props);
        } catch (RuntimeException e) {
            // The change is committed; a failing event bus must not turn it into an error for the caller.
            LOG.warn("Posting {} for work order {} failed", topic, o.number(), e);
        }
    }
}
