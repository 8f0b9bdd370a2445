package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.notify.Notification;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.workorder.internal.SlaTimerEntity.Kind;
import io.onegrid.workorder.internal.sla.SlaClock;
import io.onegrid.workorder.internal.sla.SlaLevel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA clock of every order, its durable timers and their effects.
 *
 * <p>Commands call {@link #onCommand} inside their transaction: acceptance starts the clock (deadline from the
 * category's SLA kind over the county's working days), dispatch may agree a deadline, an approved suspension pauses
 * the clock and resuming pushes the deadline back by the pause, reopening restarts it; every change replaces the
 * order's pending timers. {@link #scan} fires due timers: each in its own transaction that first locks the order, then
 * claims the timer by a conditional UPDATE (the row count decides which node fires), then applies the effect — order
 * change, supervision order, trail records by {@code system}, inbox rows — so an effect happens once or not at all.
 * Events and external notifiers follow the commit.
 */
final class SlaService {

    private static final Logger LOG = LoggerFactory.getLogger(SlaService.class);

    static final String SYSTEM = "system";
    static final String SYSTEM_NAME = "OneGrid SLA";
    /** Escalation levels: 1 department, 2 coordination group, 3 town leader, 4 county. */
    static final int MAX_LEVEL = 4;
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Posts an event for an order after the commit (the kernel's EventAdmin publisher). */
    interface Publisher {
        void publish(String topic, WorkOrder order, WorkOrderState previous, String command, String actor,
                Map<String, Object> extra);
    }

    private record Event(String topic, WorkOrder order, String command, Map<String, Object> extra) {
    }

    /** What to do once the transaction that decided it has committed. */
    static final class After {
        private final List<Event> events = new ArrayList<>();
        private final List<Notification> notifications = new ArrayList<>();

        List<Notification> notifications() {
            return List.copyOf(notifications);
        }
    }

    /** The SLA part of a command: text for its trail record, and what to do after the commit. */
    record Outcome(String detail, After after) {
    }

    /** What one scan did. */
    record ScanReport(int due, int fired, int skipped, int lost, int failed) {
        @Override
        public String toString() {
            return due + " due, " + fired + " fired, " + skipped + " no longer applied, " + lost
                    + " fired by another node, " + failed + " failed (retried next scan)";
        }
    }

    enum Effect { FIRED, SKIPPED, LOST }

    private final JpaTransactions jpa;
    private final Calendars calendars;
    private final AccountDirectory accounts;
    private final Clock clock;
    private final Supplier<ZoneId> zone;
    private final Publisher publisher;
    private volatile Notifiers notifiers;
    private volatile int escalationIntervalDays = 1;
    private volatile int batchSize = 500;

    SlaService(JpaTransactions jpa, Calendars calendars, AccountDirectory accounts, Clock clock, Supplier<ZoneId> zone,
            Publisher publisher) {
        this.jpa = jpa;
        this.calendars = calendars;
        this.accounts = accounts;
        this.clock = clock;
        this.zone = zone;
        this.publisher = publisher;
    }

    void notifiers(Notifiers n) {
        this.notifiers = n;
    }

    /** Working days between escalation steps once an order is overdue (the scanner's configuration). */
    void escalationIntervalDays(int days) {
        this.escalationIntervalDays = Math.max(1, days);
    }

    void batchSize(int size) {
        this.batchSize = Math.max(1, size);
    }

    Calendars calendars() {
        return calendars;
    }

    Inbox inbox() {
        return new Inbox(jpa, clock);
    }

    private SlaClock slaClock() {
        return new SlaClock(calendars.current());
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Refuses a dispatch that would leave a major order without its agreed deadline. */
    void checkDispatch(WorkOrderEntity o, Instant agreed, SlaKind categoryKind, List<Violation> errors) {
        SlaKind kind = o.slaKind() != null ? o.slaKind() : categoryKind;
        if (kind == SlaKind.MAJOR && agreed == null && o.deadline() == null) {
            errors.add(Violation.ofField("/deadline", "a major order needs the deadline agreed with the reporter or"
                    + " the leader"));
        }
    }

    /**
     * Applies a command's effect on the clock, in the command's transaction, once the command changed the order in
     * memory: the clock's changes to the order are flushed with the command's (one version, and the order's row
     * locked first, as a scanner locks it), then the order's timers are replaced.
     *
     * @param agreed the deadline given with the command (dispatch), or {@code null}
     */
    Outcome onCommand(EntityManager em, WorkOrderEntity o, String command, WorkOrderState from, Instant agreed,
            Instant now) {
        After after = new After();
        List<String> detail = new ArrayList<>();
        switch (command) {
            case WorkOrderCommand.ACCEPT -> start(em, o, now, agreed, detail);
            case WorkOrderCommand.DISPATCH -> {
                if (o.slaStartedAt() == null) {
                    start(em, o, now, agreed, detail);
                } else if (agreed != null) {
                    o.slaDeadlineAgreed();
                    detail.add("deadline agreed: " + shown(agreed));
                }
                notifyDispatched(o, now, after);
            }
            case WorkOrderCommand.REOPEN -> {
                o.slaEscalationReset();
                start(em, o, now, null, detail);
                notifyDispatched(o, now, after);
            }
            case WorkOrderCommand.APPROVE_SUSPENSION -> {
                o.slaSuspended(now);
                detail.add("SLA clock paused");
            }
            case WorkOrderCommand.RESUME -> {
                Instant suspendedAt = o.suspendedAt();
                Instant due = o.deadline();
                if (suspendedAt != null && due != null) {
                    Instant moved = SlaClock.resumed(due, suspendedAt, now);
                    o.slaResumed(moved);
                    detail.add("SLA clock resumed after " + Duration.between(suspendedAt, now).toMinutes()
                            + " min: deadline " + shown(due) + " -> " + shown(moved));
                } else if (suspendedAt != null) {
                    o.slaResumed(null); // no deadline to move: only the pause ends
                }
            }
            default -> {
            }
        }
        em.flush();
        if (from != o.state() || WorkOrderCommand.DISPATCH.equals(command)) {
            reschedule(em, o, now);
        }
        em.flush();
        after.notifications.forEach(n -> em.persist(new InboxEntity(n)));
        return new Outcome(detail.isEmpty() ? null : String.join("; ", detail), after);
    }

    /** Starts (or restarts) the clock from the order's category: the kind is fixed from now on. */
    private void start(EntityManager em, WorkOrderEntity o, Instant now, Instant agreed, List<String> detail) {
        CategoryEntity c = em.find(CategoryEntity.class, o.categoryCode());
        Category category = c == null ? null : c.toRecord();
        SlaKind kind = category != null ? category.slaKind() : o.slaKind() != null ? o.slaKind() : SlaKind.DIFFICULT;
        o.slaStarted(kind, now);
        if (agreed == null && kind != SlaKind.MAJOR) {
            int days = category != null && category.slaDays() != null ? category.slaDays() : 1;
            o.deadline(slaClock().deadline(kind.clock(), now, days, null));
        }
        detail.add("SLA " + kind + (o.deadline() == null ? ": no deadline until one is agreed"
                : ": deadline " + shown(o.deadline())));
    }

    /** Replaces the order's pending timers by what its clock now calls for. */
    void reschedule(EntityManager em, WorkOrderEntity o, Instant now) {
        cancel(em, o.id(), now);
        WorkOrderState s = o.state();
        Instant due = o.deadline();
        if (!s.isOpen() || s == WorkOrderState.SUSPENDED || due == null || o.slaStartedAt() == null) {
            return;
        }
        if (o.overdueAt() == null) {
            if (o.remindedAt() == null) {
                Optional<Instant> remind = SlaLevel.ofNumber(o.level())
                        .flatMap(level -> slaClock().reminder(level, o.slaStartedAt(), due));
                if (remind.isPresent() && remind.get().isBefore(due)) {
                    em.persist(new SlaTimerEntity(o.id(), Kind.REMIND, 0, remind.get(), now));
                }
            }
            em.persist(new SlaTimerEntity(o.id(), Kind.OVERDUE, 0, due, now));
        } else {
            scheduleEscalation(em, o, now);
        }
    }

    /** The timer of an overdue order's next escalation step, unless it reached the county. */
    private void scheduleEscalation(EntityManager em, WorkOrderEntity o, Instant now) {
        if (o.escalationLevel() < MAX_LEVEL) {
            int next = Math.max(o.escalationLevel(), 1) + 1;
            em.persist(new SlaTimerEntity(o.id(), Kind.ESCALATE, next,
                    slaClock().escalation(o.deadline(), next - 1, escalationIntervalDays), now));
        }
    }

    private static void cancel(EntityManager em, long orderId, Instant now) {
        em.createQuery("UPDATE SlaTimerEntity t SET t.status = :cancelled, t.firedAt = :now WHERE t.orderId = :id"
                        + " AND t.status = :pending AND t.firedAt IS NULL")
                .setParameter("cancelled", SlaTimerEntity.CANCELLED).setParameter("now", Date.from(now))
                .setParameter("id", orderId).setParameter("pending", SlaTimerEntity.PENDING).executeUpdate();
    }

    private void notifyDispatched(WorkOrderEntity o, Instant now, After after) {
        if (o.assignee() == null) {
            return;
        }
        String due = o.deadline() == null ? "" : "，请于 " + shown(o.deadline()) + " 前办结";
        String dueEn = o.deadline() == null ? "" : "; due " + shown(o.deadline());
        after.notifications.add(new Notification(o.assignee(), Notification.DISPATCHED, o.id(), o.number(),
                "新派工单 " + o.number() + due, "Work order " + o.number() + " dispatched to you" + dueEn,
                o.description(), now));
    }

    /** Sends what a committed command decided; never throws. */
    void afterCommit(After after) {
        if (after == null) {
            return;
        }
        for (Event e : after.events) {
            publisher.publish(e.topic(), e.order(), e.order().state(), e.command(), SYSTEM, e.extra());
        }
        Notifiers n = notifiers;
        if (n != null) {
            n.deliver(after.notifications);
        }
    }

    // ---- the scan --------------------------------------------------------------------------------------------

    /**
     * Fires every timer due now, in batches read through the (status, due_at) index. Safe on several nodes at
     * once: each timer fires on exactly one.
     *
     * @param node who claims the timers ({@code claimed_by})
     */
    ScanReport scan(String node) {
        Instant now = clock.instant();
        int due = 0;
        int fired = 0;
        int skipped = 0;
        int lost = 0;
        int failed = 0;
        // Keyset pages over (due_at, id): a timer that failed stays pending and is not read again in this scan.
        Date afterDue = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
        long afterId = Long.MIN_VALUE;
        while (true) {
            int size = batchSize;
            Date fromDue = afterDue;
            long fromId = afterId;
            List<Object[]> page = jpa.read(em -> em.createQuery("SELECT t.id, t.dueAt FROM SlaTimerEntity t"
                            + " WHERE t.status = :p AND t.dueAt <= :now AND (t.dueAt > :d OR (t.dueAt = :d AND t.id > :i))"
                            + " ORDER BY t.dueAt, t.id", Object[].class)
                    .setParameter("p", SlaTimerEntity.PENDING).setParameter("now", Date.from(now))
                    .setParameter("d", fromDue).setParameter("i", fromId)
                    .setMaxResults(size).getResultList());
            for (Object[] row : page) {
                long id = ((Number) row[0]).longValue();
                afterId = id;
                afterDue = (Date) row[1];
                due++;
                try {
                    switch (fire(id, node, now)) {
                        case FIRED -> fired++;
                        case SKIPPED -> skipped++;
                        case LOST -> lost++;
                    }
                } catch (PersistenceException e) {
                    // A command changed the order at the same moment: the rollback freed the timer for the next scan.
                    failed++;
                    LOG.debug("SLA timer {} not fired now", id, e);
                }
            }
            if (page.size() < size) {
                break;
            }
        }
        ScanReport report = new ScanReport(due, fired, skipped, lost, failed);
        if (due > 0) {
            LOG.info("SLA scan on {}: {}", node, report);
        }
        return report;
    }

    private record FireResult(Effect effect, After after) {
    }

    /** Claims and fires one timer in one transaction; events and notifiers after the commit. */
    Effect fire(long timerId, String node, Instant now) {
        FireResult r = jpa.inTransaction(em -> fireIn(em, timerId, node, now));
        afterCommit(r.after());
        return r.effect();
    }

    private FireResult fireIn(EntityManager em, long timerId, String node, Instant now) {
        SlaTimerEntity t = em.find(SlaTimerEntity.class, timerId);
        if (t == null || !SlaTimerEntity.PENDING.equals(t.status())) {
            return new FireResult(Effect.LOST, null);
        }
        // The order first, then the timer: the same lock order as commands, which change the order and then cancel
        // its timers; two nodes on one timer queue up here and the second one's claim finds it fired.
        WorkOrderEntity o = em.find(WorkOrderEntity.class, t.orderId(), LockModeType.PESSIMISTIC_WRITE);
        int claimed = em.createQuery("UPDATE SlaTimerEntity t SET t.firedAt = :now, t.claimedBy = :node,"
                        + " t.status = :fired WHERE t.id = :id AND t.firedAt IS NULL")
                .setParameter("now", Date.from(now)).setParameter("node", node)
                .setParameter("fired", SlaTimerEntity.FIRED).setParameter("id", timerId).executeUpdate();
        if (claimed != 1) {
            return new FireResult(Effect.LOST, null);
        }
        After after = new After();
        boolean applies = o != null && o.state().isOpen() && o.state() != WorkOrderState.SUSPENDED
                && o.deadline() != null && o.slaStartedAt() != null;
        Effect effect = Effect.SKIPPED;
        if (applies) {
            effect = switch (t.kind()) {
                case REMIND -> remind(em, o, now, after);
                case OVERDUE -> overdue(em, o, now, after);
                case ESCALATE -> escalate(em, o, t.step(), now, after);
            };
        }
        if (effect == Effect.FIRED) {
            // Only the next step is added; a reminder still pending after the order went red is skipped when due.
            // Touching no other timer row keeps two nodes that fire timers of different orders out of each other's way.
            if (t.kind() != Kind.REMIND) {
                scheduleEscalation(em, o, now);
            }
            em.flush();
            after.notifications.forEach(n -> em.persist(new InboxEntity(n)));
        }
        return new FireResult(effect, after);
    }

    private Effect remind(EntityManager em, WorkOrderEntity o, Instant now, After after) {
        if (o.remindedAt() != null || o.overdueAt() != null || SlaClock.isOverdue(o.deadline(), now)) {
            return Effect.SKIPPED;
        }
        o.slaReminded(now);
        em.flush();
        List<String> to = handlers(o);
        WorkOrderKernel.append(em, o, SYSTEM, SYSTEM_NAME, SYSTEM, "remind", o.state(), o.state(), null,
                "deadline " + shown(o.deadline()) + "; reminded: " + String.join(",", to), List.of(), now);
        for (String user : to) {
            after.notifications.add(new Notification(user, Notification.REMINDER, o.id(), o.number(),
                    "工单 " + o.number() + " 将于 " + shown(o.deadline()) + " 到期",
                    "Work order " + o.number() + " is due " + shown(o.deadline()), o.description(), now));
        }
        after.events.add(new Event(WorkOrderEvents.REMINDED, o.toRecord(true, now), "remind", Map.of()));
        return Effect.FIRED;
    }

    private Effect overdue(EntityManager em, WorkOrderEntity o, Instant now, After after) {
        if (o.overdueAt() != null || !SlaClock.isOverdue(o.deadline(), now)) {
            return Effect.SKIPPED;
        }
        o.slaOverdue(now);
        em.flush();
        WorkOrderKernel.append(em, o, SYSTEM, SYSTEM_NAME, SYSTEM, "overdue", o.state(), o.state(),
                "deadline " + shown(o.deadline()) + " passed", null, List.of(), now);
        after.events.add(new Event(WorkOrderEvents.OVERDUE, o.toRecord(true, now), "overdue", Map.of()));
        int level = Math.max(o.escalationLevel(), 1);
        supervise(em, o, level, "超期未办结 overdue: deadline " + shown(o.deadline()) + " passed", now, after);
        return Effect.FIRED;
    }

    private Effect escalate(EntityManager em, WorkOrderEntity o, int level, Instant now, After after) {
        if (o.overdueAt() == null || level != Math.max(o.escalationLevel(), 1) + 1 || level > MAX_LEVEL) {
            return Effect.SKIPPED;
        }
        supervise(em, o, level, "超期 " + Duration.between(o.deadline(), now).toHours() + " 小时仍未办结，升级至"
                + ladderZh(level) + " still overdue, escalated to " + ladderEn(level), now, after);
        return Effect.FIRED;
    }

    /**
     * Issues a supervision order at {@code level}, raising the order's escalation level to it: trail records
     * {@code supervise} (and {@code escalate} when the level rises), notifications to the level's people.
     */
    private void supervise(EntityManager em, WorkOrderEntity o, int level, String reason, Instant now, After after) {
        int before = o.escalationLevel();
        List<String> targets = new ArrayList<>();
        Set<String> people = new LinkedHashSet<>(handlers(o));
        if (o.department() != null) {
            targets.add("department:" + o.department());
        }
        if (o.assignee() != null) {
            targets.add("user:" + o.assignee());
        }
        String town = townOf(o);
        String county = countyOf(o);
        List<RoleAt> roles = switch (level) {
            case 1 -> List.<RoleAt>of();
            case 2 -> List.of(new RoleAt(Roles.TOWN_OPERATOR, town), new RoleAt(Roles.INSPECTOR, town));
            case 3 -> List.of(new RoleAt(Roles.TOWN_LEADER, town));
            default -> List.of(new RoleAt(Roles.COUNTY_ADMIN, county));
        };
        for (RoleAt role : roles) {
            targets.add("role:" + role.role() + "@" + role.region());
            for (Account a : accounts.withRole(Caller.SYSTEM, role.region(), role.role())) {
                people.add(a.username());
            }
        }
        int seq = o.slaSupervised();
        if (level > before) {
            o.slaEscalated(level, now);
        }
        em.flush();
        SupervisionEntity sv = new SupervisionEntity(o.id(), o.number(), seq, level, targets, reason, now);
        em.persist(sv);
        em.flush();
        if (level > before) {
            WorkOrderKernel.append(em, o, SYSTEM, SYSTEM_NAME, SYSTEM, "escalate", o.state(), o.state(), null,
                    "escalation level " + before + " -> " + level + " (" + ladderEn(level) + ")", List.of(), now);
            after.events.add(new Event(WorkOrderEvents.ESCALATED, o.toRecord(true, now), "escalate",
                    Map.of(WorkOrderEvents.PROPERTY_ESCALATION_LEVEL, level)));
        }
        WorkOrderKernel.append(em, o, SYSTEM, SYSTEM_NAME, SYSTEM, "supervise", o.state(), o.state(), reason,
                "supervision " + sv.number() + " to " + String.join(",", targets) + "; notified: "
                        + String.join(",", people), List.of(), now);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(WorkOrderEvents.PROPERTY_SUPERVISION, sv.number());
        extra.put(WorkOrderEvents.PROPERTY_ESCALATION_LEVEL, level);
        after.events.add(new Event(WorkOrderEvents.SUPERVISED, o.toRecord(true, now), "supervise", extra));
        String kind = level == 1 ? Notification.OVERDUE : Notification.ESCALATED;
        for (String user : people) {
            after.notifications.add(new Notification(user, kind, o.id(), o.number(),
                    (level == 1 ? "工单超期，督办单 " : "工单升级至" + ladderZh(level) + "，督办单 ") + sv.number()
                            + "：" + o.number(),
                    (level == 1 ? "Work order " + o.number() + " is overdue: supervision "
                            : "Work order " + o.number() + " escalated to the " + ladderEn(level) + ": supervision ")
                            + sv.number(), reason, now));
        }
    }

    /** The holders of a role at one region: who an escalation level reaches. */
    private record RoleAt(String role, String region) {
    }

    /** Who handles the order now: its assignee, else the command centre of its town. */
    private List<String> handlers(WorkOrderEntity o) {
        if (o.assignee() != null) {
            return List.of(o.assignee());
        }
        return accounts.withRole(Caller.SYSTEM, townOf(o), Roles.TOWN_OPERATOR).stream().map(Account::username)
                .toList();
    }

    private static String townOf(WorkOrderEntity o) {
        if (o.townCode() != null) {
            return o.townCode();
        }
        RegionCode r = RegionCode.parse(o.regionCode());
        return r.ancestorAt(RegionLevel.TOWN).map(RegionCode::value).orElse(countyOf(o));
    }

    private static String countyOf(WorkOrderEntity o) {
        RegionCode r = RegionCode.parse(o.regionCode());
        return r.ancestorAt(RegionLevel.COUNTY).map(RegionCode::value).orElse(r.value());
    }

    static String ladderZh(int level) {
        return switch (level) {
            case 1 -> "责任部门";
            case 2 -> "协调组";
            case 3 -> "镇领导";
            default -> "县级";
        };
    }

    static String ladderEn(int level) {
        return switch (level) {
            case 1 -> "department";
            case 2 -> "coordination group";
            case 3 -> "town leader";
            default -> "county";
        };
    }

    private String shown(Instant at) {
        return SHOWN.format(at.atZone(zone.get()));
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    List<SlaTimerEntity> timers(long orderId) {
        return jpa.read(em -> em.createQuery("SELECT t FROM SlaTimerEntity t WHERE t.orderId = :id ORDER BY t.id",
                SlaTimerEntity.class).setParameter("id", orderId).getResultList());
    }
}
