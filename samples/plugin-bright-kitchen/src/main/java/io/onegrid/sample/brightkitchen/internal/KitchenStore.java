package io.onegrid.sample.brightkitchen.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The plugin's own tables ({@code db/brightkitchen/V1__kitchen.sql}) over plain JDBC: one statement per call, auto
 * commit. Events arrive one at a time (the service is synchronized), so no call needs a transaction of several.
 */
final class KitchenStore {

    private final DataSource db;

    KitchenStore(DataSource db) {
        this.db = db;
    }

    /** Stores an event; empty when the camera sent this very event (camera, type, time) before. */
    OptionalLong addEvent(Camera camera, EventMessage m, Instant receivedAt) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO og_bk_event (camera_code, region_code, "
                        + "event_type, ts, confidence, snapshot, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, camera.code());
            ps.setString(2, camera.regionCode());
            ps.setString(3, m.type().name());
            ps.setTimestamp(4, Timestamp.from(m.ts()));
            ps.setDouble(5, m.confidence());
            ps.setString(6, m.snapshot());
            ps.setTimestamp(7, Timestamp.from(receivedAt));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return OptionalLong.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return OptionalLong.empty();
            }
            throw new IllegalStateException("storing a kitchen event failed", e);
        }
    }

    void linkEvent(long eventId, long incidentId) {
        update("UPDATE og_bk_event SET incident_id = ? WHERE id = ?", incidentId, eventId);
    }

    /** The camera's latest incident of this type (by the time of its last event), if any. */
    Optional<Incident> latestIncident(String camera, EventType type) {
        List<Incident> found = incidents("SELECT * FROM og_bk_incident WHERE camera_code = ? AND event_type = ? "
                + "ORDER BY last_ts DESC, id DESC", 1, camera, type.name());
        return found.stream().findFirst();
    }

    Optional<Incident> incident(long id) {
        return incidents("SELECT * FROM og_bk_incident WHERE id = ?", 1, id).stream().findFirst();
    }

    /** Opens an incident at the event; answers the existing one when it was opened already (another node). */
    Incident openIncident(Camera camera, EventType type, Instant ts, double confidence) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO og_bk_incident (camera_code, region_code, "
                        + "event_type, first_ts, last_ts, events, max_confidence) VALUES (?, ?, ?, ?, ?, 1, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, camera.code());
            ps.setString(2, camera.regionCode());
            ps.setString(3, type.name());
            ps.setTimestamp(4, Timestamp.from(ts));
            ps.setTimestamp(5, Timestamp.from(ts));
            ps.setDouble(6, confidence);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return incident(keys.getLong(1)).orElseThrow();
            }
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return incidents("SELECT * FROM og_bk_incident WHERE camera_code = ? AND event_type = ? AND first_ts = ?",
                        1, camera.code(), type.name(), Timestamp.from(ts)).get(0);
            }
            throw new IllegalStateException("opening a kitchen incident failed", e);
        }
    }

    /** Adds an event to an incident. */
    Incident join(Incident i, Instant ts, double confidence) {
        Instant last = ts.isAfter(i.lastTs()) ? ts : i.lastTs();
        update("UPDATE og_bk_incident SET last_ts = ?, events = events + 1, max_confidence = ? WHERE id = ?",
                Timestamp.from(last), Math.max(confidence, i.maxConfidence()), i.id());
        return incident(i.id()).orElseThrow();
    }

    void linkOrder(long incidentId, long orderId, String number) {
        update("UPDATE og_bk_incident SET work_order_id = ?, work_order_number = ? WHERE id = ?", orderId, number,
                incidentId);
    }

    /** The newest events of these cameras, newest first; names and labels from {@code cameras}. */
    List<KitchenEvent> recent(Collection<String> cameraCodes, Map<String, Camera> cameras, int limit) {
        if (cameraCodes.isEmpty()) {
            return List.of();
        }
        String in = String.join(", ", java.util.Collections.nCopies(cameraCodes.size(), "?"));
        List<KitchenEvent> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.*, i.work_order_id, i.work_order_number "
                        + "FROM og_bk_event e LEFT JOIN og_bk_incident i ON i.id = e.incident_id "
                        + "WHERE e.camera_code IN (" + in + ") ORDER BY e.id DESC")) {
            int at = 1;
            for (String code : cameraCodes) {
                ps.setString(at++, code);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString("camera_code");
                    EventType type = EventType.valueOf(rs.getString("event_type"));
                    Camera cam = cameras.get(code);
                    long incident = rs.getLong("incident_id");
                    Long incidentId = rs.wasNull() ? null : incident;
                    long order = rs.getLong("work_order_id");
                    Long orderId = rs.wasNull() ? null : order;
                    out.add(new KitchenEvent(rs.getLong("id"), code, cam == null ? code : cam.name(),
                            rs.getString("region_code"), type.name(), type.zh(), type.en(),
                            rs.getTimestamp("ts").toInstant(), rs.getDouble("confidence"), rs.getString("snapshot"),
                            rs.getTimestamp("received_at").toInstant(), incidentId, orderId,
                            rs.getString("work_order_number")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading kitchen events failed", e);
        }
        return out;
    }

    private List<Incident> incidents(String sql, int max, Object... params) {
        List<Incident> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.setMaxRows(max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long order = rs.getLong("work_order_id");
                    Long orderId = rs.wasNull() ? null : order;
                    out.add(new Incident(rs.getLong("id"), rs.getString("camera_code"), rs.getString("event_type"),
                            rs.getTimestamp("first_ts").toInstant(), rs.getTimestamp("last_ts").toInstant(),
                            rs.getInt("events"), rs.getDouble("max_confidence"), orderId,
                            rs.getString("work_order_number")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading kitchen incidents failed", e);
        }
        return out;
    }

    private void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("updating the kitchen tables failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    /** SQLState 23505: a unique or primary key violation, in Derby and PostgreSQL alike. */
    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
