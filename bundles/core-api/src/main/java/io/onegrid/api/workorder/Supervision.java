package io.onegrid.api.workorder;

import java.time.Instant;
import java.util.List;

/**
 * A supervision order (督办单): issued by the system when an order goes overdue, and again at each escalation.
 *
 * @param number          {@code DB-<order number without WO->-<seq>}
 * @param orderId         the supervised order
 * @param seq             1 for the first supervision of the order, then 2, 3, ...
 * @param escalationLevel the level it was issued at: 1 department, 2 coordination group, 3 town leader, 4 county
 * @param addressedTo     who must act: {@code department:<code>}, {@code user:<name>}, {@code role:<role>@<region>}
 * @param reason          why, e.g. the missed deadline
 * @param createdBy       always {@code system} for automatic supervision
 * @param createdAt       when it was issued
 */
public record Supervision(String number, long orderId, int seq, int escalationLevel, List<String> addressedTo,
        String reason, String createdBy, Instant createdAt) {

    public Supervision {
        addressedTo = addressedTo == null ? List.of() : List.copyOf(addressedTo);
    }
}
