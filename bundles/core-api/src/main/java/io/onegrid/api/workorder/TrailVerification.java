package io.onegrid.api.workorder;

/**
 * The outcome of recomputing one order's trail.
 *
 * @param orderId        the order
 * @param intact         whether every record matches its hash, links to the one before, follows without gaps, and
 *                       the last one ends in the order's current state
 * @param checked        how many records were read
 * @param firstBrokenSeq the first record that does not match, or {@code null} when intact (0 when the records are
 *                       intact but the order's state disagrees with them)
 * @param reason         what is wrong, or {@code null}
 */
public record TrailVerification(long orderId, boolean intact, int checked, Integer firstBrokenSeq, String reason) {
}
