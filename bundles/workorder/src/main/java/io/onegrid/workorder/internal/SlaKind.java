package io.onegrid.workorder.internal;

import io.onegrid.workorder.internal.sla.SlaLevel;

/**
 * The deadline class of a category (DOMAIN.md: urgent the same day, difficult within 3 working days, major by an
 * agreed deadline, routine within the category's own limit in working days). The SLA clock ({@link SlaService})
 * turns it into a deadline over the county's working-day calendar when an order is accepted.
 */
public enum SlaKind {
    /** By the end of the day it was accepted. */
    URGENT,
    /** Within 3 working days. */
    DIFFICULT,
    /** By a deadline agreed at dispatch: none by default. */
    MAJOR,
    /** Within the category's {@code slaDays} working days. */
    ROUTINE;

    /** The clock's level for this kind. */
    SlaLevel clock() {
        return switch (this) {
            case URGENT -> SlaLevel.URGENT;
            case DIFFICULT -> SlaLevel.DIFFICULT;
            case MAJOR -> SlaLevel.MAJOR;
            case ROUTINE -> SlaLevel.ROUTINE;
        };
    }
}
