package io.onegrid.workorder.internal;

import static io.onegrid.api.workorder.WorkOrderState.ACCEPTED;
import static io.onegrid.api.workorder.WorkOrderState.CLOSED;
import static io.onegrid.api.workorder.WorkOrderState.DISPATCHED;
import static io.onegrid.api.workorder.WorkOrderState.IN_PROGRESS;
import static io.onegrid.api.workorder.WorkOrderState.REJECTED;
import static io.onegrid.api.workorder.WorkOrderState.RESOLVED;
import static io.onegrid.api.workorder.WorkOrderState.RETURNED;
import static io.onegrid.api.workorder.WorkOrderState.SUBMITTED;
import static io.onegrid.api.workorder.WorkOrderState.SUSPENDED;
import static io.onegrid.api.workorder.WorkOrderState.VERIFIED;

import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle of DESIGN.md §4 as one table: for each command, the states it is allowed in, the state it leads to,
 * who may issue it and which arguments it reads. {@link WorkOrderKernel} applies it; nothing else decides a
 * transition.
 */
final class StateMachine {

    /** Who may issue a command (checked against the caller's permissions and relation to the order). */
    enum Who {
        /** {@code workorder.dispatch}: the command centre. */
        DISPATCHER,
        /** {@code workorder.handle} and the order's handler (assignee, its department, or unassigned in scope). */
        HANDLER,
        /** {@code workorder.supervise}. */
        SUPERVISOR,
        /** A handler as above, or a supervisor. */
        HANDLER_OR_SUPERVISOR,
        /** Whoever submitted the order, or the command centre (on the reporter's behalf). */
        ORIGINATOR_OR_DISPATCHER
    }

    /** What a command's arguments may hold. */
    enum Arg { REASON, COMMENT, RATING, ASSIGNEE, DEPARTMENT, DEADLINE }

    /**
     * One row of the table.
     *
     * @param to       the next state; {@code null} when the command leaves the state as it is
     * @param required arguments that must be given
     * @param optional arguments that may be given; all others must be absent
     */
    record Transition(String command, Set<WorkOrderState> from, WorkOrderState to, Who who, Set<Arg> required,
            Set<Arg> optional, String topic) {

        WorkOrderState next(WorkOrderState current) {
            return to == null ? current : to;
        }
    }

    static final List<Transition> TABLE = List.of(
            t(WorkOrderCommand.ACCEPT, EnumSet.of(SUBMITTED), ACCEPTED, Who.DISPATCHER, none(), none(),
                    WorkOrderEvents.ACCEPTED),
            t(WorkOrderCommand.REJECT, EnumSet.of(SUBMITTED, ACCEPTED, RETURNED), REJECTED, Who.DISPATCHER,
                    EnumSet.of(Arg.REASON), none(), WorkOrderEvents.REJECTED),
            t(WorkOrderCommand.DISPATCH, EnumSet.of(ACCEPTED, RETURNED, DISPATCHED, IN_PROGRESS), DISPATCHED,
                    Who.DISPATCHER, none(), EnumSet.of(Arg.REASON, Arg.ASSIGNEE, Arg.DEPARTMENT, Arg.DEADLINE),
                    WorkOrderEvents.DISPATCHED),
            t(WorkOrderCommand.RETURN, EnumSet.of(DISPATCHED, IN_PROGRESS), RETURNED, Who.HANDLER,
                    EnumSet.of(Arg.REASON), none(), WorkOrderEvents.RETURNED),
            t(WorkOrderCommand.START, EnumSet.of(DISPATCHED), IN_PROGRESS, Who.HANDLER, none(),
                    EnumSet.of(Arg.COMMENT), WorkOrderEvents.STARTED),
            t(WorkOrderCommand.REQUEST_SUSPENSION, EnumSet.of(IN_PROGRESS), null, Who.HANDLER, EnumSet.of(Arg.REASON),
                    none(), WorkOrderEvents.SUSPENSION_REQUESTED),
            t(WorkOrderCommand.APPROVE_SUSPENSION, EnumSet.of(IN_PROGRESS), SUSPENDED, Who.SUPERVISOR, none(),
                    EnumSet.of(Arg.COMMENT), WorkOrderEvents.SUSPENDED),
            t(WorkOrderCommand.DENY_SUSPENSION, EnumSet.of(IN_PROGRESS), null, Who.SUPERVISOR, EnumSet.of(Arg.REASON),
                    none(), WorkOrderEvents.SUSPENSION_DENIED),
            t(WorkOrderCommand.RESUME, EnumSet.of(SUSPENDED), IN_PROGRESS, Who.HANDLER_OR_SUPERVISOR, none(),
                    EnumSet.of(Arg.COMMENT), WorkOrderEvents.RESUMED),
            t(WorkOrderCommand.RESOLVE, EnumSet.of(IN_PROGRESS), RESOLVED, Who.HANDLER, EnumSet.of(Arg.COMMENT),
                    none(), WorkOrderEvents.RESOLVED),
            t(WorkOrderCommand.VERIFY, EnumSet.of(RESOLVED), VERIFIED, Who.DISPATCHER, EnumSet.of(Arg.COMMENT),
                    none(), WorkOrderEvents.VERIFIED),
            t(WorkOrderCommand.RATE, EnumSet.of(VERIFIED), null, Who.ORIGINATOR_OR_DISPATCHER,
                    EnumSet.of(Arg.RATING), EnumSet.of(Arg.COMMENT), WorkOrderEvents.RATED),
            t(WorkOrderCommand.CLOSE, EnumSet.of(VERIFIED), CLOSED, Who.ORIGINATOR_OR_DISPATCHER, none(),
                    EnumSet.of(Arg.COMMENT), WorkOrderEvents.CLOSED),
            t(WorkOrderCommand.REOPEN, EnumSet.of(RESOLVED, VERIFIED, CLOSED), DISPATCHED, Who.DISPATCHER,
                    EnumSet.of(Arg.REASON), none(), WorkOrderEvents.REOPENED));

    private static final Map<String, Transition> BY_COMMAND = new LinkedHashMap<>();

    static {
        for (Transition t : TABLE) {
            BY_COMMAND.put(t.command(), t);
        }
    }

    private StateMachine() {
    }

    private static Transition t(String command, Set<WorkOrderState> from, WorkOrderState to, Who who,
            Set<Arg> required, Set<Arg> optional, String topic) {
        return new Transition(command, Set.copyOf(from), to, who, Set.copyOf(required), Set.copyOf(optional), topic);
    }

    private static Set<Arg> none() {
        return EnumSet.noneOf(Arg.class);
    }

    /** The command's row, or empty for an unknown name. */
    static Optional<Transition> command(String name) {
        return Optional.ofNullable(BY_COMMAND.get(name));
    }

    static Set<String> commandNames() {
        return BY_COMMAND.keySet();
    }

    /** The commands the table allows in {@code state}, in table order. */
    static List<String> allowedIn(WorkOrderState state) {
        List<String> allowed = new ArrayList<>();
        for (Transition t : TABLE) {
            if (t.from().contains(state)) {
                allowed.add(t.command());
            }
        }
        return allowed;
    }
}
