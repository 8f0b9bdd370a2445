package io.onegrid.api.workorder;

/**
 * What became of a submission.
 *
 * @param order   the order that now stands for the report
 * @param outcome whether it was created, replayed or linked
 */
public record IntakeResult(WorkOrder order, Outcome outcome) {

    /** What intake did with a submission. */
    public enum Outcome {
        /** A new order was created and routed. */
        CREATED,
        /** The channel had already submitted this idempotency key: the first attempt's order, nothing created. */
        REPLAYED,
        /**
         * A near-duplicate (same category, same address or grid, same day) of an open order: the report was linked
         * to that order, which is not dispatched twice.
         */
        LINKED
    }
}
