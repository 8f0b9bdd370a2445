package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.TrailRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;

/**
 * The rows one accepted submission leaves, written by plain JDBC: the order ({@code og_workorder}, every column
 * OpenJPA writes), its first trail record (hash-chained as the kernel computes it), its idempotency key and its
 * near-duplicate index entry. The raw limit of the intake path, and the loader of the million-order table.
 */
final class WoRows implements AutoCloseable {

    /** One order row; {@code null} where the column is NULL. */
    record Order(long id, String number, String state, String category, int level, String channel,
            String description, double lon, double lat, String grid, String town, String department,
            String assignee, Timestamp deadline, String reporterName, String reporterPhone, String createdBy,
            String createdByKind, String routeSource, String routeNote, Timestamp createdAt, Timestamp updatedAt,
            Timestamp closedAt, Integer rating, String fingerprint, String idempotencyKey, String dedupKey) {
    }

    static final String INSERT_ORDER = "INSERT INTO og_workorder (id, wo_number, state, category_code, wo_level,"
            + " channel, description, address_code, lon, lat, region_code, grid_code, town_code, department, assignee,"
            + " deadline, escalation_level, suspension_requested, rating, rating_comment, linked_reports,"
            + " reporter_name, reporter_phone, created_by, created_by_kind, route_grid, route_centre,"
            + " route_department, route_assignee, route_source, route_rule_id, route_rule_version, route_note,"
            + " parent_id, created_at, updated_at, closed_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 0, FALSE, ?, NULL, 0, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, NULL, NULL, ?, NULL, ?, ?, ?, 1)";
    static final String INSERT_TRAIL = "INSERT INTO og_wo_trail (order_id, seq, recorded_at, actor, actor_name,"
            + " roles, command_name, from_state, to_state, reason, detail, attachments, previous_hash, hash)"
            + " VALUES (?, 1, ?, ?, ?, ?, 'submit', NULL, 'SUBMITTED', NULL, ?, NULL, ?, ?)";
    static final String INSERT_KEY = "INSERT INTO og_wo_idempotency (channel, idem_key, fingerprint, order_id,"
            + " outcome, created_at) VALUES (?, ?, ?, ?, 'CREATED', ?)";
    static final String INSERT_DEDUP = "INSERT INTO og_wo_dedup (dedup_key, order_id, created_at) VALUES (?, ?, ?)";

    private final PreparedStatement order;
    private final PreparedStatement trail;
    private final PreparedStatement key;
    private final PreparedStatement dedup;
    private final boolean orderOnly;

    /** @param orderOnly only {@code og_workorder} (the million-order load: lists and scans read nothing else) */
    WoRows(Connection c, boolean orderOnly) throws SQLException {
        this.orderOnly = orderOnly;
        this.order = c.prepareStatement(INSERT_ORDER);
        this.trail = orderOnly ? null : c.prepareStatement(INSERT_TRAIL);
        this.key = orderOnly ? null : c.prepareStatement(INSERT_KEY);
        this.dedup = orderOnly ? null : c.prepareStatement(INSERT_DEDUP);
    }

    /** Adds the rows of one order to the batches. */
    void add(Order o, String actor, String actorName, String roles) throws SQLException {
        int i = 1;
        order.setLong(i++, o.id());
        order.setString(i++, o.number());
        order.setString(i++, o.state());
        order.setString(i++, o.category());
        order.setInt(i++, o.level());
        order.setString(i++, o.channel());
        order.setString(i++, o.description());
        order.setDouble(i++, o.lon());
        order.setDouble(i++, o.lat());
        order.setString(i++, o.grid());
        order.setString(i++, o.grid());
        order.setString(i++, o.town());
        order.setString(i++, o.department());
        order.setString(i++, o.assignee());
        order.setTimestamp(i++, o.deadline());
        if (o.rating() == null) {
            order.setNull(i++, Types.INTEGER);
        } else {
            order.setInt(i++, o.rating());
        }
        order.setString(i++, o.reporterName());
        order.setString(i++, o.reporterPhone());
        order.setString(i++, o.createdBy());
        order.setString(i++, o.createdByKind());
        order.setString(i++, o.grid());
        order.setString(i++, o.town());
        order.setString(i++, o.department());
        order.setString(i++, o.assignee());
        order.setString(i++, o.routeSource());
        order.setString(i++, o.routeNote());
        order.setTimestamp(i++, o.createdAt());
        order.setTimestamp(i++, o.updatedAt());
        order.setTimestamp(i, o.closedAt());
        order.addBatch();
        if (orderOnly) {
            return;
        }
        String detail = "channel=" + o.channel() + "; route: grid=" + o.grid() + ", command centre=" + o.town()
                + ", department=" + o.department() + ", assignee=" + o.assignee() + " (" + o.routeSource() + ")";
        Timestamp at = o.createdAt();
        String hash = TrailChain.hash(TrailRecord.GENESIS_HASH, o.id(), 1, at.getTime(), actor, actorName, roles,
                "submit", null, "SUBMITTED", null, detail, List.of());
        trail.setLong(1, o.id());
        trail.setTimestamp(2, at);
        trail.setString(3, actor);
        trail.setString(4, actorName);
        trail.setString(5, roles);
        trail.setString(6, detail);
        trail.setString(7, TrailRecord.GENESIS_HASH);
        trail.setString(8, hash);
        trail.addBatch();
        key.setString(1, o.channel());
        key.setString(2, o.idempotencyKey());
        key.setString(3, o.fingerprint());
        key.setLong(4, o.id());
        key.setTimestamp(5, at);
        key.addBatch();
        dedup.setString(1, o.dedupKey());
        dedup.setLong(2, o.id());
        dedup.setTimestamp(3, at);
        dedup.addBatch();
    }

    /** Sends the batches (the caller commits). */
    void flush() throws SQLException {
        order.executeBatch();
        if (!orderOnly) {
            trail.executeBatch();
            key.executeBatch();
            dedup.executeBatch();
        }
    }

    @Override
    public void close() throws SQLException {
        order.close();
        if (!orderOnly) {
            trail.close();
            key.close();
            dedup.close();
        }
    }
}
