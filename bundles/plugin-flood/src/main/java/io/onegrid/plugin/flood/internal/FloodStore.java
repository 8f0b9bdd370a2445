package io.onegrid.plugin.flood.internal;

import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.api.ScopeSql;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stations, readings and alarms on plain JDBC. Readings are the hot path (thousands of gauges every few seconds): they
 * are written in batches, one transaction per batch (one INSERT batch, one UPDATE per station), without an entity
 * manager in between.
 */
final class FloodStore {

    private static final String STATION_COLUMNS = "s.code, s.name, s.kind, s.town_code, s.region_code, s.lon, s.lat, "
            + "s.forecast_level, s.warning_level, s.guarantee_level, s.rise_limit, s.last_level, s.last_ts, "
            + "s.offline_after_seconds, s.last_received, s.retired_at, "
            + "(SELECT COUNT(*) FROM og_flood_alarm a WHERE a.station_code = s.code AND a.active_key IS NOT NULL) "
            + "AS active_alarms, (SELECT COUNT(*) FROM og_flood_alarm o WHERE o.station_code = s.code "
            + "AND o.active_key IS NOT NULL AND o.alarm_type = 'OFFLINE') AS offline_alarms";
    private static final String ALARM_COLUMNS = "id, station_code, region_code, alarm_type, severity, state, "
            + "raised_at, updated_at, readings, first_level, peak_level, last_level, acknowledged_at, acknowledged_by,"
            + " cleared_at, clear_note, work_order_id, work_order_number";

    private final Sql sql;

    FloodStore(DataSource db) {
        this.sql = new Sql(db);
    }

    Sql sql() {
        return sql;
    }

    // ---- stations ----------------------------------------------------------------------------------------------

