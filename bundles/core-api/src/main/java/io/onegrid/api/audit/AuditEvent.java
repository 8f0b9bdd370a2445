package io.onegrid.api.audit;

/**
 * A security-relevant event to record, such as a sign-in or a change of rights.
 *
 * @param actor   who did it: a user name, or {@value #SYSTEM} for OneGrid itself; required, at most 100 characters
 * @param action  what happened, lower-case words joined by dots, dashes or underscores, e.g. {@code auth.login},
 *                {@code auth.login-failed}, {@code user.roles-changed}; required, at most 100 characters
 * @param target  what it happened to, e.g. {@code user:operator1}; may be {@code null}, at most 200 characters
 * @param detail  free text (tabs and line breaks allowed); may be {@code null}; text longer than 2000 characters is cut
 * @param address the client's IP address; may be {@code null}, at most 64 characters
 */
public record AuditEvent(String actor, String action, String target, String detail, String address) {

    /** The actor of events OneGrid causes itself (timers, imports at start). */
    public static final String SYSTEM = "system";

    /** An event caused by OneGrid itself, without a client address. */
    public static AuditEvent system(String action, String target, String detail) {
        return new AuditEvent(SYSTEM, action, target, detail, null);
    }
}
