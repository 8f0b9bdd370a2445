package io.onegrid.api.workorder;

/**
 * OSGi EventAdmin topics posted (asynchronously, after the change is committed) for every transition, so that plugins
 * and the console react without polling. Subscribe to {@value #ALL} for all of them.
 *
 * <p>Every event carries the properties named by the {@code PROPERTY_} constants. Events are posted asynchronously
 * from the thread of each request, so two transitions of one order made by two quick requests may arrive in either
 * order: order them by {@link #PROPERTY_VERSION}.
 */
public final class WorkOrderEvents {

    public static final String PREFIX = "io/onegrid/workorder/";
    public static final String ALL = PREFIX + "*";

    public static final String CREATED = PREFIX + "CREATED";
    /** A near-duplicate report was linked to the order. */
    public static final String LINKED = PREFIX + "LINKED";
    public static final String ACCEPTED = PREFIX + "ACCEPTED";
    public static final String REJECTED = PREFIX + "REJECTED";
    public static final String DISPATCHED = PREFIX + "DISPATCHED";
    public static final String RETURNED = PREFIX + "RETURNED";
    public static final String STARTED = PREFIX + "STARTED";
    public static final String SUSPENSION_REQUESTED = PREFIX + "SUSPENSION_REQUESTED";
    public static final String SUSPENDED = PREFIX + "SUSPENDED";
    public static final String SUSPENSION_DENIED = PREFIX + "SUSPENSION_DENIED";
    public static final String RESUMED = PREFIX + "RESUMED";
    public static final String RESOLVED = PREFIX + "RESOLVED";
    public static final String VERIFIED = PREFIX + "VERIFIED";
    public static final String RATED = PREFIX + "RATED";
    public static final String CLOSED = PREFIX + "CLOSED";
    public static final String REOPENED = PREFIX + "REOPENED";
    /** The handler was reminded: the deadline of a level 2+ order is a day away (actor {@code system}). */
    public static final String REMINDED = PREFIX + "REMINDED";
    /** The order passed its deadline: red light (actor {@code system}). */
    public static final String OVERDUE = PREFIX + "OVERDUE";
    /** A supervision order (督办单) was issued; property {@link #PROPERTY_SUPERVISION} names it. */
    public static final String SUPERVISED = PREFIX + "SUPERVISED";
    /** The escalation level rose; property {@link #PROPERTY_ESCALATION_LEVEL} holds the new level. */
    public static final String ESCALATED = PREFIX + "ESCALATED";
    /** A handler asked for joint handling (吹哨); the order's state is unchanged. @since 1.2 */
    public static final String JOINT_REQUESTED = PREFIX + "JOINT_REQUESTED";
    /**
     * A supervisor approved joint handling: posted for the parent; each child order is announced with
     * {@link #CREATED} (command {@code joint-child}). @since 1.2
     */
    public static final String JOINT_APPROVED = PREFIX + "JOINT_APPROVED";
    /** A supervisor refused joint handling; the order's state is unchanged. @since 1.2 */
    public static final String JOINT_REFUSED = PREFIX + "JOINT_REFUSED";

    /** A note was added to the trail ({@code comment}); the order's state is unchanged. @since 1.5 */
    public static final String COMMENTED = PREFIX + "COMMENTED";

    /** Long: the order's id. */
    public static final String PROPERTY_ID = "id";
    /** Long: the order's version after the transition; increases with every transition of the order. */
    public static final String PROPERTY_VERSION = "version";
    /** String: the order's number. */
    public static final String PROPERTY_NUMBER = "number";
    /** String: the state after the transition. */
    public static final String PROPERTY_STATE = "state";
    /** String: the state before, absent for {@link #CREATED}. */
    public static final String PROPERTY_PREVIOUS_STATE = "previousState";
    /**
     * String: the command, {@code submit}, {@code link-report}, {@code joint-child} (a child created by a joint
     * approval) or {@code auto-resolve} (a joint parent resolved with its last child); for the SLA's events
     * {@code remind}, {@code overdue}, {@code supervise} or {@code escalate}.
     */
    public static final String PROPERTY_COMMAND = "command";
    public static final String PROPERTY_CATEGORY = "category";
    public static final String PROPERTY_REGION = "regionCode";
    /** String, absent when none. */
    public static final String PROPERTY_DEPARTMENT = "department";
    /** String, absent when none. */
    public static final String PROPERTY_ASSIGNEE = "assignee";
    public static final String PROPERTY_ACTOR = "actor";
    public static final String PROPERTY_CHANNEL = "channel";
    /** Integer: the order's escalation level, on {@link #ESCALATED} and {@link #SUPERVISED}. */
    public static final String PROPERTY_ESCALATION_LEVEL = "escalationLevel";
    /** String: the supervision order's number, on {@link #SUPERVISED}. */
    public static final String PROPERTY_SUPERVISION = "supervision";

    private WorkOrderEvents() {
    }
}
