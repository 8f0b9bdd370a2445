package io.onegrid.api.audit;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit log of the installation, shared by every node of a cluster: an append-only chain of records in which each
 * record's hash covers the hash of the record before it. A record changed or deleted directly in the database breaks
 * the chain, and {@link #verify()} names the first record where it breaks.
 *
 * <p>The chain is not keyed: someone who can write the database and who rewrites a record <em>and every hash after
 * it</em>, or who deletes the newest records, leaves an intact chain. Operators who need to detect that copy the
 * newest record's hash to a place the database administrators cannot write (a ticket, a signed mail, another system)
 * at regular intervals, and compare it with the record of the same id later.
 *
 * <p>Records are kept for good and readable by holders of {@code audit.read}: never put secrets in them (passwords,
 * tokens, full ID numbers).
 */
@ProviderType
public interface AuditLog {

    /**
     * Appends a record. Appends from every thread and every node are serialised, so ids are consecutive and the
     * chain follows the id order.
     *
     * @return the stored record with its id, time and hashes
     * @throws io.onegrid.api.problem.ProblemException {@code validation-failed} when the actor or action is missing, a
     *         field is too long, or a field holds control characters (tabs and line breaks are allowed in
     *         {@code detail} only); a too-long {@code detail} is cut instead
     */
    AuditRecord record(AuditEvent event);

    /**
     * Records newest first, optionally only those with the given actor, action and target (exact matches).
     *
     * @param actor  {@code null} or blank for any
     * @param action {@code null} or blank for any
     * @param target {@code null} or blank for any
     * @param page   the only sort key allowed is {@code id} ({@code -id}, newest first, when none is given)
     */
    Page<AuditRecord> list(String actor, String action, String target, PageRequest page);

    /**
     * Reads the whole chain in id order and recomputes every hash. Reports the first record that was changed, that
     * does not link to the one before it, or that follows a gap in the ids (deleted records).
     */
    AuditVerification verify();
}