    /** Adds a station; false when its code exists, retired or not (then nothing changes). */
    boolean addStation(Station s, Instant now) {
        try {
            sql.update("INSERT INTO og_flood_station (code, name, kind, town_code, region_code, lon, lat, "
                    + "forecast_level, warning_level, guarantee_level, rise_limit, offline_after_seconds, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.code(), s.name(), s.kind(), s.townCode(),
                    s.regionCode(), s.lon(), s.lat(), Sql.orNull(s.forecastLevel()), s.warningLevel(),
                    s.guaranteeLevel(), Sql.orNull(s.riseLimit()), orNullInt(s.offlineAfterSeconds()), now);
            return true;
        } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw new IllegalStateException("Adding station " + s.code() + " failed", e);
        }
    }

    /** Changes what an operator configures of an active station; false when there is none by that code. */
    boolean updateStation(Station s) {
        return sql.run("UPDATE og_flood_station SET name = ?, kind = ?, town_code = ?, region_code = ?, lon = ?, "
                + "lat = ?, forecast_level = ?, warning_level = ?, guarantee_level = ?, rise_limit = ?, "
                + "offline_after_seconds = ? WHERE code = ? AND retired_at IS NULL", s.name(), s.kind(), s.townCode(),
                s.regionCode(), s.lon(), s.lat(), Sql.orNull(s.forecastLevel()), s.warningLevel(), s.guaranteeLevel(),
                Sql.orNull(s.riseLimit()), orNullInt(s.offlineAfterSeconds()), s.code()) == 1;
    }

    /** Takes an active station out of service: no more readings, no offline watch; false when none. */
    boolean retireStation(String code, Instant at) {
        return sql.run("UPDATE og_flood_station SET retired_at = ?, offline_due = NULL WHERE code = ? "
                + "AND retired_at IS NULL", at, code) == 1;
    }

    private static Object orNullInt(Integer v) {
        return v == null ? new Sql.Null(java.sql.Types.INTEGER) : v;
    }

    Optional<Station> station(String code) {
        return sql.query("SELECT " + STATION_COLUMNS + " FROM og_flood_station s WHERE s.code = ?",
                FloodStore::station, code).stream().findFirst();
    }

    /** Stations in the scope, by code; retired ones only when asked for. */
    List<Station> stations(DataScope scope, boolean withRetired) {
        ScopeSql where = ScopeSql.where(scope, "s.region_code");
        return sql.query("SELECT " + STATION_COLUMNS + " FROM og_flood_station s WHERE " + where.sql()
                + (withRetired ? "" : " AND s.retired_at IS NULL") + " ORDER BY s.code", FloodStore::station,
                where.parameters().toArray());
    }

    List<Station> stations(DataScope scope) {
        return stations(scope, false);
    }

    private static Station station(ResultSet rs) throws SQLException {
        String town = rs.getString("town_code");
        String code = rs.getString("code");
        Double last = Sql.nullableDouble(rs, "last_level");
        Double forecast = Sql.nullableDouble(rs, "forecast_level");
        double warning = rs.getDouble("warning_level");
        double guarantee = rs.getDouble("guarantee_level");
        int offlineAfter = rs.getInt("offline_after_seconds");
        Integer offlineAfterSeconds = rs.wasNull() ? null : offlineAfter;
        return new Station(code, rs.getString("name"), rs.getString("kind"), town, rs.getString("region_code"),
                rs.getDouble("lon"), rs.getDouble("lat"), forecast, warning, guarantee,
                Sql.nullableDouble(rs, "rise_limit"), last, Sql.instant(rs, "last_ts"),
                Station.stateOf(last, forecast, warning, guarantee), rs.getInt("active_alarms"),
                Station.topicOf(town, code), offlineAfterSeconds, Sql.instant(rs, "last_received"),
                rs.getInt("offline_alarms") > 0, Sql.instant(rs, "retired_at"));
    }

    // ---- readings ----------------------------------------------------------------------------------------------

    /** A reading to store: its station, observation time and level, arrival time, when the station goes offline. */
    record NewReading(String station, Instant ts, double level, Instant receivedAt, Instant offlineDue) {
    }

    /** Stores a reading; false when the station already has one at that time (a redelivery). */
    boolean addReading(String station, Instant ts, double level, Instant receivedAt) {
        try {
            return !storeReadings(List.of(new NewReading(station, ts, level, receivedAt, null)), null).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing a reading of " + station + " failed", e);
        }
    }

    /**
     * Stores readings in one transaction: the raw rows in one JDBC batch, then per station its newest level (a late,
     * older reading is stored but does not replace it), its arrival time and offline deadline, and, for a reading
     * older than the station's downsampling watermarks, those watermarks moved back to it. A reading the station
     * already has (a redelivery) is left out; the batch is then written again without it.
     *
     * @param lateBefore readings before this may lie behind the watermarks (the aggregation never closes a bucket
     *                   after it); {@code null}: check every reading
     * @return the readings stored, in the given order
     */
    List<NewReading> storeReadings(List<NewReading> readings, Instant lateBefore) throws SQLException {
        return storeReadings(readings, lateBefore, newestOf(readings));
    }

    /**
     * Stores readings as above, writing the given station rows in the same transaction instead of those of the
     * batch (the writer writes a station's row only every few seconds; in between it keeps it in memory).
     */
    List<NewReading> storeReadings(List<NewReading> readings, Instant lateBefore,
            java.util.Collection<StationWrite> writes) throws SQLException {
        List<NewReading> todo = readings;
        for (int attempt = 0; ; attempt++) {
            List<NewReading> batch = todo;
            try {
                return sql.inTransaction(c -> {
                    // stations first, in code order: the downsampling locks one station row and then reads its
                    // readings, so taking the station rows before inserting readings leaves no cycle of locks
                    writeStations(c, writes);
                    rewind(c, batch, lateBefore);
                    insert(c, batch);
                    return batch;
                });
            } catch (SQLException e) {
                if (attempt >= 5) {
                    throw e;
                }
                if (Sql.isUniqueViolation(e)) {
                    todo = withoutStored(todo);
                } else if (!Sql.isTransient(e)) {
                    throw e;
                }
                // a deadlock or lock timeout with another node's writer: the batch is written again, whole
            }
        }
    }

    private static void insert(Connection c, List<NewReading> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO og_flood_reading (station_code, ts, level, received_at) VALUES (?, ?, ?, ?)")) {
            for (NewReading r : batch) {
                ps.setString(1, r.station());
                ps.setTimestamp(2, Timestamp.from(r.ts()));
                ps.setDouble(3, r.level());
                ps.setTimestamp(4, Timestamp.from(r.receivedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (BatchUpdateException e) {
            // Derby reports a duplicate key as the batch's cause, PostgreSQL as its next exception
            SQLException cause = e.getNextException() != null ? e.getNextException()
                    : e.getCause() instanceof SQLException s ? s : e;
            if (Sql.isUniqueViolation(cause) || Sql.isUniqueViolation(e)) {
                SQLException unique = new SQLException("duplicate reading", "23505", e);
                throw unique;
            }
            throw e;
        }
    }

    /** What a station row shows of its newest reading: level and time, arrival, offline deadline. */
    record StationWrite(String station, double level, Instant ts, Instant receivedAt, Instant offlineDue) {
    }

    /** Each station's newest reading of the batch (and the last to arrive), for writing with it. */
    static List<StationWrite> newestOf(List<NewReading> batch) {
        Map<String, NewReading> newest = new LinkedHashMap<>();
        Map<String, NewReading> lastArrived = new LinkedHashMap<>();
        for (NewReading r : batch) {
            newest.merge(r.station(), r, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
            lastArrived.put(r.station(), r);
        }
        List<StationWrite> writes = new ArrayList<>();
        newest.forEach((code, n) -> writes.add(new StationWrite(code, n.level(), n.ts(),
                lastArrived.get(code).receivedAt(), lastArrived.get(code).offlineDue())));
        return writes;
    }

    /** Writes station rows in one transaction (a flush of what the writer kept in memory). */
    void writeStations(java.util.Collection<StationWrite> writes) throws SQLException {
        if (!writes.isEmpty()) {
            sql.inTransaction(c -> {
                writeStations(c, writes);
                return null;
            });
        }
    }

    /**
     * Writes station rows, in code order (the same lock order on every node). A newer level written meanwhile (a late
     * reading, or another node) is kept.
     */
    private static void writeStations(Connection c, java.util.Collection<StationWrite> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        List<StationWrite> sorted = new ArrayList<>(writes);
        sorted.sort(java.util.Comparator.comparing(StationWrite::station));
        try (PreparedStatement ps = c.prepareStatement("UPDATE og_flood_station SET "
                + "last_level = CASE WHEN last_ts IS NULL OR last_ts <= ? THEN ? ELSE last_level END, "
                + "last_ts = CASE WHEN last_ts IS NULL OR last_ts <= ? THEN ? ELSE last_ts END, "
                + "last_received = ?, "
                + "offline_due = CASE WHEN retired_at IS NULL THEN CAST(? AS TIMESTAMP) ELSE NULL END "
                + "WHERE code = ?")) {
            for (StationWrite w : sorted) {
                Timestamp ts = Timestamp.from(w.ts());
                ps.setTimestamp(1, ts);
                ps.setDouble(2, w.level());
                ps.setTimestamp(3, ts);
                ps.setTimestamp(4, ts);
                ps.setTimestamp(5, Timestamp.from(w.receivedAt()));
                if (w.offlineDue() == null) {
                    ps.setNull(6, java.sql.Types.TIMESTAMP);
                } else {
                    ps.setTimestamp(6, Timestamp.from(w.offlineDue()));
                }
                ps.setString(7, w.station());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Moves the downsampling watermarks of stations with readings older than them back (late readings). */
    private static void rewind(Connection c, List<NewReading> batch, Instant lateBefore) throws SQLException {
        Map<String, Instant> oldest = new java.util.TreeMap<>();
        for (NewReading r : batch) {
            if (lateBefore == null || r.ts().isBefore(lateBefore)) {
                oldest.merge(r.station(), r.ts(), (a, b) -> b.isBefore(a) ? b : a);
            }
        }
        for (Map.Entry<String, Instant> e : oldest.entrySet()) {
            Instant minute = Rollup.minute(e.getValue());
            Instant hour = Rollup.hour(e.getValue());
            Sql.update(c, "UPDATE og_flood_station SET minute_done = ? WHERE code = ? AND minute_done > ?",
                    minute, e.getKey(), minute);
            Sql.update(c, "UPDATE og_flood_station SET hour_done = ? WHERE code = ? AND hour_done > ?", hour,
                    e.getKey(), hour);
        }
    }

    /** The readings of {@code batch} that are not stored yet (after a duplicate key), each once. */
    private List<NewReading> withoutStored(List<NewReading> batch) throws SQLException {
        return sql.inTransaction(c -> {
            List<NewReading> fresh = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM og_flood_reading WHERE station_code = ? AND ts = ?")) {
                for (NewReading r : batch) {
                    if (!seen.add(r.station() + "|" + r.ts())) {
                        continue;
                    }
                    ps.setString(1, r.station());
                    ps.setTimestamp(2, Timestamp.from(r.ts()));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            fresh.add(r);
                        }
                    }
                }
            }
            return fresh;
        });
    }

    /** Readings of a station between {@code from} and {@code to}, newest first, at most {@code limit}. */
    List<Reading> readings(String station, Instant from, Instant to, int limit) {
        List<Reading> all = sql.query("SELECT ts, level, received_at FROM og_flood_reading WHERE station_code = ? "
                + "AND ts >= ? AND ts <= ? ORDER BY ts DESC", rs -> new Reading(Sql.instant(rs, "ts"),
                rs.getDouble("level"), Sql.instant(rs, "received_at")), station, from, to);
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
    }

    // ---- offline -----------------------------------------------------------------------------------------------

    /** Active stations whose offline deadline has passed, soonest first (through the offline_due index). */
    List<Object[]> offlineDue(Instant now, int max) {
        List<Object[]> due = sql.query("SELECT code, offline_due FROM og_flood_station WHERE offline_due <= ? "
                + "AND retired_at IS NULL ORDER BY offline_due",
                rs -> new Object[] {rs.getString(1), Sql.instant(rs, "offline_due")}, now);
        return due.size() > max ? due.subList(0, max) : due;
    }

    /** Codes of the stations with an active OFFLINE alarm. */
    java.util.Set<String> offlineStations() {
        return new java.util.HashSet<>(sql.query("SELECT station_code FROM og_flood_alarm WHERE active_key IS NOT "
                + "NULL AND alarm_type = 'OFFLINE'", rs -> rs.getString(1)));
    }

    /** Active alarms whose work order is missing (the intake failed): the scan submits them again. */
    List<Alarm> activeWithoutOrder() {
        return sql.query("SELECT " + ALARM_COLUMNS + " FROM og_flood_alarm WHERE active_key IS NOT NULL AND "
                + "work_order_id IS NULL", FloodStore::alarm);
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

    /**
     * Claims a station's due offline deadline and raises its OFFLINE alarm in one transaction: the conditional
     * UPDATE decides which node (or which run after a restart) raises it, so it is raised once.
     *
     * @return the alarm, or empty when the deadline was claimed or moved meanwhile
     */
    Optional<Long> claimOffline(Station s, Instant due, Instant now) throws SQLException {
        return sql.inTransaction(c -> {
            if (Sql.update(c, "UPDATE og_flood_station SET offline_due = NULL WHERE code = ? AND offline_due = ?",
                    s.code(), due) != 1) {
                return Optional.<Long>empty();
            }
            if (!Sql.query(c, "SELECT id FROM og_flood_alarm WHERE active_key = ?", rs -> rs.getLong(1),
                    s.code() + "|" + FloodService.OFFLINE).isEmpty()) {
                return Optional.<Long>empty();
            }
            double level = s.lastLevel() == null ? 0 : s.lastLevel();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO og_flood_alarm (station_code, region_code, "
                    + "alarm_type, severity, state, active_key, raised_at, updated_at, readings, first_level, "
                    + "peak_level, last_level) VALUES (?, ?, ?, 'WARNING', 'RAISED', ?, ?, ?, 0, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                Sql.bind(ps, s.code(), s.regionCode(), FloodService.OFFLINE, s.code() + "|" + FloodService.OFFLINE,
                        now, now, level, level, level);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return Optional.of(keys.getLong(1));
                }
            }
        });
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

    /** Clears an active alarm; false when it was cleared already (another node). */
    boolean clear(long id, Instant ts, double level, String note) {
        return sql.run("UPDATE og_flood_alarm SET state = 'CLEARED', active_key = NULL, cleared_at = ?, "
                + "updated_at = ?, last_level = ?, readings = readings + 1, clear_note = ? WHERE id = ? "
                + "AND active_key IS NOT NULL", ts, ts, level, note, id) == 1;
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
