package io.onegrid.workorder.internal.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.workorder.internal.WorkOrderSchema;
import io.onegrid.workorder.internal.analytics.Analytics.Bulletin;
import io.onegrid.workorder.internal.analytics.Analytics.By;
import io.onegrid.workorder.internal.analytics.Analytics.Filter;
import io.onegrid.workorder.internal.analytics.Analytics.Group;
import io.onegrid.workorder.internal.analytics.Analytics.Measures;
import io.onegrid.workorder.internal.analytics.Analytics.Of;
import io.onegrid.workorder.internal.analytics.Analytics.Summary;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Analytics on a small hand-built set of orders with known figures, on a real database; subclasses give it. The rows
 * are written by plain JDBC with exactly the values the kernel would write, so every expected number below can be
 * checked by hand (times in UTC; the installation's zone is Asia/Shanghai, UTC+8).
 */
abstract class AnalyticsContract {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String TOWN1 = "370399101000";
    static final String GRID1 = "370399101201001";
    static final String OTHER_GRID = "370399101202001";
    static final String TOWN2_GRID = "370399102201001";

    static final Caller OPERATOR = user("operator1", TOWN1, null, "workorder.read");
    static final Caller WORKER2 = user("gridworker2", OTHER_GRID, null, "workorder.read");
    static final Caller WATER = user("water1", null, "water", "workorder.read");
    static final Caller NOBODY = user("nobody", null, null);

    private DataSource ds;
    private Analytics analytics;

    abstract DataSource newDatabase() throws Exception;

    abstract void dropDatabase() throws Exception;

    static Caller user(String name, String region, String department, String... permissions) {
        return new Caller(name, name, Caller.Kind.USER, 1L, Set.of("r"), Set.of(permissions), DataScope.of(
                region == null ? List.of() : List.of(RegionCode.parse(region)),
                department == null ? List.of() : List.of(department)));
    }

    @BeforeEach
    void setUp() throws Exception {
        ds = newDatabase();
        WorkOrderSchema.migrate(ds);
        analytics = new Analytics(ds, Clock.fixed(NOW, ZoneOffset.UTC), () -> ZONE, regions(), departments());
        // id, state, category, channel, region, department, created, deadline, resolved, rating, parent, assignee
        insert(1, "CLOSED", "0501", "HOTLINE", GRID1, "water", "2026-11-20T01:00:00Z", "2026-11-20T15:59:59Z",
                "2026-11-20T05:00:00Z", 5, null, null);
        insert(2, "VERIFIED", "0501", "QR", GRID1, "water", "2026-11-21T01:15:00Z", "2026-11-21T15:59:59Z",
                "2026-11-22T01:15:00Z", 3, null, null);
        insert(3, "IN_PROGRESS", "0601", "HOTLINE", OTHER_GRID, "water", "2026-11-22T02:30:00Z",
                "2026-11-23T00:00:00Z", null, null, null, null);
        insert(4, "DISPATCHED", "0901", "PATROL", OTHER_GRID, null, "2026-11-24T01:00:00Z", "2026-11-27T01:00:00Z",
                null, null, null, "gridworker2");
        insert(5, "REJECTED", "0901", "HOTLINE", TOWN1, null, "2026-11-23T03:00:00Z", null, null, null, null, null);
        insert(6, "RESOLVED", "0602", "HOTLINE", GRID1, "emergency", "2026-11-23T01:00:00Z", null,
                "2026-11-23T03:00:00Z", null, null, null);
        insert(7, "IN_PROGRESS", "0501", "HOTLINE", TOWN2_GRID, "water", "2026-11-22T01:00:00Z",
                "2026-11-22T15:59:59Z", null, null, null, null);
        // a joint order and two of its children
        insert(8, "IN_PROGRESS", "0501", "HOTLINE", GRID1, "water", "2026-11-24T00:30:00Z", "2026-11-24T15:59:59Z",
                null, null, null, null);
        insert(9, "RESOLVED", "0501", "HOTLINE", GRID1, "market", "2026-11-24T01:00:00Z", "2026-11-24T15:59:59Z",
                "2026-11-24T03:00:00Z", null, 8L, null);
        insert(10, "DISPATCHED", "0501", "HOTLINE", GRID1, "enforcement", "2026-11-24T01:00:00Z",
                "2026-11-24T09:00:00Z", null, null, 8L, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        dropDatabase();
    }

    private void insert(long id, String state, String category, String channel, String region, String department,
            String created, String deadline, String resolved, Integer rating, Long parent, String assignee)
            throws Exception {
        Instant c = Instant.parse(created);
        ZonedDateTime local = c.atZone(ZONE);
        try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement("INSERT INTO"
                + " og_workorder (id, wo_number, state, category_code, wo_level, channel, description, region_code,"
                + " department, assignee, deadline, escalation_level, suspension_requested, rating, linked_reports,"
                + " created_by, created_by_kind, route_source, parent_id, created_at, updated_at, version,"
                + " created_day, created_hour, resolved_at, handling_seconds)"
                + " VALUES (?, ?, ?, ?, 2, ?, 'x', ?, ?, ?, ?, 0, FALSE, ?, 0, 'hotline', 'API_TOKEN', 'CATEGORY', ?,"
                + " ?, ?, 1, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setString(2, "WO-" + id);
            ps.setString(3, state);
            ps.setString(4, category);
            ps.setString(5, channel);
            ps.setString(6, region);
            ps.setString(7, department);
            ps.setString(8, assignee);
            ps.setTimestamp(9, deadline == null ? null : Timestamp.from(Instant.parse(deadline)));
            ps.setObject(10, rating, java.sql.Types.INTEGER);
            ps.setObject(11, parent, java.sql.Types.BIGINT);
            ps.setTimestamp(12, Timestamp.from(c));
            ps.setTimestamp(13, Timestamp.from(c));
            ps.setInt(14, local.getYear() * 10000 + local.getMonthValue() * 100 + local.getDayOfMonth());
            ps.setInt(15, local.getHour());
            ps.setTimestamp(16, resolved == null ? null : Timestamp.from(Instant.parse(resolved)));
            ps.setObject(17, resolved == null ? null : (Instant.parse(resolved).getEpochSecond() - c.getEpochSecond()),
                    java.sql.Types.BIGINT);
            ps.executeUpdate();
        }
    }

    private static Filter filter(String from, String region, String category, String department) {
        return new Filter(from == null ? null : LocalDate.parse(from).atStartOfDay(ZONE).toInstant(), null, region,
                category, department, null);
    }

    private static Map<String, Measures> byKey(List<Group> groups) {
        Map<String, Measures> m = new LinkedHashMap<>();
        groups.forEach(g -> m.put(g.key(), g.measures()));
        return m;
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    void theSummaryOfATownCountsItsRequestsWithoutJointChildren() {
        Summary s = analytics.summary(OPERATOR, Filter.all());
        Measures m = s.measures();
        assertEquals(7, m.total(), "1-6 and the joint parent 8; town 2's order 7 and the children are not counted");
        assertEquals(3, m.open());
        assertEquals(1, m.overdue(), "order 3");
        assertEquals(3, m.resolved());
        assertEquals(1, m.resolvedOnTime());
        assertEquals(0.5, m.onTimeRate(), "order 6 has no deadline: left out");
        assertEquals(36000L, m.averageHandlingSeconds(), "(4 h + 24 h + 2 h) / 3");
        assertEquals(10.0, m.averageHandlingHours());
        assertEquals(2, m.rated());
        assertEquals(4.0, m.averageRating());
        assertEquals(Map.of("SUBMITTED", 0L, "ACCEPTED", 0L, "DISPATCHED", 1L, "IN_PROGRESS", 2L, "SUSPENDED", 0L,
                "RESOLVED", 1L, "VERIFIED", 1L, "CLOSED", 1L, "REJECTED", 1L, "RETURNED", 0L), s.byState());
        assertEquals(NOW, s.asOf());
    }

    @Test
    void filtersNarrowTheSummary() {
        assertEquals(2, analytics.summary(OPERATOR, filter(null, "370399101202", null, null)).measures().total());
        assertEquals(3, analytics.summary(OPERATOR, filter(null, null, "05", null)).measures().total());
        assertEquals(1, analytics.summary(OPERATOR, filter(null, null, "0601", null)).measures().total());
        assertEquals(4, analytics.summary(OPERATOR, filter("2026-11-23", null, null, null)).measures().total(),
                "created from 2026-11-23 00:00 Shanghai: 4, 5, 6, 8");
        assertEquals(5, analytics.summary(OPERATOR, new Filter(null, null, null, null, null, "HOTLINE")).measures()
                .total());
        // a department filter counts that department's pieces of work, joint children included
        Measures market = analytics.summary(OPERATOR, filter(null, null, null, "market")).measures();
        assertEquals(1, market.total());
        assertEquals(1.0, market.onTimeRate());
        assertThrows(ProblemException.class, () -> analytics.summary(OPERATOR, filter(null, "37x", null, null)));
        assertThrows(ProblemException.class, () -> analytics.summary(OPERATOR, filter(null, null, "5", null)));
    }

    @Test
    void everyFigureIsLimitedToTheCallersScope() {
        // the water department sees its orders anywhere (7 lies in another town), nothing else
        Measures water = analytics.summary(WATER, Filter.all()).measures();
        assertEquals(5, water.total(), "1, 2, 3, 7, 8");
        assertEquals(2, water.overdue(), "3 and 7");
        // a grid worker: his grid, and what is assigned to him
        assertEquals(2, analytics.summary(WORKER2, Filter.all()).measures().total());
        assertEquals(List.of("370399101202"), analytics.breakdown(WORKER2, Filter.all(), By.REGION,
                RegionLevel.VILLAGE).groups().stream().map(Group::key).toList());
        assertEquals(Set.of("water"), analytics.rankings(WATER, Filter.all(), Of.DEPARTMENT, null, 20).items()
                .stream().map(Analytics.Ranked::key).collect(Collectors.toSet()));
        assertEquals(0, analytics.summary(user("nobody", null, null, "workorder.read"), Filter.all()).measures()
                .total());
        assertThrows(ProblemException.class, () -> analytics.summary(NOBODY, Filter.all()), "workorder.read");
        Bulletin none = analytics.bulletin(WORKER2, "370399102000", LocalDate.parse("2026-11-22"));
        assertEquals(0, none.created(), "town 2's order 7 is outside the grid worker's scope");
    }

    @Test
    void breakdownsGroupInTheDatabase() {
        Map<String, Measures> byDepartment = byKey(analytics.breakdown(OPERATOR, Filter.all(), By.DEPARTMENT, null)
                .groups());
        assertEquals(Set.of("water", "emergency", "market", "enforcement"), byDepartment.keySet().stream()
                .filter(k -> k != null).collect(Collectors.toSet()));
        assertEquals(4, byDepartment.get("water").total());
        assertEquals(0.5, byDepartment.get("water").onTimeRate());
        assertEquals(1, byDepartment.get("enforcement").overdue(), "the child 10");
        assertEquals(2, byDepartment.get(null).total(), "the command centre's 4 and 5");

        Map<String, Measures> villages = byKey(analytics.breakdown(OPERATOR, Filter.all(), By.REGION,
                RegionLevel.VILLAGE).groups());
        assertEquals(List.of("370399101000", "370399101201", "370399101202"), List.copyOf(villages.keySet()));
        assertEquals(List.of(1L, 4L, 2L), villages.values().stream().map(Measures::total).toList());
        Map<String, Measures> grids = byKey(analytics.breakdown(OPERATOR, Filter.all(), By.REGION,
                RegionLevel.GRID).groups());
        assertEquals(villages.values().stream().mapToLong(Measures::total).sum(),
                grids.values().stream().mapToLong(Measures::total).sum(), "every order in one grid (or its region)");
        assertTrue(grids.keySet().contains(GRID1), grids.keySet().toString());
        assertEquals(villages.values().stream().mapToLong(Measures::open).sum(),
                grids.values().stream().mapToLong(Measures::open).sum(), "the map's open orders per grid");
        Map<String, Measures> towns = byKey(analytics.breakdown(WATER, Filter.all(), By.REGION, null).groups());
        assertEquals(List.of("370399101000", "370399102000"), List.copyOf(towns.keySet()));
        assertEquals(List.of(4L, 1L), towns.values().stream().map(Measures::total).toList());
        List<Group> named = analytics.breakdown(WATER, Filter.all(), By.REGION, null).groups();
        assertEquals("青石镇", named.get(0).name());

        Map<String, Measures> days = byKey(analytics.breakdown(OPERATOR, Filter.all(), By.DAY, null).groups());
        assertEquals(List.of("20261120", "20261121", "20261122", "20261123", "20261124"),
                List.copyOf(days.keySet()));
        assertEquals(List.of(1L, 1L, 1L, 2L, 2L), days.values().stream().map(Measures::total).toList());
        assertEquals(Map.of("202611", 7L), analytics.breakdown(OPERATOR, Filter.all(), By.MONTH, null).groups()
                .stream().collect(Collectors.toMap(Group::key, g -> g.measures().total())));
        assertEquals(Map.of("HOTLINE", 5L, "QR", 1L, "PATROL", 1L), analytics.breakdown(OPERATOR, Filter.all(),
                By.CHANNEL, null).groups().stream().collect(Collectors.toMap(Group::key, g -> g.measures().total())));
        Group manholes = analytics.breakdown(OPERATOR, Filter.all(), By.CATEGORY, null).groups().get(0);
        assertEquals("0501", manholes.key());
        assertEquals("井盖缺失破损", manholes.name());
        assertEquals(3, manholes.measures().total());
    }

    @Test
    void hotspotsAndRankings() {
        List<Analytics.Hotspot> top = analytics.hotspots(OPERATOR, Filter.all(), RegionLevel.VILLAGE, 2);
        assertEquals(2, top.size());
        assertEquals(new Analytics.Hotspot("370399101201", "0501", "井盖缺失破损", 9, 2), top.get(0),
                "orders 1 and 2, reported between 9 and 10 in the morning in Shanghai");
        assertEquals(1, top.get(1).count());
        assertEquals(6, analytics.hotspots(OPERATOR, Filter.all(), RegionLevel.GRID, 50).size(),
                "(201001,0501,9) (201001,0501,8) (202001,0601,10) (202001,0901,9) (town,0901,11) (201001,0602,9)");
        assertThrows(ProblemException.class, () -> analytics.hotspots(OPERATOR, Filter.all(), null, 0));

        List<Analytics.Ranked> departments = analytics.rankings(OPERATOR, Filter.all(), Of.DEPARTMENT, null, 20)
                .items();
        assertEquals(List.of("market", "water", "emergency", "enforcement"), departments.stream()
                .map(Analytics.Ranked::key).toList(), "by on-time rate, none last, then volume and code");
        assertEquals(1, departments.get(0).rank());
        assertEquals("市场监督管理局", departments.get(0).name());
        assertEquals(List.of("water", "emergency", "enforcement", "market"), analytics.rankings(OPERATOR,
                Filter.all(), Of.DEPARTMENT, "volume", 20).items().stream().map(Analytics.Ranked::key).toList());
        assertEquals(List.of("emergency", "market", "water", "enforcement"), analytics.rankings(OPERATOR,
                Filter.all(), Of.DEPARTMENT, "handlingTime", 20).items().stream().map(Analytics.Ranked::key).toList(),
                "2 h, 2 h (volume ties: code), 14 h, none");
        List<Analytics.Ranked> villages = analytics.rankings(OPERATOR, Filter.all(), Of.VILLAGE, "satisfaction", 20)
                .items();
        assertEquals(List.of("370399101201", "370399101202"), villages.stream().map(Analytics.Ranked::key).toList());
        assertEquals(4.0, villages.get(0).measures().averageRating());
        assertNull(villages.get(1).measures().averageRating());
        assertThrows(ProblemException.class, () -> analytics.rankings(OPERATOR, Filter.all(), Of.VILLAGE, "x", 5));
    }

    @Test
    void theDailyBulletinOfATown() {
        Bulletin today = analytics.bulletin(OPERATOR, TOWN1, LocalDate.parse("2026-11-24"));
        assertEquals("青石镇", today.townName());
        assertEquals(2, today.created(), "4 and the joint parent 8");
        assertEquals(0, today.resolved(), "child 9 counts for its department only");
        assertNull(today.onTimeRate());
        assertEquals(1, today.overdue(), "order 3");
        assertEquals(List.of("0501", "0901"), today.topCategories().stream().map(Analytics.CategoryCount::code)
                .toList());
        assertEquals(List.of("enforcement", "water"), today.worstDepartments().stream()
                .map(Analytics.DepartmentAlert::code).toList());
        assertEquals(1, today.worstDepartments().get(0).overdue());
        assertTrue(today.markdown().startsWith("# 青石镇 一网统管日报（2026-11-24）\n"), today.markdown());
        assertTrue(today.markdown().contains("- 新增工单：2 件\n"), today.markdown());
        assertTrue(today.markdown().contains("- 超期未办结：1 件\n"), today.markdown());
        assertTrue(today.markdown().contains("1. 井盖缺失破损（0501）：1 件\n"), today.markdown());
        assertTrue(today.markdown().contains("1. 综合行政执法局：超期未办结 1 件，当日逾期办结 0 件\n"), today.markdown());

        Bulletin past = analytics.bulletin(OPERATOR, TOWN1, LocalDate.parse("2026-11-22"));
        assertEquals(1, past.created(), "order 3");
        assertEquals(1, past.resolved(), "order 2, late");
        assertEquals(0, past.resolvedOnTime());
        assertEquals(0.0, past.onTimeRate());
        assertEquals(0, past.overdue(), "order 3 fell due on the 23rd");
        assertEquals(List.of(new Analytics.DepartmentAlert("water", "水务局", 0, 1)), past.worstDepartments());
        assertTrue(past.markdown().contains("按期办结率 0.0%"), past.markdown());

        assertThrows(ProblemException.class, () -> analytics.bulletin(OPERATOR, GRID1, LocalDate.parse(
                "2026-11-22")), "a grid is no town");
    }

    // ---- the identity services analytics names things with ---------------------------------------------------

    private static DepartmentService departments() {
        Map<String, String> names = Map.of("water", "水务局", "market", "市场监督管理局", "enforcement", "综合行政执法局",
                "emergency", "应急管理局");
        return new DepartmentService() {
            @Override
            public Optional<Department> find(String code) {
                return Optional.ofNullable(names.get(code)).map(n -> new Department(code, n, List.of()));
            }

            @Override
            public List<Department> all() {
                return List.of();
            }

            @Override
            public Department save(Caller caller, Department department, boolean create) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static RegionService regions() {
        Map<String, String> names = Map.of(TOWN1, "青石镇", "370399102000", "东坡镇", "370399101201", "柳树村");
        return new RegionService() {
            @Override
            public Optional<Region> find(Caller caller, String code) {
                return Optional.ofNullable(names.get(code)).map(n -> new Region(code, n, null,
                        RegionCode.parse(code).level(), AreaKind.RURAL, null));
            }

            @Override
            public Page<Region> list(Caller caller, String parentCode, RegionLevel level, String text,
                    PageRequest page) {
                throw new UnsupportedOperationException();
            }

            @Override
            public RegionImportReport importCsv(Caller caller, InputStream csv) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Region create(Caller caller, Region region) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Region update(Caller caller, String code, String name, AreaKind area, String boundaryRef) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
