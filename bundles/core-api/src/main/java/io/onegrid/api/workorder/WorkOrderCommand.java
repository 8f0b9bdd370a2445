package io.onegrid.api.workorder;

import java.time.Instant;
import java.util.List;

/**
 * A lifecycle command on one order. Which members a command reads is documented with its name; the others must be
 * {@code null}. The state machine (which command is allowed in which state, with which permission) is documented on
 * {@link WorkOrderService#command}.
 *
 * @param name            one of the constants below
 * @param reason          why: required by {@link #REJECT}, {@link #RETURN}, {@link #REQUEST_SUSPENSION},
 *                        {@link #DENY_SUSPENSION}, {@link #REOPEN}, and by {@link #DISPATCH} when it changes the
 *                        department or assignee the order already has (manual re-dispatch); at most 500 characters
 * @param comment         free text; required by {@link #RESOLVE} (the evidence note), {@link #VERIFY} (what the
 *                        revisit found) and {@link #COMMENT} (the note); the reporter's words with {@link #RATE}; at
 *                        most 2000 characters
 * @param rating          1 to 5, with {@link #RATE} only
 * @param assignee        user name of the new handler, with {@link #DISPATCH} only
 * @param department      code of the new handling department, with {@link #DISPATCH} only
 * @param deadline        the agreed deadline, with {@link #DISPATCH} only (major items have no default deadline)
 * @param attachments     SHA-256 (64 lower-case hex digits) of evidence files (photos, video, recordings) uploaded
 *                        to this order beforehand ({@code POST /api/v1/workorders/{id}/attachments}); a hash that
 *                        names no file of the order is refused ({@code validation-failed}); recorded in the trail;
 *                        at most 10
 * @param expectedVersion when not {@code null}, the command applies only if the order still has this version
 * @param departments     the departments called in, with {@link #REQUEST_JOINT} only: two or more codes
 * @since 1.2 ({@code departments} and the joint-handling commands); 1.5 ({@link #COMMENT})
 */
public record WorkOrderCommand(String name, String reason, String comment, Integer rating, String assignee,
        String department, Instant deadline, List<String> attachments, Long expectedVersion,
        List<String> departments) {

    /** 受理: SUBMITTED &rarr; ACCEPTED. */
    public static final String ACCEPT = "accept";
    /** 不予受理: SUBMITTED, ACCEPTED or RETURNED &rarr; REJECTED, with a reason. */
    public static final String REJECT = "reject";
    /** 派单: ACCEPTED or RETURNED &rarr; DISPATCHED; re-dispatch from DISPATCHED or IN_PROGRESS. */
    public static final String DISPATCH = "dispatch";
    /** 退单: the handler sends it back for re-dispatch, with a reason. */
    public static final String RETURN = "return";
    /** 签收/开始办理: DISPATCHED &rarr; IN_PROGRESS. */
    public static final String START = "start";
    /** The handler asks to pause the clock, with a reason; the state stays IN_PROGRESS until a supervisor decides. */
    public static final String REQUEST_SUSPENSION = "request-suspension";
    /** A supervisor approves the pending suspension: IN_PROGRESS &rarr; SUSPENDED. */
    public static final String APPROVE_SUSPENSION = "approve-suspension";
    /** A supervisor refuses the pending suspension, with a reason. */
    public static final String DENY_SUSPENSION = "deny-suspension";
    /** SUSPENDED &rarr; IN_PROGRESS. */
    public static final String RESUME = "resume";
    /** 办结: IN_PROGRESS &rarr; RESOLVED, with the evidence note. */
    public static final String RESOLVE = "resolve";
    /** 回访: RESOLVED &rarr; VERIFIED, with what the revisit found. */
    public static final String VERIFY = "verify";
    /** 评价: the reporter's rating, 1-5, once, while VERIFIED. */
    public static final String RATE = "rate";
    /** 结案: VERIFIED &rarr; CLOSED, by the originator or the command centre. */
    public static final String CLOSE = "close";
    /** 重办: back to DISPATCHED from RESOLVED or VERIFIED (revisit not satisfied), or from CLOSED within the window. */
    public static final String REOPEN = "reopen";

    /**
     * 吹哨报到: the order's handler calls in two or more departments ({@code departments}), with a reason; a leader
     * decides. The order stays where it is until then.
     */
    public static final String REQUEST_JOINT = "request-joint";
    /**
     * A supervisor approves the pending joint request: the order (DISPATCHED or IN_PROGRESS) becomes IN_PROGRESS and
     * the parent of one child order per department, each DISPATCHED to its department with its own clock. The parent
     * takes no handling command while a child is open and resolves by itself when the last child is resolved.
     */
    public static final String APPROVE_JOINT = "approve-joint";
    /** A supervisor refuses the pending joint request, with a reason; the order stays as it is. */
    public static final String REFUSE_JOINT = "refuse-joint";

    /**
     * 备注: a note on the order's trail ({@code comment}, required; {@code attachments} optional) that changes
     * nothing else: allowed in every state but CLOSED and REJECTED, to whoever may see the order, and to the system
     * (plugins record what their devices saw, e.g. "水位回落至 1.42 m，告警解除"). Also on a joint parent whose
     * children are open.
     *
     * @since 1.5
     */
    public static final String COMMENT = "comment";

    public WorkOrderCommand {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    /** A command without {@code departments} (every command but {@link #REQUEST_JOINT}); the 1.0 constructor. */
    public WorkOrderCommand(String name, String reason, String comment, Integer rating, String assignee,
            String department, Instant deadline, List<String> attachments, Long expectedVersion) {
        this(name, reason, comment, rating, assignee, department, deadline, attachments, expectedVersion, null);
    }

    /** A command with no arguments but the expected version. */
    public static WorkOrderCommand of(String name, Long expectedVersion) {
        return new WorkOrderCommand(name, null, null, null, null, null, null, null, expectedVersion);
    }

    /** A note on the trail ({@link #COMMENT}). @since 1.5 */
    public static WorkOrderCommand comment(String text) {
        return new WorkOrderCommand(COMMENT, null, text, null, null, null, null, null, null);
    }

    /** A command with a reason (reject, return, reopen, ...). */
    public static WorkOrderCommand withReason(String name, String reason, Long expectedVersion) {
        return new WorkOrderCommand(name, reason, null, null, null, null, null, null, expectedVersion);
    }
}
