package io.onegrid.plugin.flood.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downsampling and retention of readings: raw readings become minute aggregates, minutes become hour aggregates, and
 * raw readings (then minutes, then hours) older than their retention are deleted.
 *
 * <p>Each station is done in its own transaction that first moves its watermark by a conditional UPDATE (claiming the
 * work, so two nodes never do the same station at once), then replaces the buckets between the old and the new
 * watermark (DELETE, then INSERT from the source rows). A run stopped half way has committed some stations and not
 * touched the others: nothing is lost, and since buckets are replaced, not added to, nothing is counted twice. Only
 * buckets that ended {@code delay} ago are closed; a later reading older than a watermark moves it back when it is
 * stored ({@link FloodStore#storeReadings}), so its buckets are computed again. Raw readings are deleted only below
 * the minute watermark, minutes only below the hour watermark: nothing is purged before it is aggregated.
 */
final class Rollup {

    private static final Logger LOG = LoggerFactory.getLogger(Rollup.class);

    /** One bucket: its start, lowest, highest, mean, last level (by time) and number of readings. */
    record Bucket(Instant ts, double min, double max, double avg, double last, int count) {
    }

    private final Sql sql;

    Rollup(Sql sql) {
        this.sql = sql;
    }

    static Instant minute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    static Instant hour(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** What one run did, for the log and the tests. */
    record Result(int stations, int minutes, int hours, int purgedRaw, int purgedMinutes, int purgedHours) {
    }

    /**
     * Aggregates every station up to {@code now - delay} and purges what is older than its retention.
     *
     * @param rawDays    raw readings are kept this many days
     * @param minuteDays minute aggregates, this many days
     * @param hourDays   hour aggregates, this many days
     */
    Result run(Instant now, Duration delay, int rawDays, int minuteDays, int hourDays,
            java.util.function.BooleanSupplier stop) {
        Instant minuteUpTo = minute(now.minus(delay));
        List<Object[]> stations = sql.query("SELECT code, minute_done, hour_done, last_ts FROM og_flood_station",
                rs -> new Object[] {rs.getString(1), Sql.instant(rs, "minute_done"), Sql.instant(rs, "hour_done"),
                        Sql.instant(rs, "last_ts")});
        int done = 0;
        int minutes = 0;
        int hours = 0;
        int purgedRaw = 0;
        int purgedMinutes = 0;
        int purgedHours = 0;
        for (Object[] row : stations) {
            if (stop.getAsBoolean()) {
                break;
            }
            String code = (String) row[0];
            try {
                Instant minuteDone = (Instant) row[1];
                Instant hourDone = (Instant) row[2];
                Instant lastTs = (Instant) row[3];
                if (lastTs == null) {
                    continue; // never reported
                }
                if (minuteDone == null || minuteDone.isBefore(minuteUpTo) && !lastTs.isBefore(minuteDone)) {
                    int n = minutes(code, minuteDone, minuteUpTo);
                    if (n >= 0) {
                        minutes += n;
                        done++;
                        minuteDone = minuteUpTo;
                    }
                }
                if (minuteDone != null) {
                    Instant hourUpTo = hour(minuteDone);
                    if (hourDone == null || hourDone.isBefore(hourUpTo)) {
                        int n = hours(code, hourDone, hourUpTo);
                        if (n >= 0) {
                            hours += n;
                            hourDone = hourUpTo;
                        }
                    }
                }
                Instant rawCut = earliest(now.minus(Duration.ofDays(rawDays)), minuteDone);
                if (rawCut != null) {
                    purgedRaw += sql.run("DELETE FROM og_flood_reading WHERE station_code = ? AND ts < ?", code,
                            rawCut);
                }
                Instant minuteCut = earliest(now.minus(Duration.ofDays(minuteDays)), hourDone);
                if (minuteCut != null) {
                    purgedMinutes += sql.run("DELETE FROM og_flood_reading_minute WHERE station_code = ? AND "
                            + "bucket < ?", code, minuteCut);
                }
                purgedHours += sql.run("DELETE FROM og_flood_reading_hour WHERE station_code = ? AND bucket < ?",
                        code, now.minus(Duration.ofDays(hourDays)));
            } catch (RuntimeException | SQLException e) {
                LOG.warn("Downsampling the readings of station {} failed, retried at the next run: {}", code,
                        e.toString());
            }
        }
        return new Result(done, minutes, hours, purgedRaw, purgedMinutes, purgedHours);
    }

    private static Instant earliest(Instant a, Instant b) {
        return b == null ? null : a.isBefore(b) ? a : b;
    }

    /**
     * Replaces the station's minute buckets in [{@code from}, {@code upTo}) by those of its raw readings and moves
     * its watermark to {@code upTo}; {@code from == null}: from its first reading.
     *
     * @return buckets written, or -1 when another node moved the watermark meanwhile
     */
    private int minutes(String code, Instant from, Instant upTo) throws SQLException {
        return sql.inTransaction(c -> {
            if (!claim(c, code, "minute_done", from, upTo)) {
                return -1;
            }
            Instant start = from != null ? from : Instant.EPOCH;
            List<Bucket> buckets = aggregateRaw(c, code, start, upTo);
            replace(c, "og_flood_reading_minute", code, start, upTo, buckets);
            return buckets.size();
        });
    }

    private int hours(String code, Instant from, Instant upTo) throws SQLException {
        return sql.inTransaction(c -> {
            if (!claim(c, code, "hour_done", from, upTo)) {
                return -1;
            }
            Instant start = from != null ? from : Instant.EPOCH;
            List<Bucket> minutes = Sql.query(c, "SELECT bucket, min_level, max_level, avg_level, last_level, readings"
                    + " FROM og_flood_reading_minute WHERE station_code = ? AND bucket >= ? AND bucket < ? "
                    + "ORDER BY bucket", rs -> new Bucket(Sql.instant(rs, "bucket"), rs.getDouble(2),
                    rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getInt(6)), code, start, upTo);
            List<Bucket> buckets = merge(minutes, Rollup::hour);
            replace(c, "og_flood_reading_hour", code, start, upTo, buckets);
            return buckets.size();
        });
    }

    /** Moves the watermark from what was read to {@code upTo}; false when it changed meanwhile. */
    private static boolean claim(Connection c, String code, String column, Instant from, Instant upTo)
            throws SQLException {
        return from == null
                ? Sql.update(c, "UPDATE og_flood_station SET " + column + " = ? WHERE code = ? AND " + column
                        + " IS NULL", upTo, code) == 1
                : Sql.update(c, "UPDATE og_flood_station SET " + column + " = ? WHERE code = ? AND " + column
                        + " = ?", upTo, code, from) == 1;
    }

    private static List<Bucket> aggregateRaw(Connection c, String code, Instant from, Instant to)
            throws SQLException {
        List<Object[]> raw = Sql.query(c, "SELECT ts, level FROM og_flood_reading WHERE station_code = ? AND ts >= ?"
                + " AND ts < ? ORDER BY ts", rs -> new Object[] {Sql.instant(rs, "ts"), rs.getDouble(2)}, code,
                from, to);
        return ofReadings(raw);
    }

    /** Minute buckets of raw readings given as {ts, level}, oldest first. */
    static List<Bucket> ofReadings(List<Object[]> readings) {
        List<Bucket> single = new ArrayList<>(readings.size());
        for (Object[] r : readings) {
            double level = (Double) r[1];
            single.add(new Bucket((Instant) r[0], level, level, level, level, 1));
        }
        single.sort(Comparator.comparing(Bucket::ts));
        return merge(single, Rollup::minute);
    }

    /** Merges buckets (oldest first) into coarser ones keyed by {@code key}: means weighted by their readings. */
    static List<Bucket> merge(List<Bucket> finer, java.util.function.UnaryOperator<Instant> key) {
        Map<Instant, double[]> acc = new TreeMap<>();
        for (Bucket b : finer) {
            double[] a = acc.computeIfAbsent(key.apply(b.ts()), k -> new double[] {Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, 0, 0, 0, Long.MIN_VALUE});
            a[0] = Math.min(a[0], b.min());
            a[1] = Math.max(a[1], b.max());
            a[2] += b.avg() * b.count();
            a[3] += b.count();
            if (b.ts().toEpochMilli() >= a[5]) {
                a[4] = b.last();
                a[5] = b.ts().toEpochMilli();
            }
        }
        List<Bucket> out = new ArrayList<>(acc.size());
        acc.forEach((ts, a) -> out.add(new Bucket(ts, a[0], a[1], a[2] / a[3], a[4], (int) a[3])));
        return out;
    }

    private static void replace(Connection c, String table, String code, Instant from, Instant to,
            List<Bucket> buckets) throws SQLException {
        Sql.update(c, "DELETE FROM " + table + " WHERE station_code = ? AND bucket >= ? AND bucket < ?", code, from,
                to);
        if (buckets.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (station_code, bucket, min_level, "
                + "max_level, avg_level, last_level, readings) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Bucket b : buckets) {
                ps.setString(1, code);
                ps.setTimestamp(2, Timestamp.from(b.ts()));
                ps.setDouble(3, b.min());
                ps.setDouble(4, b.max());
                ps.setDouble(5, b.avg());
                ps.setDouble(6, b.last());
                ps.setInt(7, b.count());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- reading the series ------------------------------------------------------------------------------------

    /**
     * Minute buckets of a station in [{@code from}, {@code to}], oldest first: stored ones before the watermark,
     * computed from the raw readings after it (the last minutes before a run closed them).
     */
    List<Bucket> minuteSeries(String code, Instant from, Instant to) {
        Instant done = watermark(code, "minute_done");
        List<Bucket> out = new ArrayList<>(stored("og_flood_reading_minute", code, from,
                done == null ? from : min(to, done.minusNanos(1))));
        Instant rawFrom = done == null ? from : max(from, done);
        if (!rawFrom.isAfter(to)) {
            out.addAll(ofReadings(sql.query("SELECT ts, level FROM og_flood_reading WHERE station_code = ? AND "
                    + "ts >= ? AND ts <= ? ORDER BY ts", rs -> new Object[] {Sql.instant(rs, "ts"), rs.getDouble(2)},
                    code, minute(rawFrom), to)));
        }
        out.removeIf(b -> b.ts().isBefore(minute(from)) || b.ts().isAfter(to));
        return out;
    }

    /** Hour buckets, oldest first: stored before the hour watermark, merged from the minute series after it. */
    List<Bucket> hourSeries(String code, Instant from, Instant to) {
        Instant done = watermark(code, "hour_done");
        List<Bucket> out = new ArrayList<>(stored("og_flood_reading_hour", code, from,
                done == null ? from : min(to, done.minusNanos(1))));
        Instant rest = done == null ? from : max(from, done);
        if (!rest.isAfter(to)) {
            out.addAll(merge(minuteSeries(code, hour(rest), to), Rollup::hour));
        }
        out.removeIf(b -> b.ts().isBefore(hour(from)) || b.ts().isAfter(to));
        return out;
    }

    private List<Bucket> stored(String table, String code, Instant from, Instant to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        return sql.query("SELECT bucket, min_level, max_level, avg_level, last_level, readings FROM " + table
                + " WHERE station_code = ? AND bucket >= ? AND bucket <= ? ORDER BY bucket",
                rs -> new Bucket(Sql.instant(rs, "bucket"), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5), rs.getInt(6)), code, from.truncatedTo(ChronoUnit.MINUTES), to);
    }

    private Instant watermark(String code, String column) {
        return sql.query("SELECT " + column + " FROM og_flood_station WHERE code = ?", rs -> Sql.instant(rs, column),
                code).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
