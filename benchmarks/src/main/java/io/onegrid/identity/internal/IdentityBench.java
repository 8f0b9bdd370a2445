package io.onegrid.identity.internal;

import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.io.ByteArrayInputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Load harness for issue "Identity": region import, sign-in, and the per-request checks (scope, token), on the real
 * classes of the identity and persistence bundles over embedded Derby. Prints figures; asserts nothing.
 *
 * <pre>mvn -B -q -f benchmarks/pom.xml package exec:exec</pre> or, after {@code package},
 * <pre>java -Xms1g -Xmx1g -jar benchmarks/target/onegrid-benchmarks.jar</pre>
 *
 * Options: {@code --work DIR} (on-disk databases; default benchmarks/target/bench), {@code --reps N} imports per
 * database kind (6), {@code --logins N} (100), {@code --scope-calls N} calls per timed round of a scope check
 * (5,000,000), {@code --auth-calls N} timed token look-ups per database (20,000).
 */
public final class IdentityBench {

    private static final long SEED = 20261124L;
    private static final String PASSWORD = "benchmark-password-1";
    private static final String ADDRESS = "192.0.2.10";

    private IdentityBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path target = buildFolder();
        Path work = opts.containsKey("work") ? Path.of(opts.get("work")) : target.resolve("bench");
        // before Derby and SLF4J start: Derby's log beside the jar, and only warnings (the bundles log at INFO)
        System.getProperties().putIfAbsent("derby.stream.error.file", target.resolve("derby.log").toString());
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // "OneGrid has no account yet ..." on every fresh database
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log." + AccountService.class.getName(), "error");
        int reps = Integer.parseInt(opts.getOrDefault("reps", "6"));
        int logins = Integer.parseInt(opts.getOrDefault("logins", "100"));
        int scopeCalls = Integer.parseInt(opts.getOrDefault("scope-calls", "5000000"));
        int authCalls = Integer.parseInt(opts.getOrDefault("auth-calls", "20000"));
        long started = System.nanoTime();
        BenchDatabase.deleteTree(work);

