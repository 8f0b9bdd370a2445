package io.onegrid.workorder.internal;

import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.workorder.internal.WorkOrderKernel.Announcement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

/**
 * Joint handling (吹哨报到): the order's handler calls in two or more departments, a supervisor (town leader, command
 * centre) approves or refuses, and on approval the order becomes the parent of one child order per department. Each
 * child walks the normal lifecycle with its own clock; the parent takes no command while a child is open and is
 * resolved by the system when none is open any more and at least one was resolved.
 *
 * <p>The lifecycle table ({@link StateMachine}) does not hold these commands: they act on the request and on other
 * orders as well, and their guards need the database. {@link WorkOrderKernel} calls {@link #command} for them, and
 * {@link #hold} / {@link #settle} around every lifecycle command.
 *
 * <p>Concurrency: every command on a child first locks the parent's row, so two children resolved at the same time
 * are counted one after the other and the last one resolves the parent; requests and decisions change the parent's
 * row (its version), so two racing decisions cannot both pass.
 */
final class JointHandling {

    static final Set<String> COMMANDS = Set.of(WorkOrderCommand.REQUEST_JOINT, WorkOrderCommand.APPROVE_JOINT,
            WorkOrderCommand.REFUSE_JOINT);
    /** The command of a child's first trail record and of its CREATED event. */
    static final String CHILD_CREATED = "joint-child";
    /** The command of the parent's trail record when the system resolves it. */
    static final String AUTO_RESOLVE = "auto-resolve";
    static final int MAX_DEPARTMENTS = 31;
    private static final Set<WorkOrderState> JOINABLE = Set.of(WorkOrderState.DISPATCHED, WorkOrderState.IN_PROGRESS);
    private static final Set<String> DONE = Set.of(WorkOrderState.RESOLVED.name(), WorkOrderState.VERIFIED.name(),
            WorkOrderState.CLOSED.name());
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final WorkOrderKernel kernel;
    private final Sequences sequences;
    private final DepartmentService departments;

    JointHandling(WorkOrderKernel kernel, Sequences sequences, DepartmentService departments) {
        this.kernel = kernel;
        this.sequences = sequences;
        this.departments = departments;
    }

    // ---- the three commands ----------------------------------------------------------------------------------

    /** Applies request-joint, approve-joint or refuse-joint in one transaction, then posts its events. */
    WorkOrder command(Caller caller, long id, WorkOrderCommand c) {
        // Department look-ups happen before the transaction (another bundle); the answers are checked inside it.
        List<String> named = new ArrayList<>(new LinkedHashSet<>(c.departments().stream()
                .map(d -> d == null ? "" : d.strip()).toList()));
        Set<String> unknown = new LinkedHashSet<>();
        for (String d : named) {
            if (!CODE.matcher(d).matches() || departments.find(d).isEmpty()) {
                unknown.add(d);
            }
        }
        Result r = kernel.transaction(id, em -> apply(em, caller, id, c, named, unknown));
        r.announcements().forEach(kernel::publish);
        return r.order();
    }

    private record Result(WorkOrder order, List<Announcement> announcements) {
    }

    /** The joint-handling commands {@code caller} may give on {@code o} now (the console's buttons). */
    List<String> available(EntityManager em, Caller caller, WorkOrderEntity o) {
        if (!JOINABLE.contains(o.state())) {
            return List.of();
        }
        JointRequestEntity pending = pending(em, o.id());
        List<String> commands = new ArrayList<>();
        if (pending == null && o.parentId() == null && caller.hasPermission(Permissions.WORKORDER_HANDLE)
                && WorkOrderKernel.isHandler(caller, o)) {
            commands.add(WorkOrderCommand.REQUEST_JOINT);
        }
        if (pending != null && caller.hasPermission(Permissions.WORKORDER_SUPERVISE)) {
            commands.add(WorkOrderCommand.APPROVE_JOINT);
            commands.add(WorkOrderCommand.REFUSE_JOINT);
        }
        return commands;
    }

