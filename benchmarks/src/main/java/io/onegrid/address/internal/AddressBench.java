package io.onegrid.address.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onegrid.address.internal.geo.GridIndexBenchmark;
import io.onegrid.address.internal.search.AddressIndex;
import io.onegrid.address.internal.search.AddressSearch;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import io.onegrid.identity.internal.BenchDatabase;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The address registry at county scale, outside OSGi on the real classes, on embedded on-disk Derby behind a Hikari
 * pool as in production:
 * <ul>
 *   <li>(a) import of a generated {@code addresses.csv} of 1,000,000 houses through {@link AddressImporter} (with the
 *       search index attached, as {@code AddressService} wires it), then the same rows by plain JDBC batch inserts
 *       into a copy of {@code og_address}: the database's own limit;
 *   <li>(b) point &rarr; grid lookups over 5,000 grid polygons ({@link GridIndexBenchmark});
 *   <li>(c) the search index built from the database (time, heap), then text-search latency through
 *       {@link AddressSearch#search} (what {@code GET /addresses?q=} runs: index, scope, page, rows from the
 *       database) for a county and a village caller, beside the old {@code LIKE '%q%'} scan;
 *   <li>(d) nearest-address latency through {@link AddressSearch#nearest}.
 * </ul>
 * Options: {@code --houses 1000000 --queries 3000 --like 10 --points 2000 --skip-grid --without-text-index
 * --import-only --work DIR}. Prints figures, asserts nothing.
 */
public final class AddressBench {

    private static final long SEED = 20261124L;
    private static final String COUNTY = "370322000000";
    private static final int TOWNS = 20;
    private static final int VILLAGES = 30;
    private static final int PAGE = 20;
    // the county: 0.4° x 0.2° (about 35 km x 22 km at 37° N), villages on a 30 x 20 raster, 3 grids (strips) each
    private static final double WEST = 117.6;
    private static final double SOUTH = 37.1;
    private static final double VILLAGE_W = 0.4 / 30;
    private static final double VILLAGE_H = 0.2 / 20;

    private AddressBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                opts.put(args[i].substring(2), flag ? "true" : args[++i]);
            }
        }
        Path target = Path.of(AddressBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        Path work = Path.of(opts.getOrDefault("work", target.resolve("bench").toString())).resolve("address");
        System.getProperties().putIfAbsent("derby.stream.error.file", target.resolve("derby.log").toString());
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int houses = Integer.parseInt(opts.getOrDefault("houses", "1000000"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "3000"));
        int likeQueries = Integer.parseInt(opts.getOrDefault("like", "10"));
        int points = Integer.parseInt(opts.getOrDefault("points", "2000"));
        BenchDatabase.deleteTree(work);
        Files.createDirectories(work);

        say("OneGrid address benchmark, %s", LocalDateTime.now().toString().substring(0, 16));
        say("machine: %d cores, Java %s (%s), max heap %d MiB; load %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20, load());
        Map<String, String> table = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        County county = County.generate(houses, work.resolve("addresses.csv"));
        say("generated %,d houses in %d villages: %s (%d MiB) in %.1f s", houses, county.villages.size(),
                county.csv.getFileName(), Files.size(county.csv) >> 20, secs(System.nanoTime() - t0));

        try (HikariDataSource ds = derby(work.resolve("derby"))) {
            // (a) import
            say("%n(a) import of %,d addresses into on-disk Derby; load %s", houses, load());
            AddressIndex importIndex = new AddressIndex();
            importIndex.load(new io.onegrid.address.internal.search.SegmentBuilder());
            AddressImporter importer = new AddressImporter(ds, (lon, lat) -> Optional.empty(), importIndex);
            Set<String> villages = new HashSet<>(county.villages);
            long gcBefore = gcMillis();
            long cpu0 = processCpu();
            t0 = System.nanoTime();
            AddressImporter.Report report;
            try (InputStream in = Files.newInputStream(county.csv)) {
                report = importer.importCsv(in, villages::contains, DataScope.ofRegion(RegionCode.parse(COUNTY)));
            }
            long importNs = System.nanoTime() - t0;
            long importCpu = processCpu() - cpu0;
            say("AddressImporter.importCsv: %,d rows in %.1f s (%,.0f rows/s; process CPU %.1f s; GC %d ms);"
                    + " index after it: %,d", report.imported(), secs(importNs), report.imported() / secs(importNs),
                    secs(importCpu), gcMillis() - gcBefore, importIndex.size());
            importIndex = null;
            cpu0 = processCpu();
            t0 = System.nanoTime();
            long raw = rawInsert(ds, county.csv, true);
            long rawNs = System.nanoTime() - t0;
            long rawCpu = processCpu() - cpu0;
            say("plain JDBC batch insert (parse + addBatch, 1,000 a batch, one commit): %,d rows in %.1f s"
                    + " (%,.0f rows/s; process CPU %.1f s)", raw, secs(rawNs), raw / secs(rawNs), secs(rawCpu));
            say("ratio importCsv / plain JDBC: %.2fx; load %s", (double) importNs / rawNs, load());
            table.put(String.format(Locale.ROOT, "import %,d addresses (AddressImporter, on-disk Derby)", houses),
                    String.format(Locale.ROOT,
                    "%.1f s, %,.0f rows/s (target < 60 s)", secs(importNs), report.imported() / secs(importNs)));
            table.put("same rows by plain JDBC batches", String.format(Locale.ROOT, "%.1f s (importer %.2fx)",
                    secs(rawNs), (double) importNs / rawNs));
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE og_address_raw");
            }
            if (opts.containsKey("without-text-index")) {
                // what the og_address_text index costs: LIKE '%q%' never could use it, the search index replaces it
                cpu0 = processCpu();
                t0 = System.nanoTime();
                rawInsert(ds, county.csv, false);
                long bareNs = System.nanoTime() - t0;
                say("the same, without the full_text index: %.1f s (process CPU %.1f s)", secs(bareNs),
                        secs(processCpu() - cpu0));
                table.put("same rows by plain JDBC, without og_address_text", String.format(Locale.ROOT, "%.1f s",
                        secs(bareNs)));
                try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                    st.execute("DROP TABLE og_address_raw");
                }
            }
            if (opts.containsKey("import-only")) {
                summary(table);
                return;
            }

            // (b) grids
            if (!opts.containsKey("skip-grid")) {
                say("%n(b) point -> grid over 5,000 grid polygons; load %s", load());
                double[] rates = GridIndexBenchmark.run();
                table.put("point -> grid, 5,000 polygons, 1 thread", String.format(Locale.ROOT,
                        "%,.0f /s (target >= 500,000/s)", rates[0]));
                table.put("point -> grid, 5,000 polygons, 2 threads", String.format(Locale.ROOT, "%,.0f /s", rates[1]));
            }

            // (c) index build and text search
            say("%n(c) text search at %,d addresses; load %s", houses, load());
            long heapBefore = usedHeapAfterGc();
            t0 = System.nanoTime();
            AddressSearch search = new AddressSearch(ds, new AddressIndex());
            search.load();
            long buildNs = System.nanoTime() - t0;
            long heapAfter = usedHeapAfterGc();
            long arrays = search.index().memoryBytes();
            say("index built from og_address in %.1f s: %,d addresses; arrays %.1f MiB, heap growth after GC %.1f MiB"
                    + " (%.0f bytes an address)", secs(buildNs), search.index().size(), arrays / 1048576.0,
                    (heapAfter - heapBefore) / 1048576.0, (double) (heapAfter - heapBefore) / houses);
            table.put("index build from og_address (JDBC read + build)", String.format(Locale.ROOT, "%.1f s",
                    secs(buildNs)));
            table.put("index heap (arrays; growth after GC)", String.format(Locale.ROOT, "%.0f MiB; %.0f MiB",
                    arrays / 1048576.0, (heapAfter - heapBefore) / 1048576.0));

            DataScope countyScope = DataScope.ofRegion(RegionCode.parse(COUNTY));
            String villageCode = county.villages.get(county.villages.size() / 3);
            DataScope villageScope = DataScope.ofRegion(RegionCode.parse(villageCode));
            List<Query> mix = county.queries(queries, new Random(SEED + 1));
            // warm-up: the JIT, Derby's page cache for the rows of result pages
            for (Query q : county.queries(500, new Random(SEED + 2))) {
                search.search(countyScope, null, q.text, PageRequest.of(1, PAGE));
                search.search(villageScope, null, q.text, PageRequest.of(1, PAGE));
            }
            Map<String, List<Long>> county1 = new LinkedHashMap<>();
            Map<String, List<Long>> village1 = new LinkedHashMap<>();
            long hits = 0;
            long villageHits = 0;
            for (Query q : mix) {
                long s = System.nanoTime();
                hits += search.search(countyScope, null, q.text, PageRequest.of(1, PAGE)).total();
                long e = System.nanoTime();
                villageHits += search.search(villageScope, null, q.text, PageRequest.of(1, PAGE)).total();
                long f = System.nanoTime();
                county1.computeIfAbsent(q.kind, k -> new ArrayList<>()).add(e - s);
                village1.computeIfAbsent(q.kind, k -> new ArrayList<>()).add(f - e);
            }
            say("%,d queries (page of %d), mean hits: county %,.0f, village %s %,.1f", mix.size(), PAGE,
                    (double) hits / mix.size(), villageCode, (double) villageHits / mix.size());
            say("%-34s %6s | %-26s | %-26s", "kind (share)", "n", "county: p50 / p95 / p99 ms",
                    "village: p50 / p95 / p99 ms");
            List<Long> allCounty = new ArrayList<>();
            List<Long> allVillage = new ArrayList<>();
            for (String kind : county1.keySet()) {
                allCounty.addAll(county1.get(kind));
                allVillage.addAll(village1.get(kind));
                say("%-34s %6d | %-26s | %-26s", kind, county1.get(kind).size(), pct(county1.get(kind)),
                        pct(village1.get(kind)));
            }
            say("%-34s %6d | %-26s | %-26s", "all", allCounty.size(), pct(allCounty), pct(allVillage));
            table.put("text search p50 / p95 / p99, county caller", pct(allCounty) + " ms (target p95 < 50 ms)");
            table.put("text search p50 / p95 / p99, village caller", pct(allVillage) + " ms");

            // the old scan, on a sample of the same mix
            List<Long> likeCounty = new ArrayList<>();
            List<Long> likeVillage = new ArrayList<>();
            for (int i = 0; i < likeQueries && i < mix.size(); i++) {
                String q = mix.get(i * (mix.size() / Math.max(1, likeQueries))).text;
                long s = System.nanoTime();
                like(ds, COUNTY.substring(0, 6), q);
                long e = System.nanoTime();
                like(ds, villageCode, q);
                likeCounty.add(e - s);
                likeVillage.add(System.nanoTime() - e);
            }
            say("old LIKE '%%q%%' (COUNT + page, as the JPQL ran), %d queries: county %s ms, village %s ms",
                    likeCounty.size(), pct(likeCounty), pct(likeVillage));
            table.put("old LIKE scan p50 / p95 / p99, county (" + likeCounty.size() + " queries)",
                    pct(likeCounty) + " ms");
            table.put("old LIKE scan p50 / p95 / p99, village", pct(likeVillage) + " ms");

            // (d) nearest
            say("%n(d) nearest 10 addresses; load %s", load());
            Random random = new Random(SEED + 3);
            for (int i = 0; i < 500; i++) {
                search.nearest(countyScope, WEST + random.nextDouble() * 0.4, SOUTH + random.nextDouble() * 0.2, 10);
            }
            List<Long> nearCounty = new ArrayList<>();
            List<Long> nearVillage = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                double lon = WEST + random.nextDouble() * 0.4;
                double lat = SOUTH + random.nextDouble() * 0.2;
                long s = System.nanoTime();
                search.nearest(countyScope, lon, lat, 10);
                long e = System.nanoTime();
                search.nearest(villageScope, lon, lat, 10);
                nearCounty.add(e - s);
                nearVillage.add(System.nanoTime() - e);
            }
            say("%,d random points in the county: county caller %s ms, village caller %s ms", points,
                    pct(nearCounty), pct(nearVillage));
            table.put("nearest 10 p50 / p95 / p99, county caller", pct(nearCounty) + " ms");
            table.put("nearest 10 p50 / p95 / p99, village caller (mostly far away)", pct(nearVillage) + " ms");
        } finally {
            try {
                DriverManager.getConnection("jdbc:derby:" + work.resolve("derby").toAbsolutePath() + ";shutdown=true")
                        .close();
            } catch (SQLException expected) {
                // Derby answers a shutdown with an exception
            }
            BenchDatabase.deleteTree(work);
        }

        summary(table);
    }

    private static void summary(Map<String, String> table) {
        say("%nSummary (load %s)", load());
        table.forEach((k, v) -> say("| %-64s | %s |", k, v));
    }

    /** A fresh on-disk Derby with the address migrations, behind a pool as etc/org.ops4j.datasource-onegrid.cfg. */
    private static HikariDataSource derby(Path folder) throws Exception {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl("jdbc:derby:" + folder.toAbsolutePath() + ";create=true");
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("onegrid-address-bench");
        HikariDataSource ds = new HikariDataSource(hikari);
        MigrationRunner runner = new MigrationRunner(ds);
        runner.migrate("address", ScriptSet.select("address", BenchDatabase.scripts("db/address/"), runner.dialect()));
        return ds;
    }

    /** The same rows by plain JDBC into a copy of og_address (its CREATE statements, renamed). */
    private static long rawInsert(HikariDataSource ds, Path csv, boolean textIndex) throws Exception {
        try (Connection c = ds.getConnection()) {
            for (var script : ScriptSet.select("address", BenchDatabase.scripts("db/address/"), "derby")) {
                for (String statement : script.statements()) {
                    if (statement.matches("(?is)\\s*CREATE\\b.*\\bog_address\\b.*")
                            && (textIndex || !statement.contains("og_address_text"))) {
                        try (Statement st = c.createStatement()) {
                            st.execute(statement.replaceAll("\\bog_address(\\w*)\\b", "og_address_raw$1"));
                        }
                    }
                }
            }
            c.setAutoCommit(false);
            long rows = 0;
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
            try (Reader reader = Files.newBufferedReader(csv); CSVParser parser = format.parse(reader);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO og_address_raw (code, region_code, grid_code,"
                         + " scope_code, road, house_number, building, unit_no, room, full_text, lon, lat, version)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
                for (CSVRecord r : parser) {
                    String grid = r.get(2).isEmpty() ? null : r.get(2);
                    ps.setString(1, r.get(0));
                    ps.setString(2, r.get(1));
                    ps.setString(3, grid);
                    ps.setString(4, grid != null ? grid : r.get(1));
                    for (int i = 3; i <= 7; i++) {
                        if (r.get(i).isEmpty()) {
                            ps.setNull(i + 2, Types.VARCHAR);
                        } else {
                            ps.setString(i + 2, r.get(i));
                        }
                    }
                    ps.setString(10, AddressText.compose(r.get(3), r.get(4), r.get(5), r.get(6), r.get(7)));
                    ps.setDouble(11, Double.parseDouble(r.get(8)));
                    ps.setDouble(12, Double.parseDouble(r.get(9)));
                    ps.addBatch();
                    if (++rows % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            return rows;
        }
    }

    /** The old search: the SQL OpenJPA ran for the JPQL of AddressService.list with a text (count, then the page). */
    private static void like(HikariDataSource ds, String scopePrefix, String q) throws SQLException {
        String where = " FROM og_address WHERE (scope_code LIKE ?) AND full_text LIKE ? ESCAPE '\\'";
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
                ps.setString(1, scopePrefix + "%");
                ps.setString(2, LikePatterns.containing(q));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT code, region_code, grid_code, road, house_number,"
                    + " building, unit_no, room, full_text, lon, lat" + where
                    + " ORDER BY code OFFSET 0 ROWS FETCH NEXT " + PAGE + " ROWS ONLY")) {
                ps.setString(1, scopePrefix + "%");
                ps.setString(2, LikePatterns.containing(q));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            }
        }
    }

    /** A search as a person types it, with its kind. */
    record Query(String kind, String text) {
    }

    /** The generated county: villages (社区 in the first 4 towns, 村 elsewhere), roads, and the CSV. */
    static final class County {
        private static final String CHARS = "柳桃杨李王张刘陈东西南北前后大小新旧上下高低石河山林花园泉水湾岭沟庄营屯店桥坡台"
                + "安宁和平兴旺富贵吉祥福寿康乐长青红星光明春秋金银玉龙凤";
        private static final String[] NUMERALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一",
            "十二"};
        private static final String[] ROAD_KINDS = {"路", "街", "大道", "巷"};

        final Path csv;
        final List<String> villages = new ArrayList<>();
        final List<String> villageNames = new ArrayList<>();
        final List<String> roads = new ArrayList<>();

        private County(Path csv) {
            this.csv = csv;
        }

        static County generate(int houses, Path file) throws Exception {
            County c = new County(file);
            Random random = new Random(SEED);
            for (int i = 0; i < 240; i++) {
                c.roads.add(name(random) + ROAD_KINDS[random.nextInt(ROAD_KINDS.length)]);
            }
            for (int t = 0; t < TOWNS; t++) {
                for (int v = 0; v < VILLAGES; v++) {
                    c.villages.add(String.format("370322%03d%03d", 101 + t, 201 + v));
                    c.villageNames.add(name(random) + (t < 4 ? "社区" : "村"));
                }
            }
            int perVillage = (houses + c.villages.size() - 1) / c.villages.size();
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n");
                int written = 0;
                StringBuilder line = new StringBuilder(128);
                for (int i = 0; i < c.villages.size() && written < houses; i++) {
                    String village = c.villages.get(i);
                    boolean urban = i < 4 * VILLAGES;
                    double west = WEST + (i % 30) * VILLAGE_W;
                    double south = SOUTH + (i / 30) * VILLAGE_H;
                    List<String> local = new ArrayList<>();
                    for (int k = 0; k < 6; k++) {
                        local.add(c.roads.get(random.nextInt(c.roads.size())));
                    }
                    for (int h = 1; h <= perVillage && written < houses; h++, written++) {
                        double fx = random.nextDouble();
                        double lon = west + fx * VILLAGE_W;
                        double lat = south + random.nextDouble() * VILLAGE_H;
                        String grid = village + "00" + (1 + (int) (fx * 3));
                        String road;
                        String number;
                        String building = "";
                        String unit = "";
                        String room = "";
                        if (urban) {
                            road = local.get(random.nextInt(local.size()));
                            number = String.valueOf(1 + random.nextInt(300));
                            if (random.nextInt(3) > 0) {
                                building = String.valueOf(1 + random.nextInt(30));
                                unit = String.valueOf(1 + random.nextInt(6));
                                room = (1 + random.nextInt(18)) + "0" + (1 + random.nextInt(4));
                            }
                        } else {
                            int group = random.nextInt(NUMERALS.length);
                            road = c.villageNames.get(i) + NUMERALS[group] + "组";
                            number = String.valueOf(1 + random.nextInt(200));
                        }
                        // by hand: String.format made generating a million lines take a minute
                        line.setLength(0);
                        String seq = Integer.toString(h);
                        line.append(village).append("00000000", 0, 8 - seq.length()).append(seq).append(',')
                                .append(village).append(',').append(grid).append(',').append(road).append(',')
                                .append(number).append(',').append(building).append(',').append(unit).append(',')
                                .append(room).append(',');
                        fixed7(line, lon).append(',');
                        fixed7(line, lat).append('\n');
                        w.append(line);
                    }
                }
            }
            return c;
        }

        /** A positive number with 7 decimals. */
        private static StringBuilder fixed7(StringBuilder sb, double v) {
            long units = Math.round(v * 1e7);
            String frac = Long.toString(units % 10_000_000);
            return sb.append(units / 10_000_000).append('.').append("0000000", 0, 7 - frac.length()).append(frac);
        }

        private static String name(Random random) {
            return "" + CHARS.charAt(random.nextInt(CHARS.length())) + CHARS.charAt(random.nextInt(CHARS.length()));
        }

        /** A mix of what people type: names of villages and roads, house numbers, and both together. */
        List<Query> queries(int n, Random random) {
            List<Query> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int dice = random.nextInt(100);
                String village = villageNames.get(random.nextInt(villageNames.size()));
                String road = roads.get(random.nextInt(roads.size()));
                String group = NUMERALS[random.nextInt(NUMERALS.length)] + "组";
                int number = 1 + random.nextInt(200);
                Supplier<Query> q;
                if (dice < 20) {
                    q = () -> new Query("village name (柳树村)", village);
                } else if (dice < 30) {
                    q = () -> new Query("village group (柳树村三组)", village + group);
                } else if (dice < 50) {
                    q = () -> new Query("road name (幸福路)", road);
                } else if (dice < 60) {
                    q = () -> new Query("house number (12号)", number + "号");
                } else if (dice < 75) {
                    q = () -> new Query("road + number (幸福路12号)", road + number + "号");
                } else if (dice < 85) {
                    q = () -> new Query("group + number (柳树村三组12号)", village + group + number + "号");
                } else if (dice < 95) {
                    q = () -> new Query("unit + room (2单元301)", (1 + random.nextInt(6)) + "单元"
                            + (1 + random.nextInt(18)) + "0" + (1 + random.nextInt(4)));
                } else {
                    q = () -> new Query("one character (柳)", village.substring(0, 1));
                }
                out.add(q.get());
            }
            return out;
        }
    }

    private static String pct(List<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        if (a.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", at(a, 0.50) / 1e6, at(a, 0.95) / 1e6,
                at(a, 0.99) / 1e6);
    }

    private static long at(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
