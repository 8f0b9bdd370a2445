package io.onegrid.api.workorder;

import java.time.Instant;

/**
 * Where an order stands against its deadline ({@link WorkOrder#deadline()}).
 *
 * @param light            {@code null} while the order has no running clock (not yet accepted, a major order
 *                         without an agreed deadline, or done); else GREEN, YELLOW (within a day of the deadline, or
 *                         reminded) or RED (overdue)
 * @param remainingSeconds seconds left until the deadline, negative when overdue, frozen while suspended;
 *                         {@code null} without a deadline
 * @param paused           whether the clock is paused by an approved suspension
 * @param startedAt        when the clock started (acceptance, or the last reopening), or {@code null}
 * @param remindedAt       when the handler was reminded, or {@code null}
 * @param overdueAt        when the order was found overdue and supervised, or {@code null}
 * @param supervisions     how many supervision orders (督办单) were issued for it
 */
public record SlaStatus(Light light, Long remainingSeconds, boolean paused, Instant startedAt, Instant remindedAt,
        Instant overdueAt, int supervisions) {

    /** The traffic light of the console. */
    public enum Light { GREEN, YELLOW, RED }
}
