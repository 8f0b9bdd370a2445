package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.WorkOrderState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * One way of finding the open orders whose SLA clock has run out: what the bench times as "the SLA scan". Phase 1 has
 * only a deadline column, so the implementations here query it; the durable SLA timers will add their own
 * implementation (their due-timer query) and the bench times it the same way.
 */
interface OverdueScan {

    /** Shown in the report: which query was measured. */
    String description();

    /**
     * Hands every open order due in {@code [since, now)} to {@code sink} ({@code since} null: every overdue one).
     *
     * @return how many
     */
    int scan(Instant since, Instant now, LongConsumer sink) throws SQLException;

    List<String> OPEN = Arrays.stream(WorkOrderState.values()).filter(WorkOrderState::isOpen).map(Enum::name).toList();

    /**
     * One range per open state on an index that leads with the state and then the deadline: each range holds only the
     * overdue orders of that state, so the work grows with the overdue orders, not with the table.
     */
    static OverdueScan perState(DataSource ds) {
        return new OverdueScan() {
            @Override
            public String description() {
                return "for each open state s: SELECT id, deadline FROM og_workorder WHERE state = s AND deadline < now"
                        + " [AND deadline >= since] (index og_workorder_state_deadline (state, deadline))";
            }

            @Override
            public int scan(Instant since, Instant now, LongConsumer sink) throws SQLException {
                String sql = "SELECT id, deadline FROM og_workorder WHERE state = ? AND deadline < ?"
                        + (since == null ? "" : " AND deadline >= ?");
                int n = 0;
                try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                    for (String state : OPEN) {
                        q.setString(1, state);
                        q.setTimestamp(2, Timestamp.from(now));
                        if (since != null) {
                            q.setTimestamp(3, Timestamp.from(since));
                        }
                        try (ResultSet rs = q.executeQuery()) {
                            while (rs.next()) {
                                sink.accept(rs.getLong(1));
                                n++;
                            }
                        }
                    }
                }
                return n;
            }
        };
    }

    /** The same as one statement with the open states as an IN list: how the optimiser plans it is the question. */
    static OverdueScan inList(DataSource ds) {
        return new OverdueScan() {
            private final String states = OPEN.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));

            @Override
            public String description() {
                return "SELECT id, deadline FROM og_workorder WHERE state IN (<open states>) AND deadline < now"
                        + " [AND deadline >= since]";
            }

            @Override
            public int scan(Instant since, Instant now, LongConsumer sink) throws SQLException {
                String sql = "SELECT id, deadline FROM og_workorder WHERE state IN (" + states + ") AND deadline < ?"
                        + (since == null ? "" : " AND deadline >= ?");
                int n = 0;
                try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
                    q.setTimestamp(1, Timestamp.from(now));
                    if (since != null) {
                        q.setTimestamp(2, Timestamp.from(since));
                    }
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            sink.accept(rs.getLong(1));
                            n++;
                        }
                    }
                }
                return n;
            }
        };
    }
}
