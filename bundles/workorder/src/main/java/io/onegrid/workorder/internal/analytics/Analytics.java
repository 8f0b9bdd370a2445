package io.onegrid.workorder.internal.analytics;

import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.api.ScopeFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Work-order figures computed by the database (counts and sums grouped in SQL, on indexed columns), never by loading
 * orders. Every query carries the caller's scope exactly as the order list does: the region subtrees and departments
 * of the caller's data scope, plus what is assigned to or was submitted by the caller.
 *
 * <p>What counts: volumes count citizens' requests, i.e. orders without a parent; the children of joint handling
 * count only where departments are measured (a department filter, grouping or ranking by department, the worst
 * departments of a bulletin), where each child is its department's piece of work. "Resolved" (办结) is an order
 * whose handler resolved it and that was not reopened since (RESOLVED, VERIFIED or CLOSED); it is on time when it
 * was resolved by its deadline; orders without a deadline (major items before one is agreed) are left out of the
 * on-time rate. Overdue: open with a deadline before now.
 */
public final class Analytics {

    /** Groupings of {@link #breakdown}. */
    public enum By { CATEGORY, REGION, DEPARTMENT, CHANNEL, DAY, MONTH }

    /** Rankings of {@link #rankings}. */
    public enum Of { DEPARTMENT, VILLAGE }

    static final int MAX_LIMIT = 500;
    private static final Pattern CATEGORY = Pattern.compile("[0-9]{2}|[0-9]{4}");
    private static final Pattern NAMED = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private static final String OPEN_STATES = inList(open());

    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<ZoneId> zone;
    private final RegionService regions;
    private final DepartmentService departments;

