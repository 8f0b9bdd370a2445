package io.onegrid.api.workorder;

import java.time.Instant;

/**
 * A work order (工单) as callers see it.
 *
 * @param id                  stable numeric id
 * @param number              human-readable number {@code WO-<yyyyMMdd>-<id, 6 digits or more>}, dated in the
 *                            installation's time zone
 * @param state               where it stands
 * @param category            minor category code
 * @param level               1 (general) to 4 (most severe); from the category's default level
 * @param channel             the intake channel
 * @param description         what the first report said
 * @param addressCode         standard address or doorplate region code, or {@code null}
 * @param lon                 point, or {@code null}
 * @param lat                 point, or {@code null}
 * @param regionCode          the most specific known region (grid, village, town or county): the order's data scope
 * @param gridCode            the grid, when known
 * @param department          the department handling it now, or {@code null} (the command centre)
 * @param assignee            the user handling it now, or {@code null}
 * @param deadline            when it must be resolved: set when the order is accepted, from its category's SLA
 *                            kind over the county's working days; {@code null} before, and for major items until a
 *                            deadline is agreed at dispatch; pushed back by approved suspensions
 * @param escalationLevel     0 when not escalated; 1 department (overdue), 2 coordination group, 3 town leader,
 *                            4 county; see {@link WorkOrderState} for why this is not a state
 * @param suspensionRequested whether the handler asked for a suspension that no supervisor has decided yet
 * @param rating              the reporter's rating 1-5, or {@code null}
 * @param ratingComment       the reporter's comment, or {@code null}
 * @param linkedReports       how many near-duplicate reports were linked to this order
 * @param reporter            the first reporter; phone masked unless the caller handles or dispatches the order
 * @param createdBy           who submitted it (user or API token name), or {@code null} for an anonymous resident
 * @param routing             how intake routed it
 * @param parentId            the parent order of joint handling, or {@code null}
 * @param version             optimistic-lock version; pass it as {@code expectedVersion} with a command
 * @param createdAt           when it was submitted
 * @param updatedAt           when it last changed
 * @param closedAt            when it was last closed or rejected, or {@code null}
 * @param sla                 the SLA clock: light, time remaining, pause, reminder, overdue, supervisions
 */
public record WorkOrder(long id, String number, WorkOrderState state, String category, int level, String channel,
        String description, String addressCode, Double lon, Double lat, String regionCode, String gridCode,
        String department, String assignee, Instant deadline, int escalationLevel, boolean suspensionRequested,
        Integer rating, String ratingComment, int linkedReports, Reporter reporter, String createdBy, Routing routing,
        Long parentId, long version, Instant createdAt, Instant updatedAt, Instant closedAt, SlaStatus sla) {
}
