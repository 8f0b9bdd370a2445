package io.onegrid.api.workorder;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.security.Caller;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reading work orders and moving them through their lifecycle. Every call is limited to the caller's scope: an order
 * is visible when its region lies in the caller's subtrees, its department is one of the caller's departments, it is
 * assigned to the caller, or the caller submitted it. An order outside the scope answers like a missing one.
 */
@ProviderType
public interface WorkOrderService {

    /** The order, or empty when it does not exist or is not visible. Needs {@code workorder.read}. */
    Optional<WorkOrder> find(Caller caller, long id);

    /**
     * Visible orders matching the filter.
     *
     * @param page sortable by {@code createdAt} (default {@code -createdAt}), {@code updatedAt}, {@code number},
     *             {@code state}, {@code level}, {@code deadline}
     */
    Page<WorkOrder> list(Caller caller, WorkOrderFilter filter, PageRequest page);

    /**
     * Applies a lifecycle command. The state change, the order's other changes and the trail record are written in
     * one transaction; concurrent commands on one order are serialised by its version, so none is lost or applied
     * twice.
     *
     * <table>
     * <caption>The state machine: (state, command) &rarr; next state, and who may</caption>
     * <tr><th>from</th><th>command</th><th>to</th><th>who</th></tr>
     * <tr><td>SUBMITTED</td><td>accept</td><td>ACCEPTED</td><td>workorder.dispatch</td></tr>
     * <tr><td>SUBMITTED, ACCEPTED, RETURNED</td><td>reject</td><td>REJECTED</td><td>workorder.dispatch</td></tr>
     * <tr><td>ACCEPTED, RETURNED, DISPATCHED, IN_PROGRESS</td><td>dispatch</td><td>DISPATCHED</td>
     *     <td>workorder.dispatch</td></tr>
     * <tr><td>DISPATCHED, IN_PROGRESS</td><td>return</td><td>RETURNED</td><td>workorder.handle, as its handler</td></tr>
     * <tr><td>DISPATCHED</td><td>start</td><td>IN_PROGRESS</td><td>workorder.handle, as its handler</td></tr>
     * <tr><td>IN_PROGRESS</td><td>request-suspension</td><td>IN_PROGRESS</td><td>workorder.handle, as its
     *     handler</td></tr>
     * <tr><td>IN_PROGRESS (requested)</td><td>approve-suspension</td><td>SUSPENDED</td><td>workorder.supervise</td></tr>
     * <tr><td>IN_PROGRESS (requested)</td><td>deny-suspension</td><td>IN_PROGRESS</td><td>workorder.supervise</td></tr>
     * <tr><td>SUSPENDED</td><td>resume</td><td>IN_PROGRESS</td><td>workorder.handle as its handler, or
     *     workorder.supervise</td></tr>
     * <tr><td>IN_PROGRESS</td><td>resolve</td><td>RESOLVED</td><td>workorder.handle, as its handler</td></tr>
     * <tr><td>RESOLVED</td><td>verify</td><td>VERIFIED</td><td>workorder.dispatch</td></tr>
     * <tr><td>VERIFIED</td><td>rate</td><td>VERIFIED</td><td>the originator, or workorder.dispatch on the reporter's
     *     behalf</td></tr>
     * <tr><td>VERIFIED</td><td>close</td><td>CLOSED</td><td>the originator, or workorder.dispatch</td></tr>
     * <tr><td>RESOLVED, VERIFIED, CLOSED (within the window)</td><td>reopen</td><td>DISPATCHED</td>
     *     <td>workorder.dispatch</td></tr>
     * <tr><td>DISPATCHED, IN_PROGRESS</td><td>request-joint</td><td>unchanged</td><td>workorder.handle, as its
     *     handler</td></tr>
     * <tr><td>DISPATCHED, IN_PROGRESS (requested)</td><td>approve-joint</td><td>IN_PROGRESS, plus one DISPATCHED
     *     child per department</td><td>workorder.supervise</td></tr>
     * <tr><td>any (requested)</td><td>refuse-joint</td><td>unchanged</td><td>workorder.supervise</td></tr>
     * <tr><td>any but CLOSED and REJECTED</td><td>comment</td><td>unchanged</td><td>workorder.read and a visible
     *     order (also the system); since 1.5</td></tr>
     * </table>
     *
     * While a joint parent has open children every command on it is refused ({@code conflict}, member
     * {@code openChildren}); it is resolved by the system when no child is open and at least one was resolved. A
     * child cannot be reopened once its parent has been resolved.
     *
     * "As its handler": the caller is the assignee, or handles the order's department, or the order has no assignee
     * and lies in the caller's region scope.
     *
     * @return the order after the command
     * @throws io.onegrid.api.problem.ProblemException {@code not-found} when the order is not visible;
     *         {@code invalid-request} for an unknown command; {@code forbidden} naming the permission;
     *         {@code conflict} when the command is not allowed in the current state (member {@code allowed} lists the
     *         commands that are), or the version is stale (member {@code currentVersion}); {@code validation-failed}
     *         for a missing reason or a bad rating, assignee or department
     */
    WorkOrder command(Caller caller, long id, WorkOrderCommand command);

    /** The order's trail, oldest first. Needs {@code workorder.read} and a visible order (else not-found). */
    List<TrailRecord> trail(Caller caller, long id);

    /** Recomputes the order's hash chain. Needs {@code workorder.read} and a visible order (else not-found). */
    TrailVerification verifyTrail(Caller caller, long id);

    /** Near-duplicate reports linked to the order, oldest first. Same rules as {@link #trail}. */
    List<LinkedReport> linkedReports(Caller caller, long id);

    /** The order's supervision orders (督办单), oldest first. Same rules as {@link #trail}. */
    List<Supervision> supervisions(Caller caller, long id);

    /**
     * The children of a joint order that the caller may see, in creation order. Same rules as {@link #trail}.
     *
     * @since 1.2
     */
    List<WorkOrder> children(Caller caller, long id);
}