    public Analytics(DataSource dataSource, Clock clock, Supplier<ZoneId> zone, RegionService regions,
            DepartmentService departments) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.zone = zone;
        this.regions = regions;
        this.departments = departments;
    }

    /**
     * Which orders to measure; every member optional.
     *
     * @param from       created at or after
     * @param to         created before
     * @param region     a region code: orders there or below
     * @param category   a 2-digit major or 4-digit minor category
     * @param department the handling department (joint children included)
     * @param channel    the intake channel
     */
    public record Filter(Instant from, Instant to, String region, String category, String department,
            String channel) {

        public static Filter all() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /**
     * The measures of a set of orders.
     *
     * @param total                  orders
     * @param open                   orders still being worked on
     * @param overdue                open orders past their deadline
     * @param resolved               orders resolved (办结) and not reopened
     * @param resolvedOnTime         of those with a deadline, resolved by it
     * @param onTimeRate             resolvedOnTime / resolved orders with a deadline, or {@code null} when none
     * @param averageHandlingSeconds mean time from submission to resolution of resolved orders, or {@code null}
     * @param averageHandlingHours   the same in hours, rounded to 0.01
     * @param rated                  orders with a rating
     * @param averageRating          mean rating 1-5 of rated orders, rounded to 0.01, or {@code null}
     */
    public record Measures(long total, long open, long overdue, long resolved, long resolvedOnTime, Double onTimeRate,
            Long averageHandlingSeconds, Double averageHandlingHours, long rated, Double averageRating) {
    }

    /** {@link #summary}: the measures and the count per state (every state, zeros included). */
    public record Summary(Measures measures, Map<String, Long> byState, Instant asOf) {
    }

    /** One group of a breakdown or ranking; {@code name} is null when OneGrid has none for the key. */
    public record Group(String key, String name, Measures measures) {
    }

    public record Breakdown(String by, List<Group> groups, Instant asOf) {
    }

    /** Orders of one area and category reported in one hour of the day (0-23). */
    public record Hotspot(String area, String category, String categoryName, int hour, long count) {
    }

    public record Ranked(int rank, String key, String name, Measures measures) {
    }

    public record Ranking(String of, String sort, List<Ranked> items, Instant asOf) {
    }

    public record CategoryCount(String code, String name, long count) {
    }

    /** A department that deserves the town's attention: its overdue open orders and its late resolutions. */
    public record DepartmentAlert(String code, String name, long overdue, long resolvedLate) {
    }

    /**
     * A town's daily bulletin (日报).
     *
     * @param overdue open orders whose deadline passed before the end of the day (or now, for today)
     */
    public record Bulletin(String town, String townName, LocalDate date, long created, long resolved,
            long resolvedOnTime, Double onTimeRate, long overdue, List<CategoryCount> topCategories,
            List<DepartmentAlert> worstDepartments, String markdown) {
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    public Summary summary(Caller caller, Filter filter) {
        Access.require(caller, Permissions.WORKORDER_READ);
        Instant now = clock.instant();
        Sql where = where(caller, filter, filter.department() != null);
        Measures m = query(where.prepend("SELECT " + measures(now, where) + " FROM og_workorder o WHERE "),
                rs -> measures(rs, 1)).get(0);
        Map<String, Long> byState = new LinkedHashMap<>();
        for (WorkOrderState s : WorkOrderState.values()) {
            byState.put(s.name(), 0L);
        }
        Sql states = where(caller, filter, filter.department() != null)
                .prepend("SELECT o.state, COUNT(*) FROM og_workorder o WHERE ").append(" GROUP BY o.state");
        query(states, rs -> byState.put(rs.getString(1), rs.getLong(2)));
        return new Summary(m, byState, now);
    }

    /**
     * @param regionLevel with {@link By#REGION}: {@link RegionLevel#TOWN} (default) or {@link RegionLevel#VILLAGE};
     *                    orders placed above that level fall in the group of the town or county itself
     */
    public Breakdown breakdown(Caller caller, Filter filter, By by, RegionLevel regionLevel) {
        Access.require(caller, Permissions.WORKORDER_READ);
        Instant now = clock.instant();
        String key = switch (by) {
            case CATEGORY -> "o.category_code";
            case REGION -> regionKey(regionLevel == null ? RegionLevel.TOWN : regionLevel);
            case DEPARTMENT -> "o.department";
            case CHANNEL -> "o.channel";
            case DAY -> "o.created_day";
            case MONTH -> "o.created_day / 100";
        };
        List<Group> groups = grouped(caller, filter, key, by == By.DEPARTMENT || filter.department() != null, now,
                null);
        Map<String, String> names = names(caller, by, groups.stream().map(Group::key).toList());
        List<Group> named = groups.stream().map(g -> new Group(g.key(), names.get(g.key()), g.measures()))
                .sorted(Comparator.comparing(Group::key, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
        return new Breakdown(by.name().toLowerCase(Locale.ROOT), named, now);
    }

    /** The busiest (area, category, hour of day) triples, most orders first. */
    public List<Hotspot> hotspots(Caller caller, Filter filter, RegionLevel areaLevel, int limit) {
        Access.require(caller, Permissions.WORKORDER_READ);
        int n = limit(limit);
        Sql sql = where(caller, filter, filter.department() != null)
                .prepend("SELECT t.area, t.category_code, t.created_hour, COUNT(*) AS n FROM (SELECT "
                        + regionKey(areaLevel == null ? RegionLevel.VILLAGE : areaLevel)
                        + " AS area, o.category_code, o.created_hour FROM og_workorder o WHERE ")
                .append(" AND o.created_hour IS NOT NULL) t GROUP BY t.area, t.category_code, t.created_hour"
                        + " ORDER BY n DESC, t.area, t.category_code, t.created_hour FETCH FIRST " + n + " ROWS ONLY");
        List<Object[]> rows = query(sql, rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3),
                rs.getLong(4)});
        Map<String, String> names = categoryNames();
        return rows.stream().map(r -> new Hotspot((String) r[0], (String) r[1], names.get((String) r[1]),
                (Integer) r[2], (Long) r[3])).toList();
    }

    /**
     * Departments or villages by their results.
     *
     * @param sort {@code onTimeRate} (default), {@code handlingTime} (fastest first), {@code satisfaction} or
     *             {@code volume}; ties go to the larger volume, then the key
     */
    public Ranking rankings(Caller caller, Filter filter, Of of, String sort, int limit) {
        Access.require(caller, Permissions.WORKORDER_READ);
        Instant now = clock.instant();
        String s = sort == null || sort.isBlank() ? "onTimeRate" : sort.strip();
        Comparator<Group> order = switch (s) {
            case "onTimeRate" -> Comparator.comparing((Group g) -> g.measures().onTimeRate(),
                    Comparator.nullsLast(Comparator.reverseOrder()));
            case "handlingTime" -> Comparator.comparing((Group g) -> g.measures().averageHandlingSeconds(),
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case "satisfaction" -> Comparator.comparing((Group g) -> g.measures().averageRating(),
                    Comparator.nullsLast(Comparator.reverseOrder()));
            case "volume" -> Comparator.comparing((Group g) -> -g.measures().total());
            default -> throw ProblemException.badRequest("sort is onTimeRate, handlingTime, satisfaction or volume,"
                    + " not '" + s + "'");
        };
        order = order.thenComparing(g -> -g.measures().total()).thenComparing(Group::key);
        List<Group> groups = of == Of.DEPARTMENT
                ? grouped(caller, filter, "o.department", true, now, "o.department IS NOT NULL")
                : grouped(caller, filter, regionKey(RegionLevel.VILLAGE), false, now,
                        "LENGTH(o.region_code) >= 12 AND SUBSTR(o.region_code, 10, 3) <> '000'");
        List<Group> sorted = groups.stream().sorted(order).limit(limit(limit)).toList();
        Map<String, String> names = names(caller, of == Of.DEPARTMENT ? By.DEPARTMENT : By.REGION,
                sorted.stream().map(Group::key).toList());
        List<Ranked> items = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Group g = sorted.get(i);
            items.add(new Ranked(i + 1, g.key(), names.get(g.key()), g.measures()));
        }
        return new Ranking(of.name().toLowerCase(Locale.ROOT), s, items, now);
    }

    /** The daily bulletin of a town (a 12-digit town code) for a day in the installation's zone. */
    public Bulletin bulletin(Caller caller, String town, LocalDate date) {
        Access.require(caller, Permissions.WORKORDER_READ);
        RegionCode code = RegionCode.tryParse(town == null ? "" : town.strip()).filter(c -> c.level()
                == RegionLevel.TOWN).orElseThrow(() -> ProblemException.badRequest("town is a 12-digit town code"
                + " (county 6 + town 3 + 000), not '" + town + "'"));
        ZoneId z = zone.get();
        Instant now = clock.instant();
        Instant start = date.atStartOfDay(z).toInstant();
        Instant end = date.plusDays(1).atStartOfDay(z).toInstant();
        Instant cutoff = end.isBefore(now) ? end : now;
        Filter inTown = new Filter(null, null, code.value(), null, null, null);

        Sql counts = where(caller, inTown, false).prepend("SELECT"
                + " SUM(CASE WHEN o.created_at >= ? AND o.created_at < ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.resolved_at >= ? AND o.resolved_at < ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.resolved_at >= ? AND o.resolved_at < ? AND o.deadline IS NOT NULL THEN 1 ELSE 0"
                + " END),"
                + " SUM(CASE WHEN o.resolved_at >= ? AND o.resolved_at < ? AND o.resolved_at <= o.deadline THEN 1"
                + " ELSE 0 END),"
                + " SUM(CASE WHEN o.state IN " + OPEN_STATES + " AND o.deadline < ? THEN 1 ELSE 0 END)"
                + " FROM og_workorder o WHERE ", ts(start), ts(end), ts(start), ts(end), ts(start), ts(end),
                ts(start), ts(end), ts(cutoff))
                .append(" AND (o.created_at < ? AND (o.state IN " + OPEN_STATES + " OR o.created_at >= ?"
                        + " OR o.resolved_at >= ?))", ts(end), ts(start), ts(start));
        long[] c = query(counts, rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                rs.getLong(5)}).get(0);

        Sql top = where(caller, inTown, false).prepend("SELECT o.category_code, COUNT(*) AS n FROM og_workorder o"
                + " WHERE ").append(" AND o.created_at >= ? AND o.created_at < ? GROUP BY o.category_code"
                + " ORDER BY n DESC, o.category_code FETCH FIRST 5 ROWS ONLY", ts(start), ts(end));
        Map<String, String> categoryNames = categoryNames();
        List<CategoryCount> topCategories = query(top, rs -> new CategoryCount(rs.getString(1),
                categoryNames.get(rs.getString(1)), rs.getLong(2)));

        Sql worst = where(caller, inTown, true).prepend("SELECT o.department,"
                + " SUM(CASE WHEN o.state IN " + OPEN_STATES + " AND o.deadline < ? THEN 1 ELSE 0 END) AS late_open,"
                + " SUM(CASE WHEN o.resolved_at >= ? AND o.resolved_at < ? AND o.resolved_at > o.deadline THEN 1"
                + " ELSE 0 END) AS late_done"
                + " FROM og_workorder o WHERE ", ts(cutoff), ts(start), ts(end))
                .append(" AND o.department IS NOT NULL AND o.deadline < ? GROUP BY o.department", ts(cutoff));
        List<DepartmentAlert> alerts = new ArrayList<>(query(worst, rs -> new DepartmentAlert(rs.getString(1), null,
                rs.getLong(2), rs.getLong(3))));
        alerts.removeIf(a -> a.overdue() == 0 && a.resolvedLate() == 0);
        alerts.sort(Comparator.comparingLong((DepartmentAlert a) -> -a.overdue())
                .thenComparingLong(a -> -a.resolvedLate()).thenComparing(DepartmentAlert::code));
        List<DepartmentAlert> worstDepartments = alerts.stream().limit(3).map(a -> new DepartmentAlert(a.code(),
                departments.find(a.code()).map(Department::name).orElse(null), a.overdue(), a.resolvedLate()))
                .toList();

        String townName = regions.find(caller, code.value()).map(Region::name).orElse(code.value());
        Double rate = c[2] == 0 ? null : round(100.0 * c[3] / c[2]) / 100.0;
        Bulletin b = new Bulletin(code.value(), townName, date, c[0], c[1], c[3], rate, c[4], topCategories,
                worstDepartments, null);
        return new Bulletin(b.town(), b.townName(), b.date(), b.created(), b.resolved(), b.resolvedOnTime(),
                b.onTimeRate(), b.overdue(), b.topCategories(), b.worstDepartments(), BulletinText.markdown(b));
    }

    // ---- SQL building ----------------------------------------------------------------------------------------

    /**
     * The caller's scope and the filter as a WHERE condition. The scope comes from {@link ScopeFilter} (the order
     * list's), with the list's extra terms: assigned to or submitted by the caller.
     *
     * @param withChildren whether joint children count (the department view) or only requests
     */
    private static Sql where(Caller caller, Filter f, boolean withChildren) {
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "o.region_code", "o.department");
        Sql sql = new Sql().append("(").appendNamed(scope.jpql(), scope.parameters());
        if (caller.kind() == Caller.Kind.USER) {
            sql.append(" OR o.assignee = ?", caller.name());
        }
        sql.append(" OR (o.created_by = ? AND o.created_by_kind = ?))", caller.name(), caller.kind().name());
        if (!withChildren) {
            sql.append(" AND o.parent_id IS NULL");
        }
        if (f.from() != null) {
            sql.append(" AND o.created_at >= ?", ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND o.created_at < ?", ts(f.to()));
        }
        if (f.region() != null && !f.region().isBlank()) {
            RegionCode region = RegionCode.tryParse(f.region().strip()).orElseThrow(() ->
                    ProblemException.badRequest("region is a region code, not '" + f.region() + "'"));
            sql.append(" AND o.region_code LIKE ?", region.prefix() + "%");
        }
        if (f.category() != null && !f.category().isBlank()) {
            String c = f.category().strip();
            if (!CATEGORY.matcher(c).matches()) {
                throw ProblemException.badRequest("category is a 2-digit major or 4-digit minor code, not '" + c
                        + "'");
            }
            sql.append(c.length() == 2 ? " AND o.category_code LIKE ?" : " AND o.category_code = ?",
                    c.length() == 2 ? c + "%" : c);
        }
        if (f.department() != null && !f.department().isBlank()) {
            sql.append(" AND o.department = ?", f.department().strip());
        }
        if (f.channel() != null && !f.channel().isBlank()) {
            sql.append(" AND o.channel = ?", f.channel().strip());
        }
        return sql;
    }

    /** The measure columns, in the order {@link #measures(ResultSet, int)} reads them; binds {@code now} first. */
    private static String measures(Instant now, Sql sql) {
        sql.prependParameters(ts(now));
        return "COUNT(*),"
                + " SUM(CASE WHEN o.state IN " + OPEN_STATES + " THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.state IN " + OPEN_STATES + " AND o.deadline < ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.resolved_at IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.resolved_at IS NOT NULL AND o.deadline IS NOT NULL THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN o.resolved_at <= o.deadline THEN 1 ELSE 0 END),"
                + " SUM(o.handling_seconds), COUNT(o.handling_seconds), SUM(o.rating), COUNT(o.rating)";
    }

    private static Measures measures(ResultSet rs, int first) throws SQLException {
        long total = rs.getLong(first);
        long due = rs.getLong(first + 4);
        long onTime = rs.getLong(first + 5);
        long handled = rs.getLong(first + 7);
        long rated = rs.getLong(first + 9);
        Long avgSeconds = handled == 0 ? null : Math.round((double) rs.getLong(first + 6) / handled);
        return new Measures(total, rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3), onTime,
                due == 0 ? null : round((double) onTime / due),
                avgSeconds, avgSeconds == null ? null : Math.round(avgSeconds / 36.0) / 100.0, rated,
                rated == 0 ? null : Math.round(100.0 * rs.getLong(first + 8) / rated) / 100.0);
    }

    /** A rate rounded to 4 decimals (0.8333). */
    private static double round(double rate) {
        return Math.round(rate * 10000) / 10000.0;
    }

    private List<Group> grouped(Caller caller, Filter filter, String key, boolean withChildren, Instant now,
            String extra) {
        Sql where = where(caller, filter, withChildren);
        if (extra != null) {
            where.append(" AND " + extra);
        }
        // A derived table, so the grouping key may be an expression on every database.
        String cols = measures(now, where).replace("o.", "t.");
        Sql sql = where.prepend("SELECT t.k, " + cols + " FROM (SELECT " + key + " AS k, o.state, o.deadline,"
                + " o.resolved_at, o.handling_seconds, o.rating FROM og_workorder o WHERE ").append(") t GROUP BY t.k");
        return query(sql, rs -> new Group(rs.getString(1), null, measures(rs, 2)));
    }

    /** The region code of the order's town or village: its code's prefix, completed with zeros. */
    private static String regionKey(RegionLevel level) {
        return switch (level) {
            case TOWN -> "SUBSTR(o.region_code, 1, 9) || '000'";
            case VILLAGE -> "SUBSTR(o.region_code, 1, 12)";
            // Derby refuses a SUBSTR past the end of the string: orders placed above grid level keep their code
            case GRID -> "CASE WHEN LENGTH(o.region_code) >= 15 THEN SUBSTR(o.region_code, 1, 15) ELSE o.region_code"
                    + " END";
            default -> throw ProblemException.badRequest("level is town, village or grid, not " + level);
        };
    }

    private Map<String, String> names(Caller caller, By by, Collection<String> keys) {
        Map<String, String> names = new LinkedHashMap<>();
        switch (by) {
            case CATEGORY -> names.putAll(categoryNames());
            case DEPARTMENT -> keys.stream().filter(k -> k != null).forEach(k -> departments.find(k)
                    .ifPresent(d -> names.put(k, d.name())));
            case REGION -> keys.stream().filter(k -> k != null && RegionCode.isValid(k)).forEach(k ->
                    regions.find(caller, k).ifPresent(r -> names.put(k, r.name())));
            default -> {
            }
        }
        return names;
    }

    private Map<String, String> categoryNames() {
        Map<String, String> names = new LinkedHashMap<>();
        query(new Sql().append("SELECT code, name_zh FROM og_wo_category"),
                rs -> names.put(rs.getString(1), rs.getString(2)));
        return names;
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit is 1 to " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static List<String> open() {
        List<String> open = new ArrayList<>();
        for (WorkOrderState s : WorkOrderState.values()) {
            if (s.isOpen()) {
                open.add(s.name());
            }
        }
        return open;
    }

    /** A constant IN list of state names (enum constants, not input). */
    private static String inList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(Sql sql, Row<T> row) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql.text())) {
            List<Object> params = sql.parameters();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Analytics query failed: " + e.getMessage(), e);
        }
    }

    /** SQL text with positional parameters, built front to back (and prepended to once, for the SELECT). */
    static final class Sql {
        private final StringBuilder text = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Sql append(String fragment, Object... params) {
            text.append(fragment);
            parameters.addAll(List.of(params));
            return this;
        }

        Sql prepend(String fragment, Object... params) {
            text.insert(0, fragment);
            prependParameters(params);
            return this;
        }

        void prependParameters(Object... params) {
            parameters.addAll(0, List.of(params));
        }

        /** Appends a condition with {@code :name} parameters (as {@link ScopeFilter} writes them); lists expand. */
        Sql appendNamed(String fragment, Map<String, Object> named) {
            Matcher m = NAMED.matcher(fragment);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Object value = named.get(m.group(1));
                if (value instanceof Collection<?> values) {
                    m.appendReplacement(out, values.stream().map(v -> "?").collect(Collectors.joining(", ", "(",
                            ")")));
                    parameters.addAll(values);
                } else {
                    m.appendReplacement(out, "?");
                    parameters.add(value);
                }
            }
            m.appendTail(out);
            text.append(out);
            return this;
        }

        String text() {
            return text.toString();
        }

        List<Object> parameters() {
            return parameters;
        }
    }
}
