package io.onegrid.api.workorder;

import java.time.Instant;
import java.util.List;

/**
 * One step of an order's trail: append-only, and hash-chained per order so that a record changed or deleted in the
 * database is detected by {@link WorkOrderService#verifyTrail}.
 *
 * @param seq          1 for the submission, then consecutive
 * @param at           when, at millisecond precision
 * @param actor        user or API token name; {@code resident} for an anonymous report, {@code system} for OneGrid
 * @param actorName    the actor's display name, as it was then
 * @param roles        the actor's roles then, comma-separated
 * @param command      {@code submit}, {@code link-report} or a {@link WorkOrderCommand} name
 * @param fromState    the state before, {@code null} for the submission
 * @param toState      the state after
 * @param reason       the reason or comment given, or {@code null}
 * @param detail       what else changed (assignee, department, rating, route), or {@code null}
 * @param attachments  SHA-256 of evidence files
 * @param previousHash the hash of the record before, or 64 zeros for the first
 * @param hash         lower-case hex SHA-256 over the previous hash and every other field
 */
public record TrailRecord(int seq, Instant at, String actor, String actorName, String roles, String command,
        WorkOrderState fromState, WorkOrderState toState, String reason, String detail, List<String> attachments,
        String previousHash, String hash) {

    /** The {@link #previousHash()} of the first record. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public TrailRecord {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
