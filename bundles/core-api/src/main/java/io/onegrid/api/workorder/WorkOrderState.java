package io.onegrid.api.workorder;

/**
 * Where a work order stands in its lifecycle (DESIGN.md §4).
 *
 * <pre>
 * SUBMITTED → ACCEPTED → DISPATCHED → IN_PROGRESS → RESOLVED → VERIFIED → CLOSED
 *     ↘ REJECTED      ↖ RETURNED ↙        ↕ SUSPENDED
 * </pre>
 *
 * <p>Escalation is deliberately <em>not</em> a state. An overdue order escalates along department &rarr; coordination
 * group &rarr; town leader &rarr; county while it is still being handled: it is escalated <em>and</em> in progress (or
 * suspended, or returned). Making ESCALATED a state would lose where the order actually stands, force every handling
 * command to be duplicated for escalated orders, and make "back to normal" ambiguous. So the order carries an
 * {@link WorkOrder#escalationLevel() escalation level} (0 = not escalated) next to its state, which the SLA and
 * supervision phase raises; the state machine is unaffected by it.
 */
public enum WorkOrderState {
    /** Received from a channel, waiting for the command centre to triage it. */
    SUBMITTED,
    /** Admitted by the command centre, not yet sent to a handler. */
    ACCEPTED,
    /** Sent to a handler (a grid worker and/or a department). */
    DISPATCHED,
    /** The handler is working on it. */
    IN_PROGRESS,
    /** Paused with a supervisor's approval (the SLA clock stops). */
    SUSPENDED,
    /** The handler reports it solved, with evidence. */
    RESOLVED,
    /** The command centre revisited the reporter and confirmed the result. */
    VERIFIED,
    /** Done. May be reopened within a configured window. */
    CLOSED,
    /** Not admissible (with a reason). Final. */
    REJECTED,
    /** Sent back by the handler for re-dispatch (with a reason). */
    RETURNED;

    /** Whether the order still needs work: new reports of the same problem are linked to it. */
    public boolean isOpen() {
        return switch (this) {
            case SUBMITTED, ACCEPTED, DISPATCHED, IN_PROGRESS, SUSPENDED, RETURNED -> true;
            case RESOLVED, VERIFIED, CLOSED, REJECTED -> false;
        };
    }
}
