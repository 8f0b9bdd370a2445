package io.onegrid.api.workorder;

import java.time.Instant;
import java.util.Set;

/**
 * Conditions of a work-order list; {@code null} or empty members do not filter. The caller's scope always applies.
 *
 * @param states      any of these states
 * @param category    a major (2 digits) or minor (4 digits) category code
 * @param region      orders located in this region or below it
 * @param department  handled by this department
 * @param channel     submitted through this channel
 * @param assignee    handled by this user
 * @param createdFrom created at or after
 * @param createdTo   created before
 * @param text        contained in the description, or equal to the number
 * @param overdue     {@code true}: only open orders whose deadline has passed (red light); {@code false}: only the
 *                    others (closed, without a deadline, or still within it); {@code null}: both
 * @since 1.3 ({@code overdue})
 */
public record WorkOrderFilter(Set<WorkOrderState> states, String category, String region, String department,
        String channel, String assignee, Instant createdFrom, Instant createdTo, String text, Boolean overdue) {

    public WorkOrderFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
    }

    /** A filter without the overdue condition; the 1.0 constructor. */
    public WorkOrderFilter(Set<WorkOrderState> states, String category, String region, String department,
            String channel, String assignee, Instant createdFrom, Instant createdTo, String text) {
        this(states, category, region, department, channel, assignee, createdFrom, createdTo, text, null);
    }

    /** No condition but the caller's scope. */
    public static WorkOrderFilter all() {
        return new WorkOrderFilter(Set.of(), null, null, null, null, null, null, null, null, null);
    }
}
