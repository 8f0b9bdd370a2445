package io.onegrid.plugin.flood.internal;

import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.api.ScopeSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stations, readings and alarms on plain JDBC. Readings are the hot path (thousands of gauges every few seconds), so
 * each is one INSERT and one UPDATE of its station, without an entity manager in between.
 */
final class FloodStore {

    private static final String STATION_COLUMNS = "s.code, s.name, s.kind, s.town_code, s.region_code, s.lon, s.lat, "
            + "s.forecast_level, s.warning_level, s.guarantee_level, s.rise_limit, s.last_level, s.last_ts, "
            + "(SELECT COUNT(*) FROM og_flood_alarm a WHERE a.station_code = s.code AND a.active_key IS NOT NULL) "
            + "AS active_alarms";
    private static final String ALARM_COLUMNS = "id, station_code, region_code, alarm_type, severity, state, "
            + "raised_at, updated_at, readings, first_level, peak_level, last_level, acknowledged_at, acknowledged_by,"
            + " cleared_at, clear_note, work_order_id, work_order_number";

    private final Sql sql;

    FloodStore(DataSource db) {
        this.sql = new Sql(db);
    }

    // ---- stations ----------------------------------------------------------------------------------------------

    /** Adds a station; false when its code exists (then nothing changes). */
    boolean addStation(Station s, Instant now) {
        try {
            sql.update("INSERT INTO og_flood_station (code, name, kind, town_code, region_code, lon, lat, "
                    + "forecast_level, warning_level, guarantee_level, rise_limit, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.code(), s.name(), s.kind(), s.townCode(),
                    s.regionCode(), s.lon(), s.lat(), Sql.orNull(s.forecastLevel()), s.warningLevel(),
                    s.guaranteeLevel(), Sql.orNull(s.riseLimit()), now);
            return true;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw new IllegalStateException("Adding station " + s.code() + " failed", e);
        }
    }

    Optional<Station> station(String code) {
        return sql.query("SELECT " + STATION_COLUMNS + " FROM og_flood_station s WHERE s.code = ?",
                FloodStore::station, code).stream().findFirst();
    }

    List<Station> stations(DataScope scope) {
        ScopeSql where = ScopeSql.where(scope, "s.region_code");
        return sql.query("SELECT " + STATION_COLUMNS + " FROM og_flood_station s WHERE " + where.sql()
                + " ORDER BY s.code", FloodStore::station, where.parameters().toArray());
    }

    private static Station station(ResultSet rs) throws SQLException {
        String town = rs.getString("town_code");
        String code = rs.getString("code");
        Double last = Sql.nullableDouble(rs, "last_level");
        Double forecast = Sql.nullableDouble(rs, "forecast_level");
        double warning = rs.getDouble("warning_level");
        double guarantee = rs.getDouble("guarantee_level");
        return new Station(code, rs.getString("name"), rs.getString("kind"), town, rs.getString("region_code"),
                rs.getDouble("lon"), rs.getDouble("lat"), forecast, warning, guarantee,
                Sql.nullableDouble(rs, "rise_limit"), last, Sql.instant(rs, "last_ts"),
                Station.stateOf(last, forecast, warning, guarantee), rs.getInt("active_alarms"),
                Station.topicOf(town, code));
    }

    // ---- readings ----------------------------------------------------------------------------------------------

    /** Stores a reading; false when the station already has one at that time (a redelivery). */
    boolean addReading(String station, Instant ts, double level, Instant receivedAt) {
        try {
            sql.update("INSERT INTO og_flood_reading (station_code, ts, level, received_at) VALUES (?, ?, ?, ?)",
                    station, ts, level, receivedAt);
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw new IllegalStateException("Storing a reading of " + station + " failed", e);
        }
        // the station shows its newest reading; a late, older one is stored but does not replace it
        sql.run("UPDATE og_flood_station SET last_level = ?, last_ts = ? WHERE code = ? "
                + "AND (last_ts IS NULL OR last_ts <= ?)", level, ts, station, ts);
        return true;
    }

    /** Readings of a station between {@code from} and {@code to}, newest first, at most {@code limit}. */
    List<Reading> readings(String station, Instant from, Instant to, int limit) {
        List<Reading> all = sql.query("SELECT ts, level, received_at FROM og_flood_reading WHERE station_code = ? "
                + "AND ts >= ? AND ts <= ? ORDER BY ts DESC", rs -> new Reading(Sql.instant(rs, "ts"),
                rs.getDouble("level"), Sql.instant(rs, "received_at")), station, from, to);
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
    }

