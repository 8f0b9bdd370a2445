package io.onegrid.workorder.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Reporter;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.rest.internal.BenchApi;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.http.HttpServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Work-order load harness: intake throughput through the service API, through REST and by raw JDBC (the limit); list
 * latency and the SLA scan with a million orders in the table. Prints figures, asserts nothing (docs/benchmarks.md).
 *
 * <p>Everything runs in one JVM outside OSGi on the real classes: {@link WorkOrderKernel} with its persistence unit on
 * an on-disk Derby database (as installed), routing through a {@code GridIndex} of 5,400 grid outlines and the real
 * account, department and region services of the identity bundle; the REST path is the real {@code ApiServlet} and
 * {@link WorkOrderResource} in Jetty 9.4 (the Jetty of Karaf 4.4's Pax Web), called by {@code java.net.http} clients
 * with a bearer token from a real sign-in.
 */
public final class WorkOrderBench {

    private static final long SEED = 20261124L;
    private static final ZoneId ZONE = WorkOrderConfigValues.DEFAULTS.zone();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final String[] DESCRIPTIONS = {
        "幸福路与建设街路口井盖缺失，夜间行人容易踩空", "小区门口有人占道摆摊，影响车辆通行", "村口垃圾堆放多日无人清运，气味很大",
        "路灯连续三晚不亮，老人晚上出门不方便", "工地夜间施工噪音扰民，已持续一周", "河道边有人倾倒建筑垃圾",
        "楼道里堆放杂物，存在消防隐患", "邻里因宅基地边界发生纠纷，请求调解", "供水管道破裂，路面积水结冰",
        "商铺店外经营，占用人行道", "村委会旁广告牌松动，大风天有坠落危险", "秸秆焚烧，烟雾很大"};
    private static final String[] NAMES = {"张三", "李四", "王五", "赵敏", "刘洋", "陈静", "杨帆", "黄磊"};

    private final Options options;
    private final WoCounty county;
    private final WoDatabase db;
    private final List<String> minors;
    private final Map<String, String> slaOf;
    private final Map<String, Optional<String>> departmentOf;
    private final Caller operator;
    private final Caller gridWorker;
    private final String operatorToken;
    private final int[] pairs;
    private final AtomicInteger nextPair = new AtomicInteger();
    private final AtomicLong nextRawId = new AtomicLong(10_000_000_000L);
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<Double>> rates = new LinkedHashMap<>();
    private final Map<String, long[]> latencies = new LinkedHashMap<>();
    private final Map<IntakeResult.Outcome, AtomicInteger> outcomes = new EnumMap<>(IntakeResult.Outcome.class);
    private final AtomicInteger restFailures = new AtomicInteger();

    record Options(Path work, int serviceOrders, int restOrders, int rawOrders, int rounds, int millionRows,
            int listCalls, boolean skipIntake, boolean skipMillion, boolean withListIndexes) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            Set<String> flags = Set.of("--skip-million", "--skip-intake", "--list-indexes-first");
            for (int i = 0; i < args.length; i++) {
                if (flags.contains(args[i])) {
                    m.put(args[i], "true");
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    m.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: --work DIR"
                            + " --service-orders N --rest-orders N --raw-orders N --rounds N --orders-in-table N"
                            + " --list-calls N --skip-intake --skip-million --list-indexes-first");
                }
            }
            return new Options(Path.of(m.getOrDefault("--work", "target/bench")),
                    Integer.parseInt(m.getOrDefault("--service-orders", "4000")),
                    Integer.parseInt(m.getOrDefault("--rest-orders", "3000")),
                    Integer.parseInt(m.getOrDefault("--raw-orders", "15000")),
                    Integer.parseInt(m.getOrDefault("--rounds", "3")),
                    Integer.parseInt(m.getOrDefault("--orders-in-table", "1000000")),
                    Integer.parseInt(m.getOrDefault("--list-calls", "200")), m.containsKey("--skip-intake"),
                    // Always with every migration's indexes: the kernel's list queries name the indexes they use, so
                    // a table without them answers an error, not a slow page. The flag is still accepted.
                    m.containsKey("--skip-million"), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", "target/derby.log");
        }
        System.out.printf("OneGrid work-order bench, %s, %d cores, %s %s, max heap %d MiB, commit %s%n",
                ZonedDateTime.now(ZONE).truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, commit());
        System.out.printf("Derby page cache: %s pages (derby.storage.pageCacheSize; Derby's default is 1000)%n",
                System.getProperty("derby.storage.pageCacheSize", "1000"));
        load("start");
        long t0 = System.nanoTime();
        WoCounty county = new WoCounty(SEED);
        try (WoDatabase db = new WoDatabase(options.work().resolve("wobench-db"), county, options.withListIndexes())) {
            System.out.printf("Database ready in %.1f s: %d workorder migrations%s, %,d grids in the index, %,d"
                            + " accounts%n", (System.nanoTime() - t0) / 1e9, db.migrations,
                    options.withListIndexes() ? " (V6 list indexes included)" : " (V6 list indexes left out until the million-order part)", db.grids.size(),
                    db.count("og_user"));
            new WorkOrderBench(options, county, db).run();
        }
        load("end");
    }

    private WorkOrderBench(Options options, WoCounty county, WoDatabase db) throws Exception {
        this.options = options;
        this.county = county;
        this.db = db;
        this.slaOf = db.minorCategories();
        this.minors = List.copyOf(slaOf.keySet());
        this.departmentOf = db.categoryDepartments();
        this.operatorToken = db.identity.signIn(WoDatabase.OPERATOR, WoDatabase.PASSWORD);
        this.operator = db.identity.accounts.authenticate(operatorToken).orElseThrow();
        this.gridWorker = db.identity.accounts.authenticate(db.identity.signIn(
                WoDatabase.gridWorker(WoDatabase.GRID_WORKER_GRID), WoDatabase.PASSWORD)).orElseThrow();
        // Every (grid, minor category) pair once, shuffled: no two reports of a run are near-duplicates of each other,
        // so each submission creates an order (a near-duplicate is linked instead, another path).
        this.pairs = new int[WoCounty.CELLS * minors.size()];
        Arrays.setAll(pairs, i -> i);
        Random random = new Random(SEED);
        for (int i = pairs.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = pairs[i];
            pairs[i] = pairs[j];
            pairs[j] = t;
        }
        for (IntakeResult.Outcome o : IntakeResult.Outcome.values()) {
            outcomes.put(o, new AtomicInteger());
        }
    }

    private void run() throws Exception {
        if (!options.skipIntake()) {
            throughput();
        }
        if (!options.skipMillion()) {
            million();
        }
    }

    // ---- 1-3: intake throughput ------------------------------------------------------------------------------

    /** One report, as a hotline operator enters it: a point on the map, a minor category, the caller's phone. */
    private Submission submission(int k) {
        int pair = pairs[k % pairs.length];
        Random r = new Random(SEED ^ k);
        double[] p = WoCounty.pointIn(pair / minors.size(), r);
        return new Submission("HOTLINE", minors.get(pair % minors.size()), DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)],
                null, new Location(p[0], p[1]), new Reporter(NAMES[r.nextInt(NAMES.length)],
                "138" + String.format("%08d", r.nextInt(100_000_000))), "bench-" + runId + "-" + k);
    }

    /** The rows the kernel writes for submission {@code k}, routed as it routes by category (for the raw inserts). */
    private WoRows.Order rawOrder(int k, Instant now) {
        int pair = pairs[k % pairs.length];
        Submission s = submission(k);
        String grid = county.gridOfCell[pair / minors.size()];
        String town = grid.substring(0, 9) + "000";
        String department = departmentOf.get(s.category()).orElse(null);
        long id = nextRawId.getAndIncrement();
        Timestamp at = Timestamp.from(now.truncatedTo(ChronoUnit.MILLIS));
        String day = DAY.format(now.atZone(ZONE));
        Instant due = deadlineOf(SlaKind.valueOf(slaOf.get(s.category())), now);
        String fingerprint = Intake.fingerprint(s.channel(), s.category(), s.description(), null, s.location().lon(),
                s.location().lat(), s.reporter().name(), s.reporter().phone(), "USER", WoDatabase.OPERATOR);
        return new WoRows.Order(id, "WO-" + day + "-" + id, "SUBMITTED", s.category(), 1, s.channel(),
                s.description(), s.location().lon(), s.location().lat(), grid, town, department,
                WoDatabase.gridWorker(grid), due == null ? null : Timestamp.from(due), s.reporter().name(),
                s.reporter().phone(), WoDatabase.OPERATOR, "USER", department == null ? "COMMAND_CENTRE" : "CATEGORY",
                null, at, at, null, null, fingerprint, s.idempotencyKey(),
                s.category() + "|" + grid + "|" + day + (k >= pairs.length ? "|" + k : ""));
    }

    private void throughput() throws Exception {
        HttpServlet servlet = BenchApi.servlet(db.identity.accounts,
                Map.<String, RestResource>of("io.onegrid.workorder", new WorkOrderResource(db.kernel)));
        Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(servlet), "/api/v1/*");
        jetty.setHandler(context);
        jetty.start();
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        URI submitUri = URI.create("http://127.0.0.1:" + port + "/api/v1/workorders");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf("%nJetty %s on port %d serving ApiServlet at /api/v1/*%n", Server.getVersion(), port);
        try {
            section("warm-up (not counted)");
            service(2, 3000, false);
            rest(http, submitUri, 2, 2000, false);
            rawBatch(5000, false);
            rawTransactions(2, 1000, false);
            gcSince();
            for (int round = 1; round <= options.rounds(); round++) {
                section("round " + round + " of " + options.rounds());
                service(1, options.serviceOrders(), true);
                service(2, options.serviceOrders(), true);
                rest(http, submitUri, 1, options.restOrders(), true);
                rest(http, submitUri, 2, options.restOrders(), true);
                rawBatch(options.rawOrders(), true);
                rawTransactions(1, options.serviceOrders(), true);
                rawTransactions(2, options.serviceOrders(), true);
                System.out.printf("  GC: %s%n", gcSince());
            }
        } finally {
            jetty.stop();
        }
        load("after intake");
        printThroughput();
        checkOrders();
    }

    private void service(int threads, int n, boolean counted) throws Exception {
        int base = nextPair.getAndAdd(n);
        Submission[] batch = new Submission[n];
        Arrays.setAll(batch, i -> submission(base + i));
        Measured m = measure(threads, n, i -> {
            IntakeResult r = db.kernel.submit(operator, batch[i]);
            outcomes.get(r.outcome()).incrementAndGet();
        });
        record("service API, " + threads + " thread" + (threads > 1 ? "s" : ""), m, n, counted);
    }

    private void rest(HttpClient http, URI uri, int threads, int n, boolean counted) throws Exception {
        int base = nextPair.getAndAdd(n);
        // Bodies are encoded before the clock starts: the client's JSON encoding is not the server's cost.
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = json.writeValueAsBytes(submission(base + i));
        }
        Measured m = measure(threads, n, i -> {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + operatorToken)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201) {
                if (restFailures.incrementAndGet() <= 3) {
                    System.out.printf("  REST answered %d: %s%n", response.statusCode(),
                            new String(response.body(), StandardCharsets.UTF_8));
                }
            } else {
                outcomes.get(IntakeResult.Outcome.CREATED).incrementAndGet();
            }
        });
        record("REST, " + threads + " client thread" + (threads > 1 ? "s" : ""), m, n, counted);
    }

    /** The limit: the same rows by one thread, 500 orders (2,000 rows) per batch and per commit. */
    private void rawBatch(int n, boolean counted) throws Exception {
        int base = nextPair.getAndAdd(n);
        Instant now = Instant.now();
        List<WoRows.Order> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(rawOrder(base + i, now));
        }
        String roles = String.join(",", operator.roles());
        long start = System.nanoTime();
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (WoRows w = new WoRows(c, false)) {
                for (int i = 0; i < n; i++) {
                    w.add(rows.get(i), operator.name(), operator.displayName(), roles);
                    if ((i + 1) % 500 == 0 || i == n - 1) {
                        w.flush();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        }
        long wall = System.nanoTime() - start;
        record("raw JDBC, batches of 500 orders, 1 thread", new Measured(wall, null), n, counted);
    }

    /** The same rows, but one transaction (and so one log flush) per order, as the kernel commits them. */
    private void rawTransactions(int threads, int n, boolean counted) throws Exception {
        int base = nextPair.getAndAdd(n);
        Instant now = Instant.now();
        List<WoRows.Order> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(rawOrder(base + i, now));
        }
        String roles = String.join(",", operator.roles());
        Measured m = measure(threads, n, i -> {
            try (Connection c = db.dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (WoRows w = new WoRows(c, false)) {
                    w.add(rows.get(i), operator.name(), operator.displayName(), roles);
                    w.flush();
                }
                c.commit();
                c.setAutoCommit(true);
            }
        });
        record("raw JDBC, 1 transaction per order, " + threads + " thread" + (threads > 1 ? "s" : ""), m, n,
                counted);
    }

    interface Task {
        void run(int i) throws Exception;
    }

    record Measured(long wallNanos, long[] latencies) {
    }

    /** Runs tasks 0..n-1 on {@code threads} threads taking the next index; the latency of each and the wall time. */
    private static Measured measure(int threads, int n, Task task) throws Exception {
        long[] lat = new long[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                go.await();
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    long s = System.nanoTime();
                    task.run(i);
                    lat[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        return new Measured(wall, lat);
    }

    private void record(String what, Measured m, int n, boolean counted) {
        double rate = n / (m.wallNanos() / 1e9);
        String lat = m.latencies() == null ? "" : String.format(", p50 %.2f ms, p99 %.2f ms",
                pct(m.latencies(), 50) / 1e6, pct(m.latencies(), 99) / 1e6);
        System.out.printf("  %-48s %,7d orders in %6.2f s: %,7.0f orders/s%s%n", what, n, m.wallNanos() / 1e9, rate,
                lat);
        if (counted) {
            rates.computeIfAbsent(what, k -> new ArrayList<>()).add(rate);
            if (m.latencies() != null) {
                latencies.merge(what, m.latencies(), (a, b) -> {
                    long[] all = Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
                });
            }
        }
    }

    private void printThroughput() {
        System.out.printf("%n== Intake throughput: orders created and routed per second (median of %d rounds; range)%n",
                options.rounds());
        double rawLimit = median(rates.get("raw JDBC, batches of 500 orders, 1 thread"));
        System.out.printf("%-50s | %9s | %17s | %9s | %9s | %8s | %s%n", "path", "orders/s", "range", "p50 ms",
                "p99 ms", "/ raw", "target");
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            List<Double> r = e.getValue();
            long[] lat = latencies.get(e.getKey());
            String target = e.getKey().startsWith("service") ? ">= 2,000/s" : e.getKey().startsWith("REST")
                    ? ">= 1,000/s" : "";
            double med = median(r);
            String verdict = target.isEmpty() ? "" : target + (med >= (e.getKey().startsWith("service") ? 2000 : 1000)
                    ? " met" : " MISSED");
            System.out.printf("%-50s | %,9.0f | %,7.0f – %,7.0f | %9s | %9s | %7.2f× | %s%n", e.getKey(), med,
                    r.stream().mapToDouble(d -> d).min().orElse(0), r.stream().mapToDouble(d -> d).max().orElse(0),
                    lat == null ? "" : String.format("%.2f", pct(lat, 50) / 1e6),
                    lat == null ? "" : String.format("%.2f", pct(lat, 99) / 1e6), med / rawLimit, verdict);
        }
        System.out.printf("Intake outcomes (all rounds and warm-up): %s; REST failures: %d%n", outcomes,
                restFailures.get());
    }

    /** What the service and REST rounds stored: routed as they should be, with a verifiable trail. */
    private void checkOrders() throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT COUNT(*), COUNT(assignee), COUNT(department), COUNT(route_rule_id),"
                    + " MIN(id), MAX(id) FROM og_workorder WHERE id < 10000000000");
            rs.next();
            long n = rs.getLong(1);
            System.out.printf("Orders through the kernel: %,d; with a grid worker %,d, with a department %,d (by a"
                    + " routing rule %,d); trail records %,d, idempotency keys %,d (raw rows included)%n", n,
                    rs.getLong(2), rs.getLong(3), rs.getLong(4), db.count("og_wo_trail"),
                    db.count("og_wo_idempotency"));
            long first = rs.getLong(5);
            long last = rs.getLong(6);
            for (long id : new long[] {first, (first + last) / 2, last}) {
                System.out.printf("  trail of order %d: %s%n", id, db.kernel.verifyTrail(operator, id));
            }
        }
    }

    // ---- 4-5: a million orders: list pages and the SLA scan --------------------------------------------------

    private void million() throws Exception {
        long existing = db.count("og_workorder");
        int toLoad = (int) Math.max(0, options.millionRows() - existing);
        section("loading " + String.format("%,d", toLoad) + " orders (a year of a county) by JDBC batches");
        Instant now = Instant.now();
        long t = System.nanoTime();
        loadOrders(toLoad, now, false);
        double secs = (System.nanoTime() - t) / 1e9;
        System.out.printf("  %,d rows in %.1f s (%,.0f rows/s); og_workorder now holds %,d orders; database %,d MiB%n",
                toLoad, secs, toLoad / secs, db.count("og_workorder"), db.sizeOnDisk() >> 20);
        printStateMix();
        load("after the load");
        String indexes = options.withListIndexes() ? "with V6" : "V1 indexes only";
        listLatency(indexes);
        scans("a year of orders (mostly closed), " + indexes);
        if (!options.withListIndexes()) {
            section("applying V6__list_indexes.sql to the full table");
            System.out.printf("  migration took %.1f s%n", db.applyListIndexes());
            listLatency("with V6");
            scans("a year of orders (mostly closed), with V6");
        }
        section("replacing them by 1,000,000 open orders (TRUNCATE, then JDBC batches)");
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE TABLE og_workorder");
        }
        t = System.nanoTime();
        loadOrders(options.millionRows(), now, true);
        secs = (System.nanoTime() - t) / 1e9;
        System.out.printf("  %,d rows in %.1f s (%,.0f rows/s)%n", options.millionRows(), secs,
                options.millionRows() / secs);
        printStateMix();
        scans("1,000,000 open orders, 5 % of them overdue, with V6");
        timerScan(now);
        load("after the scans");
    }

    /**
     * The kernel's own SLA scan ({@code SlaService.scan}, what {@code SlaScanner} runs every minute): one pending
     * OVERDUE timer per open order (1,000,000; those past their deadline are taken as already fired) and nothing due:
     * the cost of finding what is due, which a scan pays every minute. Firing is per timer and measured by the tests.
     */
    private void timerScan(Instant now) throws Exception {
        section("the kernel's SLA scan (SlaService.scan) over 1,000,000 pending timers");
        long t = System.nanoTime();
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO og_wo_sla_timer (order_id, timer_kind, step, status, due_at, created_at)"
                        + " SELECT id, 'OVERDUE', 0, 'PENDING', deadline, created_at FROM og_workorder"
                        + " WHERE deadline IS NOT NULL AND deadline > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            int timers = ps.executeUpdate();
            System.out.printf("  %,d pending timers inserted in %.1f s (orders already overdue have none)%n", timers,
                    (System.nanoTime() - t) / 1e9);
        }
        long[] idle = new long[20];
        SlaService.ScanReport report = null;
        for (int i = -2; i < idle.length; i++) {
            long s = System.nanoTime();
            report = db.kernel.sla().scan("bench");
            if (i >= 0) {
                idle[i] = System.nanoTime() - s;
            }
        }
        System.out.printf("    nothing due                          %s: median %8.1f ms, max %8.1f ms (%d runs)  target"
                + " < 1 s: %s%n", report, pct(idle, 50) / 1e6, pct(idle, 100) / 1e6, idle.length,
                pct(idle, 50) < 1_000_000_000L ? "met" : "MISSED");
    }

    /**
     * A county's year: created over the last 365 days (day-time heavy), the two urban towns three times as busy,
     * categories skewed (a few make most reports), states by age (old orders closed, recent ones in hand), deadlines
     * by the category's SLA kind. {@code allOpen}: the SLA worst case instead, every order open, created over the last
     * 30 days, deadlines from 36 h ago to 28.5 days ahead (5 % overdue).
     */
    private void loadOrders(int n, Instant now, boolean allOpen) throws Exception {
        Map<String, String> indexes = db.orderIndexes();
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String name : indexes.keySet()) {
                st.execute("DROP INDEX " + name);
            }
        }
        long t = System.nanoTime();
        insertOrders(n, now, allOpen);
        double insert = (System.nanoTime() - t) / 1e9;
        t = System.nanoTime();
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : indexes.values()) {
                st.execute(ddl);
            }
        }
        System.out.printf("  inserted in %.1f s (%,.0f rows/s; primary key and unique number kept), then %d secondary"
                + " indexes rebuilt in %.1f s: %s%n", insert, n / insert, indexes.size(),
                (System.nanoTime() - t) / 1e9, String.join(", ", indexes.keySet()).toLowerCase(java.util.Locale.ROOT));
    }

    private void insertOrders(int n, Instant now, boolean allOpen) throws Exception {
        Random r = new Random(allOpen ? SEED + 1 : SEED + 2);
        double[] catWeight = new double[minors.size()];
        List<Integer> rank = new ArrayList<>();
        for (int i = 0; i < minors.size(); i++) {
            rank.add(i);
        }
        java.util.Collections.shuffle(rank, r);
        for (int i = 0; i < minors.size(); i++) {
            catWeight[rank.get(i)] = 1 / Math.pow(i + 1, 0.8);
        }
        double[] catCum = cumulative(catWeight);
        String[] channels = {"HOTLINE", "QR", "HOTLINE_12345", "PATROL", "ALARM"};
        double[] chanCum = cumulative(new double[] {30, 35, 15, 15, 5});
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (WoRows w = new WoRows(c, true)) {
                for (int i = 0; i < n; i++) {
                    int town = r.nextInt(24);
                    town = town < 6 ? town / 3 : town - 4;
                    int village = r.nextInt(30);
                    int g = r.nextInt(9);
                    int row = (town / 4) * 15 + (village / 6) * 3 + g / 3;
                    int col = (town % 4) * 18 + (village % 6) * 3 + g % 3;
                    int cell = row * WoCounty.COLS + col;
                    String grid = county.gridOfCell[cell];
                    double[] p = WoCounty.pointIn(cell, r);
                    String category = minors.get(pick(catCum, r));
                    String channel = channels[pick(chanCum, r)];
                    Instant created;
                    String state;
                    Instant deadline;
                    if (allOpen) {
                        created = now.minusSeconds(r.nextInt(30 * 86_400));
                        state = pickState(r, new String[] {"SUBMITTED", "ACCEPTED", "DISPATCHED", "IN_PROGRESS",
                            "SUSPENDED", "RETURNED"}, new double[] {5, 5, 30, 50, 5, 5});
                        deadline = now.minusSeconds(36 * 3600).plusSeconds((long) (r.nextDouble() * 30 * 86_400));
                    } else {
                        created = now.minusSeconds((long) (r.nextDouble() * 365 * 86_400));
                        // most reports come in by day
                        ZonedDateTime z = created.atZone(ZONE);
                        int hour = r.nextDouble() < 0.8 ? 8 + r.nextInt(11) : r.nextInt(24);
                        created = z.with(LocalTime.of(hour, r.nextInt(60), r.nextInt(60))).toInstant();
                        if (created.isAfter(now)) {
                            created = created.minus(Duration.ofDays(1));
                        }
                        long ageDays = Duration.between(created, now).toDays();
                        state = ageDays > 30 ? pickState(r, new String[] {"CLOSED", "REJECTED", "VERIFIED", "RESOLVED",
                            "IN_PROGRESS", "DISPATCHED", "SUSPENDED"}, new double[] {88, 3, 3, 2, 2, 1, 1})
                                : ageDays > 3 ? pickState(r, new String[] {"CLOSED", "VERIFIED", "RESOLVED",
                                    "IN_PROGRESS", "DISPATCHED", "SUSPENDED", "REJECTED", "RETURNED"},
                                    new double[] {60, 8, 10, 10, 5, 3, 2, 2})
                                : pickState(r, new String[] {"SUBMITTED", "ACCEPTED", "DISPATCHED", "IN_PROGRESS",
                                    "RESOLVED", "CLOSED", "REJECTED", "RETURNED"},
                                    new double[] {15, 10, 25, 25, 10, 10, 3, 2});
                        SlaKind kind = SlaKind.valueOf(slaOf.get(category));
                        deadline = kind == SlaKind.MAJOR ? (r.nextDouble() < 0.6
                                ? created.plus(Duration.ofDays(7 + r.nextInt(24))) : null) : deadlineOf(kind, created);
                    }
                    boolean closed = state.equals("CLOSED") || state.equals("REJECTED");
                    Instant closedAt = closed ? min(created.plusSeconds(3600 + r.nextInt(5 * 86_400)), now) : null;
                    Instant updated = closedAt != null ? closedAt : min(created.plusSeconds(r.nextInt(86_400)), now);
                    Integer rating = state.equals("CLOSED") && r.nextDouble() < 0.7
                            ? new int[] {5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1}[r.nextInt(12)] : null;
                    String department = departmentOf.get(category).orElse(null);
                    String createdBy;
                    String kind;
                    switch (channel) {
                        case "HOTLINE" -> {
                            createdBy = WoDatabase.OPERATOR;
                            kind = "USER";
                        }
                        case "PATROL" -> {
                            createdBy = WoDatabase.gridWorker(grid);
                            kind = "USER";
                        }
                        case "QR" -> {
                            createdBy = null;
                            kind = Intake.RESIDENT;
                        }
                        default -> {
                            createdBy = channel.equals("ALARM") ? "iot-gateway" : "12345-adapter";
                            kind = "API_TOKEN";
                        }
                    }
                    long id = nextRawId.getAndIncrement();
                    boolean reporter = channel.equals("HOTLINE") || channel.equals("QR")
                            || channel.equals("HOTLINE_12345");
                    w.add(new WoRows.Order(id, "WO-" + DAY.format(created.atZone(ZONE)) + "-" + id, state, category,
                            1, channel, DESCRIPTIONS[r.nextInt(DESCRIPTIONS.length)], p[0], p[1], grid,
                            grid.substring(0, 9) + "000", department, WoDatabase.gridWorker(grid),
                            deadline == null ? null : Timestamp.from(deadline),
                            reporter ? NAMES[r.nextInt(NAMES.length)] : null,
                            reporter ? "139" + String.format("%08d", r.nextInt(100_000_000)) : null, createdBy, kind,
                            department == null ? "COMMAND_CENTRE" : "CATEGORY", null, Timestamp.from(created),
                            Timestamp.from(updated), closedAt == null ? null : Timestamp.from(closedAt), rating, null,
                            null, null), null, null, null);
                    if ((i + 1) % 1000 == 0 || i == n - 1) {
                        w.flush();
                    }
                    if ((i + 1) % 20_000 == 0 || i == n - 1) {
                        c.commit();
                    }
                    if ((i + 1) % 250_000 == 0) {
                        System.out.printf("  ... %,d%n", i + 1);
                    }
                }
            }
            c.setAutoCommit(true);
        }
    }

    private static String pickState(Random r, String[] states, double[] weights) {
        return states[pick(cumulative(weights), r)];
    }

    private static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cum[i] = sum;
        }
        for (int i = 0; i < cum.length; i++) {
            cum[i] /= sum;
        }
        return cum;
    }

    private static int pick(double[] cum, Random r) {
        double x = r.nextDouble();
        for (int i = 0; i < cum.length; i++) {
            if (x < cum[i]) {
                return i;
            }
        }
        return cum.length - 1;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void printStateMix() throws Exception {
        try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT state, COUNT(*) FROM og_workorder GROUP BY state ORDER BY 2 DESC")) {
            StringBuilder sb = new StringBuilder("  states:");
            while (rs.next()) {
                sb.append(String.format(" %s %,d;", rs.getString(1), rs.getLong(2)));
            }
            System.out.println(sb);
        }
    }

    record ListCase(String name, Caller caller, WorkOrderFilter filter, int page) {
    }

    private void listLatency(String indexes) throws Exception {
        String town = WoCounty.townCode(0);
        String village = WoCounty.villageCode(2, 7);
        String grid = WoDatabase.GRID_WORKER_GRID;
        Set<WorkOrderState> open = Set.of(WorkOrderState.DISPATCHED, WorkOrderState.IN_PROGRESS);
        List<ListCase> cases = new ArrayList<>();
        for (int page : new int[] {1, 50}) {
            cases.add(new ListCase("county: CLOSED, major 05, town " + town, operator,
                    new WorkOrderFilter(Set.of(WorkOrderState.CLOSED), "05", town, null, null, null, null, null, null),
                    page));
            cases.add(new ListCase("county: DISPATCHED+IN_PROGRESS, major 04, whole county", operator,
                    new WorkOrderFilter(open, "04", WoCounty.COUNTY, null, null, null, null, null, null), page));
            cases.add(new ListCase("county: CLOSED, minor " + minors.get(0) + ", village " + village, operator,
                    new WorkOrderFilter(Set.of(WorkOrderState.CLOSED), minors.get(0), village, null, null, null, null,
                            null, null), page));
            cases.add(new ListCase("grid worker: CLOSED, major 05, own grid", gridWorker,
                    new WorkOrderFilter(Set.of(WorkOrderState.CLOSED), "05", grid, null, null, null, null, null, null),
                    page));
            cases.add(new ListCase("grid worker: no filter (own grid)", gridWorker, WorkOrderFilter.all(), page));
        }
        section("list pages, " + indexes + " (WorkOrderService.list, size 20, sort -createdAt; " + options.listCalls()
                + " timed calls each after 10 warm-up calls, fewer (at least 5) if they take more than 15 s)");
        System.out.printf("%-62s | %4s | %9s | %5s | %8s | %8s | %8s | %8s | %s%n", "caller and filter", "page",
                "total", "calls", "p50 ms", "p95 ms", "p99 ms", "max ms", "target p99 < 100 ms");
        for (ListCase lc : cases) {
            PageRequest page = PageRequest.of(lc.page(), 20, SortOrder.desc("createdAt"));
            Page<WorkOrder> result = null;
            for (int i = 0; i < 10; i++) {
                result = db.kernel.list(lc.caller(), lc.filter(), page);
            }
            long[] lat = new long[options.listCalls()];
            long budget = System.nanoTime() + 15_000_000_000L;
            int calls = 0;
            while (calls < lat.length && (calls < 5 || System.nanoTime() < budget)) {
                long s = System.nanoTime();
                db.kernel.list(lc.caller(), lc.filter(), page);
                lat[calls++] = System.nanoTime() - s;
            }
            lat = Arrays.copyOf(lat, calls);
            double p99 = pct(lat, 99) / 1e6;
            System.out.printf("%-62s | %4d | %,9d | %5d | %8.1f | %8.1f | %8.1f | %8.1f | %s%n", lc.name(),
                    lc.page(), result.total(), calls, pct(lat, 50) / 1e6, pct(lat, 95) / 1e6, p99, pct(lat, 100) / 1e6,
                    (p99 < 100 ? "met" : "MISSED") + (result.items().isEmpty() ? " (page beyond the end)" : ""));
        }
        load("after the lists");
    }

    private void scans(String table) throws Exception {
        section("SLA scan over " + table);
        Instant now = Instant.now();
        List<OverdueScan> scans = List.of(OverdueScan.perState(db.dataSource), OverdueScan.inList(db.dataSource));
        for (OverdueScan scan : scans) {
            System.out.printf("  query: %s%n", scan.description());
            for (Instant since : new Instant[] {null, now.minusSeconds(60)}) {
                long[] lat = new long[since == null ? 5 : 20];
                int found = 0;
                for (int i = -2; i < lat.length; i++) {
                    long s = System.nanoTime();
                    found = scan.scan(since, now, id -> { });
                    if (i >= 0) {
                        lat[i] = System.nanoTime() - s;
                    }
                }
                double median = pct(lat, 50) / 1e6;
                System.out.printf("    %-44s %,9d orders: median %8.1f ms, max %8.1f ms (%d runs)  target < 1 s:"
                                + " %s%n", since == null ? "every overdue open order" : "due in the last minute",
                        found, median, pct(lat, 100) / 1e6, lat.length, median < 1000 ? "met" : "MISSED");
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static long pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(d -> d).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void section(String title) {
        System.out.printf("%n-- %s%n", title);
    }

    private static void load(String when) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("[load average %s: %.2f]%n", when, load);
    }

    private static long lastGcCount;
    private static long lastGcMillis;

    private static String gcSince() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += gc.getCollectionCount();
            millis += gc.getCollectionTime();
        }
        String s = String.format("%d collections, %d ms", count - lastGcCount, millis - lastGcMillis);
        lastGcCount = count;
        lastGcMillis = millis;
        return s;
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static final io.onegrid.workorder.internal.sla.SlaClock WEEKDAYS =
            new io.onegrid.workorder.internal.sla.SlaClock(io.onegrid.workorder.internal.sla.WorkingCalendar.weekdays());

    /** The deadline the SLA clock gives a started order of this kind (weekdays only; major orders agree theirs). */
    private static Instant deadlineOf(SlaKind kind, Instant start) {
        return kind == SlaKind.MAJOR ? null : WEEKDAYS.deadline(kind.clock(), start, 5, null);
    }
}
