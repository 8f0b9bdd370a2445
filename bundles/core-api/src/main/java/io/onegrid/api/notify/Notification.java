package io.onegrid.api.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One message to one person.
 *
 * @param recipient   user name of the account it is for
 * @param kind        what happened: one of the constants below (plugins may add their own, upper case)
 * @param orderId     the work order it is about, or {@code null}
 * @param orderNumber that order's number, or {@code null}
 * @param titleZh     one line in Chinese (for SMS, the whole message)
 * @param titleEn     the same line in English
 * @param body        details, at most 1000 characters, or {@code null}
 * @param at          when the kernel decided to send it (its controllable clock)
 */
public record Notification(String recipient, String kind, Long orderId, String orderNumber, String titleZh,
        String titleEn, String body, Instant at) {

    /** An order was dispatched (or reopened) to the recipient. */
    public static final String DISPATCHED = "DISPATCHED";
    /** An order the recipient handles is due within a day (level 2 and above). */
    public static final String REMINDER = "REMINDER";
    /** An order the recipient handles passed its deadline: it is red and a supervision order was issued. */
    public static final String OVERDUE = "OVERDUE";
    /** An overdue order was escalated to the recipient's level (coordination group, town leader, county). */
    public static final String ESCALATED = "ESCALATED";

    public Notification {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(titleZh, "titleZh");
        Objects.requireNonNull(titleEn, "titleEn");
        Objects.requireNonNull(at, "at");
    }
}
