package io.onegrid.api.workorder;

/**
 * What became of a submission.
 *
 * @param order        the order that now stands for the report
 * @param outcome      whether it was created, replayed or linked
 * @param trackingCode the code the reporter follows the report with on the public tracking page
 *                     ({@code /r/track/{code}}): random, one per report, the same for a replay; may be null for reports
 *                     taken before version 1.4 of this package
 */
public record IntakeResult(WorkOrder order, Outcome outcome, String trackingCode) {

    /** A result without tracking code (kept for callers written against version 1.3). */
    public IntakeResult(WorkOrder order, Outcome outcome) {
        this(order, outcome, null);
    }

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
