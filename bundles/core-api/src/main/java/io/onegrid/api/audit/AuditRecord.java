package io.onegrid.api.audit;

import java.time.Instant;

/**
 * One stored audit record: an {@link AuditEvent} with its place in the chain.
 *
 * @param id           position in the chain: 1 for the first record, then consecutive
 * @param at           when it was recorded, at millisecond precision
 * @param actor        see {@link AuditEvent#actor()}
 * @param action       see {@link AuditEvent#action()}
 * @param target       see {@link AuditEvent#target()}; {@code null} when none
 * @param detail       see {@link AuditEvent#detail()}; {@code null} when none
 * @param address      see {@link AuditEvent#address()}; {@code null} when unknown
 * @param previousHash {@link #hash()} of the record before, or 64 zeros for the first record
 * @param hash         lower-case hex SHA-256 over {@code previousHash} and all other fields of this record
 */
public record AuditRecord(long id, Instant at, String actor, String action, String target, String detail,
        String address, String previousHash, String hash) {

    /** The {@link #previousHash()} of the first record. */
    public static final String GENESIS_HASH = "0".repeat(64);
}