        CountyTree tree = CountyTree.generate(SEED);
        byte[] csv = tree.csv();
        System.out.printf("OneGrid identity benchmark, %s%n", LocalDateTime.now().format(
                DateTimeFormatter.ISO_LOCAL_DATE_TIME.withLocale(Locale.ROOT)).substring(0, 16));
        System.out.printf("machine: %d cores, Java %s (%s), max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("tree: %s; regions.csv %,d bytes (seed %d)%n", tree.summary(), csv.length, SEED);
        System.out.printf("load average at start: %s%n", load());
        if (loadNow() > Runtime.getRuntime().availableProcessors() / 2.0) {
            System.out.printf("NOTE: the machine is busy; the figures below will be slower and noisier than on an idle"
                    + " one.%n");
        }
        Gc gc = new Gc();

        // ---- (a) import ----------------------------------------------------------------------------------------
        // The caller a county would import with: the county administrator, scoped to the county.
        Caller countyAdmin = new Caller("county.admin", "县级管理员", Caller.Kind.USER, 1L, Set.of(Roles.COUNTY_ADMIN),
                Set.of("*"), AccountService.scopeOf(CountyTree.COUNTY, null, false));
        List<String> rawDdl = new ArrayList<>();
        for (String statement : BenchDatabase.regionTableDdl()) {
            rawDdl.add(statement.replace("og_region", "og_region_raw"));
        }
        System.out.printf("%n(a) Region import: JpaRegionService.importCsv(county admin, regions.csv) vs. plain%n");
        say("JDBC batch inserts (1,000 per batch, one transaction) into og_region_raw, created by the");
        say("same DDL as og_region; fresh database per run, Hikari pool as in etc/; odd runs JDBC first.");
        say("%-10s %4s %12s %12s %8s %12s", "database", "run", "importCsv", "JDBC batch", "ratio",
                "rows/s (JPA)");
        BenchDatabase memory = null;
        BenchDatabase disk = null;
        Map<String, double[]> jpaSeconds = new HashMap<>();
        Map<String, double[]> rawSeconds = new HashMap<>();
        for (int rep = 0; rep < reps; rep++) {
            // kinds alternate so that both see the same JIT warmth; run 1 is the cold first import of a JVM
            for (String kind : List.of("in-memory", "on-disk")) {
                double[] jpa = jpaSeconds.computeIfAbsent(kind, k -> new double[reps]);
                double[] raw = rawSeconds.computeIfAbsent(kind, k -> new double[reps]);
                BenchDatabase db = kind.equals("in-memory") ? BenchDatabase.inMemory("bench" + rep)
                        : BenchDatabase.onDisk(work.resolve("derby-" + rep));
                try (Connection c = db.dataSource.getConnection(); Statement st = c.createStatement()) {
                    for (String ddl : rawDdl) {
                        st.execute(ddl);
                    }
                }
                if (rep % 2 == 0) {
                    raw[rep] = rawInsert(db, tree);
                    jpa[rep] = importCsv(db, countyAdmin, csv, tree);
                } else {
                    jpa[rep] = importCsv(db, countyAdmin, csv, tree);
                    raw[rep] = rawInsert(db, tree);
                }
                long jpaRows = db.count("og_region");
                long rawRows = db.count("og_region_raw");
                if (jpaRows != tree.rows.size() || rawRows != tree.rows.size()) {
                    throw new IllegalStateException("rows: og_region " + jpaRows + ", og_region_raw " + rawRows);
                }
                say("%-10s %4d %10.2f s %10.3f s %7.1fx %,12.0f", kind, rep + 1, jpa[rep],
                        raw[rep], jpa[rep] / raw[rep], tree.rows.size() / jpa[rep]);
                if (rep < reps - 1) {
                    db.close();
                    System.gc();
                } else if (kind.equals("in-memory")) {
                    memory = db;
                } else {
                    disk = db;
                }
            }
        }
        if (reps > 1) {
            for (String kind : List.of("in-memory", "on-disk")) {
                double jpa = median(Arrays.copyOfRange(jpaSeconds.get(kind), 1, reps));
                double raw = median(Arrays.copyOfRange(rawSeconds.get(kind), 1, reps));
                say("%-10s %4s %10.2f s %10.3f s %7.1fx %,12.0f   <- median of runs 2-%d (warm)",
                        kind, "2-" + reps, jpa, raw, jpa / raw, tree.rows.size() / jpa, reps);
            }
        }
        gc.print("imports");
        double[] parse = new double[5];
        for (int i = 0; i < parse.length; i++) {
            long t0 = System.nanoTime();
            List<?> parsed = RegionCsvReader.read(new ByteArrayInputStream(csv), code -> false, countyAdmin.scope());
            parse[i] = (System.nanoTime() - t0) / 1e9;
            if (parsed.size() != tree.rows.size()) {
                throw new IllegalStateException("parsed " + parsed.size());
            }
        }
        say("of which reading and checking the CSV alone (RegionCsvReader.read, no database):");
        say("%.3f s median of %d (%.1f µs per row)", median(parse), parse.length,
                median(parse) * 1e6 / tree.rows.size());

        // ---- (b) sign-in ---------------------------------------------------------------------------------------
        String gridCode = "370322105207003";
        gc.collect();
        System.out.printf("%n(b) Sign-in: AccountService.login(user, password, address), PBKDF2-HMAC-SHA256 at the%n");
        say("default %,d iterations, for a grid worker of %s on the on-disk database (as deployed);",
                disk.config.passwordIterations(), gridCode);
        say("%d timed sign-ins after 3 warm-up ones. Each: user look-up, hash check, session row, audit", logins);
        say("record (2 commits).");
        disk.accounts.createAccount("grid.worker", "网格员甲", PASSWORD, gridCode, null, Set.of("grid-worker"),
                "benchmark");
        List<String> diskTokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            diskTokens.add(disk.accounts.login("grid.worker", PASSWORD, ADDRESS).token());
        }
        long[] loginNs = new long[logins];
        for (int i = 0; i < logins; i++) {
            long t0 = System.nanoTime();
            AccountModel.Session session = disk.accounts.login("grid.worker", PASSWORD, ADDRESS);
            loginNs[i] = System.nanoTime() - t0;
            diskTokens.add(session.token());
        }
        PasswordHasher hasher = new PasswordHasher(disk.config.passwordIterations());
        String stored = hasher.hash(PASSWORD);
        for (int i = 0; i < 3; i++) {
            hasher.verify(PASSWORD, stored);
        }
        long[] verifyNs = new long[logins];
        long[] verifyCpuNs = new long[logins];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < logins; i++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            if (!hasher.verify(PASSWORD, stored)) {
                throw new IllegalStateException("verify");
            }
            verifyNs[i] = System.nanoTime() - t0;
            verifyCpuNs[i] = threads.getCurrentThreadCpuTime() - cpu0;
        }
        long[] unknownNs = new long[10];
        for (int i = 0; i < unknownNs.length; i++) {
            long t0 = System.nanoTime();
            try {
                disk.accounts.login("no.such.user" + i, PASSWORD, ADDRESS);
                throw new IllegalStateException("an unknown user signed in");
            } catch (ProblemException expected) {
                unknownNs[i] = System.nanoTime() - t0;
            }
        }
        say("%-44s %9s %9s %9s %9s", "", "mean", "p50", "p99", "max");
        printMs("login, right password (" + logins + ")", loginNs);
        printMs("PasswordHasher.verify alone (" + logins + ")", verifyNs);
        printMs("  the same, CPU time of the thread", verifyCpuNs);
        printMs("login, unknown user name (" + unknownNs.length + ", burns a hash)", unknownNs);
        int cores = Runtime.getRuntime().availableProcessors();
        say("sign-in beyond the hash: %.1f ms (p50 login - p50 verify)",
                (percentile(loginNs, 50) - percentile(verifyNs, 50)) / 1e6);
        say("ceiling: about %.0f sign-ins/s per core, %.0f on all %d cores with nothing else running",
                1e9 / mean(loginNs), cores * 1e9 / mean(loginNs), cores);
        gc.print("sign-in");

        // ---- (c) per-request checks ----------------------------------------------------------------------------
        System.out.printf("%n(c) Per-request checks%n");
        gc.collect();
        scopeChecks(tree, scopeCalls);
        gc.print("scope checks");

        memory.accounts.createAccount("grid.worker", "网格员甲", PASSWORD, gridCode, null, Set.of("grid-worker"),
                "benchmark");
        List<String> memoryTokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            memoryTokens.add(memory.accounts.login("grid.worker", PASSWORD, ADDRESS).token());
        }
        System.out.println();
        say("AccountService.authenticate(token) -> Caller: SHA-256 of the token, token row by its unique");
        say("hash, user row by id, permissions from the role cache; one thread. Per database: %,d warm-up",
                authCalls / 2);
        say("calls, then %,d timed calls with valid session tokens (taken in turn from the sign-ins above)",
                authCalls);
        say("and %,d with unknown tokens, interleaved between the databases.", authCalls / 2);
        List<String> unknown = List.of(Tokens.newToken(), Tokens.newToken(), Tokens.newToken());
        for (BenchDatabase db : List.of(memory, disk)) {
            authenticate(db, db == memory ? memoryTokens : diskTokens, authCalls / 4);
            authenticate(db, unknown, authCalls / 4);
        }
        long liveBefore = Gc.liveMiB();
        gc.reset();
        // in the order A B B A, in two halves each, so that drift (JIT, caches, the machine) falls on both alike
        Map<String, List<long[]>> samples = new java.util.LinkedHashMap<>();
        for (BenchDatabase db : List.of(memory, disk, disk, memory)) {
            List<String> tokens = db == memory ? memoryTokens : diskTokens;
            samples.computeIfAbsent(db.label + ", valid session", k -> new ArrayList<>())
                    .add(authenticate(db, tokens, authCalls / 2));
            samples.computeIfAbsent(db.label + ", unknown token", k -> new ArrayList<>())
                    .add(authenticate(db, unknown, authCalls / 4));
        }
        say("%-30s %9s %9s %9s %9s %11s", "", "mean", "p50", "p99", "max", "calls/s");
        samples.forEach((what, halves) -> printUs(what, concat(halves)));
        gc.print("token look-ups");
        say("(live heap after a full GC: %d MiB before the timed look-ups, %d MiB after)", liveBefore,
                Gc.liveMiB());
        long audits = disk.count("og_audit");
        memory.close();
        disk.close();
        BenchDatabase.deleteTree(work);
        System.out.printf("%n(on-disk audit log after the run: %,d records)%n", audits);
        System.out.printf("load average at the end: %s%n", load());
        System.out.printf("total %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** The folder that holds this class's jar or class folder: {@code benchmarks/target}. */
    private static Path buildFolder() throws java.net.URISyntaxException {
        Path location = Path.of(IdentityBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParent() == null ? Path.of(".") : location.getParent();
    }

    // ---- (a) ---------------------------------------------------------------------------------------------------

    private static double importCsv(BenchDatabase db, Caller caller, byte[] csv, CountyTree tree) {
        long t0 = System.nanoTime();
        RegionImportReport report = db.regions.importCsv(caller, new ByteArrayInputStream(csv));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (report.created() != tree.rows.size()) {
            throw new IllegalStateException("imported " + report);
        }
        return seconds;
    }

    /** The floor: the same rows, as the entity would store them, by prepared-statement batches in one transaction. */
    private static double rawInsert(BenchDatabase db, CountyTree tree) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO og_region_raw (code, name, parent_code,"
                    + " region_level, area, boundary_ref, version) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (CountyTree.Row row : tree.rows) {
                    ps.setString(1, row.code());
                    ps.setString(2, row.name());
                    ps.setString(3, row.parentCode().isEmpty() ? null : row.parentCode());
                    ps.setString(4, row.kind().toUpperCase(Locale.ROOT));
                    ps.setString(5, row.area().toUpperCase(Locale.ROOT));
                    ps.setString(6, null);
                    ps.setLong(7, 1);
                    ps.addBatch();
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    // ---- (c) ---------------------------------------------------------------------------------------------------

    private static void scopeChecks(CountyTree tree, int callsPerRound) {
        int size = 1 << 16;
        Random random = new Random(SEED);
        RegionCode[] items = new RegionCode[size];
        String[] codes = new String[size];
        String[] departments = new String[size];
        String[] departmentChoice = {null, null, null, "water", "t105-enforcement", "market"};
        for (int i = 0; i < size; i++) {
            CountyTree.Row row = tree.rows.get(random.nextInt(tree.rows.size()));
            codes[i] = row.code();
            items[i] = RegionCode.parse(row.code());
            departments[i] = departmentChoice[random.nextInt(departmentChoice.length)];
        }
        Map<String, DataScope> callers = new java.util.LinkedHashMap<>();
        callers.put("county  370322000000", AccountService.scopeOf("370322000000", null, false));
        callers.put("town    370322105000", AccountService.scopeOf("370322105000", null, false));
        callers.put("village 370322105207", AccountService.scopeOf("370322105207", null, false));
        callers.put("grid    370322105207003", AccountService.scopeOf("370322105207003", null, false));
        callers.put("dept.   water (no region)", AccountService.scopeOf(null, "water", false));
        int rounds = 5;
        say("DataScope checks, one thread, against %,d items drawn at random from the whole tree",
                size);
        say("(so 81%% micro-grids, as the tree is); each figure: median of %d rounds of %,d calls after",
                rounds, callsPerRound);
        say("2 warm-up rounds: ns per call (fastest round), and bytes the call allocates on the heap.");
        say("Scopes as AccountService.scopeOf builds them.");
        say("%-28s %8s %28s %28s", "caller", "in scope", "coversRegion(code)", "covers(code, dept)");
        for (Map.Entry<String, DataScope> caller : callers.entrySet()) {
            DataScope scope = caller.getValue();
            long inScope = 0;
            long visible = 0;
            for (int i = 0; i < size; i++) {
                inScope += scope.coversRegion(items[i]) ? 1 : 0;
                visible += scope.covers(items[i], departments[i]) ? 1 : 0;
            }
            double[] region = new double[rounds];
            double[] both = new double[rounds];
            double regionBytes = 0;
            double bothBytes = 0;
            for (int r = -2; r < rounds; r++) {
                long bytes0 = allocatedBytes();
                long t0 = System.nanoTime();
                long hits = loopCoversRegion(scope, items, callsPerRound);
                double a = (System.nanoTime() - t0) / (double) callsPerRound;
                long bytes1 = allocatedBytes();
                t0 = System.nanoTime();
                hits += loopCovers(scope, items, departments, callsPerRound);
                double b = (System.nanoTime() - t0) / (double) callsPerRound;
                regionBytes = (bytes1 - bytes0) / (double) callsPerRound;
                bothBytes = (allocatedBytes() - bytes1) / (double) callsPerRound;
                if (hits < 0) {
                    System.out.print("");
                }
                if (r >= 0) {
                    region[r] = a;
                    both[r] = b;
                }
            }
            say("%-28s %7.2f%% %8.1f ns (%5.1f) %5.0f B %8.1f ns (%5.1f) %5.0f B   [covers: %.1f%% visible]",
                    caller.getKey(), 100.0 * inScope / size, median(region), min(region), regionBytes, median(both),
                    min(both), bothBytes, 100.0 * visible / size);
        }
        double[] parse = new double[rounds];
        for (int r = -2; r < rounds; r++) {
            long t0 = System.nanoTime();
            long levels = loopParse(codes, callsPerRound / 5);
            double ns = (System.nanoTime() - t0) / (double) (callsPerRound / 5);
            if (levels < 0) {
                System.out.print("");
            }
            if (r >= 0) {
                parse[r] = ns;
            }
        }
        say("for comparison, RegionCode.parse(String) of the same items: %.1f ns per call (%.1f)",
                median(parse), min(parse));
    }

    /** Heap bytes this thread has allocated so far (HotSpot). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long loopCoversRegion(DataScope scope, RegionCode[] items, int calls) {
        long hits = 0;
        int mask = items.length - 1;
        for (int i = 0; i < calls; i++) {
            if (scope.coversRegion(items[i & mask])) {
                hits++;
            }
        }
        return hits;
    }

    private static long loopCovers(DataScope scope, RegionCode[] items, String[] departments, int calls) {
        long hits = 0;
        int mask = items.length - 1;
        for (int i = 0; i < calls; i++) {
            if (scope.covers(items[i & mask], departments[i & mask])) {
                hits++;
            }
        }
        return hits;
    }

    private static long loopParse(String[] codes, int calls) {
        long sum = 0;
        int mask = codes.length - 1;
        for (int i = 0; i < calls; i++) {
            sum += RegionCode.parse(codes[i & mask]).level().ordinal();
        }
        return sum;
    }

    private static long[] authenticate(BenchDatabase db, List<String> tokens, int calls) {
        long[] ns = new long[calls];
        int found = 0;
        for (int i = 0; i < calls; i++) {
            String token = tokens.get(i % tokens.size());
            long t0 = System.nanoTime();
            Optional<Caller> caller = db.accounts.authenticate(token);
            ns[i] = System.nanoTime() - t0;
            found += caller.isPresent() ? 1 : 0;
        }
        if (found != 0 && found != calls) {
            throw new IllegalStateException(found + " of " + calls + " tokens authenticated");
        }
        return ns;
    }

    // ---- figures -----------------------------------------------------------------------------------------------

    /** One indented line of the report. */
    private static void say(String format, Object... args) {
        System.out.printf("    " + format + "%n", args);
    }

    /** Garbage collections since the last report, so that a pause in the figures can be told from the code. */
    private static final class Gc {
        private long count;
        private long millis;

        Gc() {
            reset();
        }

        /** Starts the next section on a collected heap, so that it does not pay for the garbage of the last one. */
        void collect() {
            System.gc();
            reset();
        }

        /** Heap in use after a full collection. */
        static long liveMiB() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        }

        void reset() {
            count = total(GarbageCollectorMXBean::getCollectionCount);
            millis = total(GarbageCollectorMXBean::getCollectionTime);
        }

        void print(String section) {
            say("(during %s: %d garbage collections, %,d ms in them; load average now %s)",
                    section, total(GarbageCollectorMXBean::getCollectionCount) - count,
                    total(GarbageCollectorMXBean::getCollectionTime) - millis, load());
            reset();
        }

        private static long total(java.util.function.ToLongFunction<GarbageCollectorMXBean> f) {
            return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(f).filter(v -> v > 0).sum();
        }
    }

    private static double loadNow() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The 1-, 5- and 15-minute load averages: other work on the machine shows in the figures. */
    private static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static void printMs(String what, long[] ns) {
        say("%-44s %6.1f ms %6.1f ms %6.1f ms %6.1f ms", what, mean(ns) / 1e6,
                percentile(ns, 50) / 1e6, percentile(ns, 99) / 1e6, percentile(ns, 100) / 1e6);
    }

    private static void printUs(String what, long[] ns) {
        say("%-30s %6.0f µs %6.0f µs %6.0f µs %6.1f ms %,11.0f", what, mean(ns) / 1e3,
                percentile(ns, 50) / 1e3, percentile(ns, 99) / 1e3, percentile(ns, 100) / 1e6, 1e9 / mean(ns));
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        Set<String> known = new HashSet<>(List.of("work", "reps", "logins", "scope-calls", "auth-calls"));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name) || i + 1 >= args.length) {
                System.err.println("usage: IdentityBench [--work DIR] [--reps N] [--logins N] [--scope-calls N]"
                        + " [--auth-calls N]");
                System.exit(2);
            }
            opts.put(name, args[++i]);
        }
        return opts;
    }
}