    // ---- alarms ------------------------------------------------------------------------------------------------

    /**
     * Raises an alarm; when one is already active for the station and type (another node raised it), answers that
     * one instead — the unique active key decides.
     */
    Alarm raise(Station s, String type, String severity, Instant ts, double level) {
        try {
            long id = sql.insertReturningId("INSERT INTO og_flood_alarm (station_code, region_code, alarm_type, "
                    + "severity, state, active_key, raised_at, updated_at, readings, first_level, peak_level, "
                    + "last_level) VALUES (?, ?, ?, ?, 'RAISED', ?, ?, ?, 1, ?, ?, ?)", s.code(), s.regionCode(), type,
                    severity, s.code() + "|" + type, ts, ts, level, level, level);
            return alarm(id).orElseThrow();
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return active(s.code(), type).orElseThrow(() -> new IllegalStateException(
                        "an active alarm of " + s.code() + " vanished", e));
            }
            throw new IllegalStateException("Raising an alarm of " + s.code() + " failed", e);
        }
    }

    Optional<Alarm> active(String station, String type) {
        return sql.query("SELECT " + ALARM_COLUMNS + " FROM og_flood_alarm WHERE active_key = ?", FloodStore::alarm,
                station + "|" + type).stream().findFirst();
    }

    List<Alarm> activeAlarms() {
        return sql.query("SELECT " + ALARM_COLUMNS + " FROM og_flood_alarm WHERE active_key IS NOT NULL",
                FloodStore::alarm);
    }

    Optional<Alarm> alarm(long id) {
        return sql.query("SELECT " + ALARM_COLUMNS + " FROM og_flood_alarm WHERE id = ?", FloodStore::alarm, id)
                .stream().findFirst();
    }

    List<Alarm> alarms(DataScope scope, boolean activeOnly, String station, int limit) {
        ScopeSql where = ScopeSql.where(scope, "region_code");
        List<Object> params = new ArrayList<>(where.parameters());
        StringBuilder q = new StringBuilder("SELECT " + ALARM_COLUMNS + " FROM og_flood_alarm WHERE " + where.sql());
        if (activeOnly) {
            q.append(" AND active_key IS NOT NULL");
        }
        if (station != null) {
            q.append(" AND station_code = ?");
            params.add(station);
        }
        List<Alarm> all = sql.query(q.append(" ORDER BY id DESC").toString(), FloodStore::alarm, params.toArray());
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
    }

    /** A reading while active: last and peak level, the severity (never lowered), the count. */
    void update(long id, String severity, Instant ts, double level) {
        sql.run("UPDATE og_flood_alarm SET last_level = ?, peak_level = CASE WHEN peak_level < ? THEN ? ELSE "
                + "peak_level END, severity = CASE WHEN severity = 'GUARANTEE' THEN severity ELSE ? END, "
                + "readings = readings + 1, updated_at = ? WHERE id = ?", level, level, level, severity, ts, id);
    }

    void clear(long id, Instant ts, double level, String note) {
        sql.run("UPDATE og_flood_alarm SET state = 'CLEARED', active_key = NULL, cleared_at = ?, updated_at = ?, "
                + "last_level = ?, readings = readings + 1, clear_note = ? WHERE id = ?", ts, ts, level, note, id);
    }

    void linkOrder(long id, long orderId, String number) {
        sql.run("UPDATE og_flood_alarm SET work_order_id = ?, work_order_number = ? WHERE id = ?", orderId, number,
                id);
    }

    /** RAISED &rarr; ACKNOWLEDGED; false when the alarm is not RAISED any more. */
    boolean acknowledge(long id, String by, Instant at) {
        return sql.run("UPDATE og_flood_alarm SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, "
                + "updated_at = ? WHERE id = ? AND state = 'RAISED'", at, by, at, id) == 1;
    }

    private static Alarm alarm(ResultSet rs) throws SQLException {
        return new Alarm(rs.getLong("id"), rs.getString("station_code"), rs.getString("region_code"),
                rs.getString("alarm_type"), rs.getString("severity"), rs.getString("state"),
                Sql.instant(rs, "raised_at"), Sql.instant(rs, "updated_at"), rs.getInt("readings"),
                rs.getDouble("first_level"), rs.getDouble("peak_level"), rs.getDouble("last_level"),
                Sql.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), Sql.instant(rs, "cleared_at"),
                rs.getString("clear_note"), Sql.nullableLong(rs, "work_order_id"),
                rs.getString("work_order_number"));
    }
}
