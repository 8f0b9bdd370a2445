package io.onegrid.api.audit;

/**
 * The outcome of {@link AuditLog#verify()}.
 *
 * @param intact        whether every record still matches its hash and links to the one before, without gaps
 * @param checked       how many records were read: all of them when intact, else up to and including the broken one
 * @param firstBrokenId id of the first record that does not match or does not link, {@code null} when intact
 * @param reason        what is wrong with that record, {@code null} when intact
 */
public record AuditVerification(boolean intact, long checked, Long firstBrokenId, String reason) {

    /** An intact chain of {@code checked} records. */
    public static AuditVerification intact(long checked) {
        return new AuditVerification(true, checked, null, null);
    }

    /** A chain broken at record {@code id}. */
    public static AuditVerification broken(long checked, long id, String reason) {
        return new AuditVerification(false, checked, id, reason);
    }
}