    private Result apply(EntityManager em, Caller caller, long id, WorkOrderCommand c, List<String> named,
            Set<String> unknown) {
        Instant now = kernel.now();
        WorkOrderEntity o = kernel.visibleOrder(em, caller, id);
        String name = c.name();
        Access.require(caller, name.equals(WorkOrderCommand.REQUEST_JOINT) ? Permissions.WORKORDER_HANDLE
                : Permissions.WORKORDER_SUPERVISE);
        JointRequestEntity pending = pending(em, o.id());
        WorkOrderState from = o.state();
        switch (name) {
            case WorkOrderCommand.REQUEST_JOINT -> {
                requireJoinable(o, name, now);
                if (o.parentId() != null) {
                    throw conflict(o, "Work order " + o.number() + " is itself a child of joint handling: ask the"
                            + " handler of its parent to call in more departments", now);
                }
                if (pending != null) {
                    throw conflict(o, "Joint handling of " + o.number() + " was already requested and waits for a"
                            + " leader's decision", now);
                }
                openChildren(em, o);
                if (!WorkOrderKernel.isHandler(caller, o)) {
                    throw new ProblemException(ProblemType.FORBIDDEN, "Only the order's handler may call in"
                            + " departments for it", Map.of("permission", Permissions.WORKORDER_HANDLE), null);
                }
            }
            case WorkOrderCommand.APPROVE_JOINT -> {
                if (pending == null) {
                    throw conflict(o, "No joint handling was requested for " + o.number(), now);
                }
                requireJoinable(o, name, now);
            }
            default -> {
                if (pending == null) {
                    throw conflict(o, "No joint handling was requested for " + o.number(), now);
                }
            }
        }
        checkArguments(c, named, unknown);
        List<Violation> unknownFiles = new ArrayList<>();
        Attachments.requireAttached(em, o.id(), c.attachments(), unknownFiles);
        if (!unknownFiles.isEmpty()) {
            throw ProblemException.invalid("'" + name + "' was not applied", unknownFiles);
        }
        kernel.requireVersion(o, c.expectedVersion());
        String reason = Intake.blankToNull(c.reason()) == null ? null : c.reason().strip();
        String comment = Intake.blankToNull(c.comment()) == null ? null : c.comment().strip();
        List<Announcement> announcements = new ArrayList<>();
        String detail;
        String topic;
        WorkOrderState to = from;
        switch (name) {
            case WorkOrderCommand.REQUEST_JOINT -> {
                em.persist(new JointRequestEntity(o.id(), named, reason, caller.name(), now));
                detail = "departments=" + String.join(",", named);
                topic = WorkOrderEvents.JOINT_REQUESTED;
            }
            case WorkOrderCommand.APPROVE_JOINT -> {
                pending.decide(JointRequestEntity.APPROVED, caller.name(), comment, now);
                List<String> children = new ArrayList<>();
                for (String department : pending.departments()) {
                    WorkOrderEntity child = createChild(em, caller, o, pending, department, now);
                    children.add(child.number() + " (" + department + ")");
                    announcements.add(new Announcement(WorkOrderEvents.CREATED, child.toRecord(false, now), null,
                            CHILD_CREATED, caller.name()));
                }
                // A pending suspension of the parent is moot: its clock now runs through its children.
                o.suspensionRequested(false);
                to = WorkOrderState.IN_PROGRESS;
                detail = "requested by " + pending.requestedBy() + ": " + pending.reason() + "; children: "
                        + String.join(", ", children);
                reason = comment;
                topic = WorkOrderEvents.JOINT_APPROVED;
            }
            default -> {
                pending.decide(JointRequestEntity.REFUSED, caller.name(), reason, now);
                detail = "requested by " + pending.requestedBy() + " for " + String.join(",", pending.departments());
                topic = WorkOrderEvents.JOINT_REFUSED;
            }
        }
        o.state(to, now);
        // Also when nothing else changes: the version moves, which serialises racing requests and decisions.
        em.lock(o, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        em.flush();
        kernel.append(em, o, caller, name, from, to, reason, detail, c.attachments(), now);
        WorkOrder after = o.toRecord(WorkOrderKernel.fullReporter(caller, o), now);
        announcements.add(0, new Announcement(topic, after, from, name, caller.name()));
        return new Result(after, announcements);
    }

    private WorkOrderEntity createChild(EntityManager em, Caller caller, WorkOrderEntity parent,
            JointRequestEntity request, String department, Instant now) {
        ZoneId zone = kernel.config().zone();
        long id = sequences.nextOrderId(em);
        String number = "WO-" + WorkOrderKernel.DAY.format(now.atZone(zone)) + "-" + String.format("%06d", id);
        WorkOrderEntity child = WorkOrderEntity.jointChild(id, number, parent, department,
                null, caller.name(), now, zone);
        em.persist(child);
        em.flush();
        kernel.append(em, child, caller, CHILD_CREATED, null, WorkOrderState.DISPATCHED, request.reason(),
                "child of " + parent.number() + " for department " + department + "; requested by "
                        + request.requestedBy(), List.of(), now);
        // Each child runs its own SLA clock, started as for any dispatched order (deadline, reminder, timers).
        kernel.sla().onCommand(em, child, WorkOrderCommand.DISPATCH, WorkOrderState.DISPATCHED, null, now);
        return child;
    }

    private static void checkArguments(WorkOrderCommand c, List<String> named, Set<String> unknown) {
        boolean request = c.name().equals(WorkOrderCommand.REQUEST_JOINT);
        boolean refuse = c.name().equals(WorkOrderCommand.REFUSE_JOINT);
        List<Violation> errors = new ArrayList<>();
        String reason = Intake.blankToNull(c.reason());
        if ((request || refuse) && reason == null) {
            errors.add(Violation.ofField("/reason", "required by '" + c.name() + "'"));
        } else if (!request && !refuse && reason != null) {
            errors.add(Violation.ofField("/reason", "not used by '" + c.name() + "'; give the comment"));
        }
        if (reason != null && (reason.length() > WorkOrderKernel.MAX_REASON || Intake.hasControl(reason))) {
            errors.add(Violation.ofField("/reason", "at most " + WorkOrderKernel.MAX_REASON + " characters"));
        }
        if (c.comment() != null && (!c.name().equals(WorkOrderCommand.APPROVE_JOINT)
                || c.comment().length() > WorkOrderKernel.MAX_REASON || Intake.hasControl(c.comment()))) {
            errors.add(Violation.ofField("/comment", c.name().equals(WorkOrderCommand.APPROVE_JOINT)
                    ? "at most " + WorkOrderKernel.MAX_REASON + " characters" : "not used by '" + c.name() + "'"));
        }
        if (request) {
            if (named.size() < 2 || named.size() > MAX_DEPARTMENTS) {
                errors.add(Violation.ofField("/departments", "two to " + MAX_DEPARTMENTS
                        + " different department codes"));
            }
            for (String d : unknown) {
                errors.add(Violation.ofField("/departments", "no department '" + d + "'"));
            }
        } else if (!c.departments().isEmpty()) {
            errors.add(Violation.ofField("/departments", "not used by '" + c.name() + "'"));
        }
        if (c.rating() != null || c.assignee() != null || c.department() != null || c.deadline() != null) {
            errors.add(Violation.ofField("/", "'" + c.name() + "' takes only reason, comment, departments,"
                    + " attachments and expectedVersion"));
        }
        if (c.attachments().size() > WorkOrderKernel.MAX_ATTACHMENTS || c.attachments().stream()
                .anyMatch(a -> a == null || !WorkOrderKernel.SHA256.matcher(a).matches())) {
            errors.add(Violation.ofField("/attachments", "at most " + WorkOrderKernel.MAX_ATTACHMENTS
                    + " SHA-256 values of 64 lower-case hex digits"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("'" + c.name() + "' was not applied", errors);
        }
    }

    private void requireJoinable(WorkOrderEntity o, String name, Instant now) {
        if (!JOINABLE.contains(o.state())) {
            throw conflict(o, "'" + name + "' needs the order DISPATCHED or IN_PROGRESS; it is " + o.state(), now);
        }
    }

    private ProblemException conflict(WorkOrderEntity o, String detail, Instant now) {
        return new ProblemException(ProblemType.CONFLICT, detail, Map.of("state", o.state().name(),
                "allowed", kernel.allowed(o, now)), null);
    }

    private static JointRequestEntity pending(EntityManager em, long orderId) {
        return em.createQuery("SELECT r FROM JointRequestEntity r WHERE r.orderId = :id AND r.status = :s",
                        JointRequestEntity.class).setParameter("id", orderId)
                .setParameter("s", JointRequestEntity.PENDING).getResultList().stream().findFirst().orElse(null);
    }

    // ---- around every lifecycle command ----------------------------------------------------------------------

    /**
     * Called before a lifecycle command changes {@code o}: refuses any command on a parent whose children are open;
     * for a child, locks its parent (see the class comment) and refuses reopening it once the parent is resolved.
     *
     * @return the child's locked parent, or {@code null} when {@code o} is no child
     */
    WorkOrderEntity hold(EntityManager em, WorkOrderEntity o, String command) {
        if (o.parentId() == null) {
            openChildren(em, o);
            return null;
        }
        WorkOrderEntity parent = em.find(WorkOrderEntity.class, o.parentId(), LockModeType.PESSIMISTIC_WRITE);
        if (command.equals(WorkOrderCommand.REOPEN) && parent.state() != WorkOrderState.IN_PROGRESS) {
            throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.number() + " is a child of "
                    + parent.number() + ", which is " + parent.state() + ": reopen the parent and request joint"
                    + " handling again", Map.of("state", o.state().name(), "parent", parent.number()), null);
        }
        return parent;
    }

    /** Refuses (409, member {@code openChildren}) when {@code o} has children that are still open. */
    private static void openChildren(EntityManager em, WorkOrderEntity o) {
        List<Object[]> open = em.createQuery("SELECT c.number, c.department, c.state FROM WorkOrderEntity c"
                        + " WHERE c.parentId = :id AND c.state IN :open ORDER BY c.id", Object[].class)
                .setParameter("id", o.id()).setParameter("open", openStates()).getResultList();
        if (!open.isEmpty()) {
            List<String> numbers = open.stream().map(r -> (String) r[0]).toList();
            throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.number() + " is handled jointly and"
                    + " waits for its children: " + open.stream().map(r -> r[0] + " (" + r[1] + ", " + r[2] + ")")
                    .collect(Collectors.joining(", ")) + "; it is resolved by itself when none is open any more",
                    Map.of("state", o.state().name(), "openChildren", numbers), null);
        }
    }

    /**
     * Called after a lifecycle command changed the child {@code o} and appended its trail record: resolves the
     * locked parent when no child is open any more and at least one was resolved.
     *
     * @return the parent's RESOLVED event, or {@code null}
     */
    Announcement settle(EntityManager em, WorkOrderEntity o, WorkOrderEntity parent, Instant now) {
        if (parent == null || o.state().isOpen() || parent.state() != WorkOrderState.IN_PROGRESS) {
            return null;
        }
        List<Object[]> children = em.createQuery("SELECT c.number, c.department, c.state FROM WorkOrderEntity c"
                + " WHERE c.parentId = :id ORDER BY c.id", Object[].class).setParameter("id", parent.id())
                .getResultList();
        boolean anyOpen = children.stream().anyMatch(r -> WorkOrderState.valueOf((String) r[2]).isOpen());
        boolean anyDone = children.stream().anyMatch(r -> DONE.contains((String) r[2]));
        if (anyOpen || !anyDone) {
            return null;
        }
        parent.state(WorkOrderState.RESOLVED, now);
        em.flush();
        kernel.append(em, parent, Caller.SYSTEM, AUTO_RESOLVE, WorkOrderState.IN_PROGRESS, WorkOrderState.RESOLVED,
                null, "no child is open any more: " + children.stream().map(r -> r[0] + " (" + r[1] + ", " + r[2]
                        + ")").collect(Collectors.joining(", ")), List.of(), now);
        return new Announcement(WorkOrderEvents.RESOLVED, parent.toRecord(false, now), WorkOrderState.IN_PROGRESS,
                AUTO_RESOLVE, Caller.SYSTEM.name());
    }

    private static List<String> openStates() {
        List<String> open = new ArrayList<>();
        for (WorkOrderState s : WorkOrderState.values()) {
            if (s.isOpen()) {
                open.add(s.name());
            }
        }
        return open;
    }

    /** The children of {@code parent} the caller may see, in creation order. */
    static List<WorkOrder> children(EntityManager em, Caller caller, WorkOrderEntity parent, Instant now) {
        return em.createQuery("SELECT c FROM WorkOrderEntity c WHERE c.parentId = :id ORDER BY c.id",
                        WorkOrderEntity.class).setParameter("id", parent.id()).getResultList().stream()
                .filter(c -> WorkOrderKernel.visible(caller, c))
                .map(c -> c.toRecord(WorkOrderKernel.fullReporter(caller, c), now)).toList();
    }
}
