package io.onegrid.workorder.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onegrid.address.internal.geo.GridIndex;
import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.security.Caller;
import io.onegrid.identity.internal.BenchDatabase;
import io.onegrid.identity.internal.BenchIdentity;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

/**
 * One on-disk OneGrid database as a running installation has it: embedded Derby behind the Hikari pool of
 * {@code etc/org.ops4j.datasource-onegrid.cfg}, the core, identity and workorder migrations from the bundle jars, the
 * three persistence units, the region tree, departments, one grid worker per grid and a hotline operator; and on top
 * the real {@link WorkOrderKernel} routing through a real {@link GridIndex} and the real account and department
 * services.
 */
final class WoDatabase implements AutoCloseable {

    static final String PASSWORD = "Bench-2026-workorders";
    static final String OPERATOR = "hotline1";
    /** The grid worker whose list the bench reads (an urban grid: the busiest kind). */
    static final String GRID_WORKER_GRID = WoCounty.gridCode(0, 0);
    static final List<String> DEPARTMENTS = List.of("water", "natural-resources", "enforcement", "market",
            "emergency", "environment");

    final HikariDataSource dataSource;
    final EntityManagerFactory coreUnit;
    final EntityManagerFactory identityUnit;
    final EntityManagerFactory workorderUnit;
    final BenchIdentity identity;
    final GridIndex grids;
    final WorkOrderKernel kernel;
    final int migrations;
    private final MigrationRunner runner;
    private final String dialect;
    private final String url;
    private final Path folder;

    WoDatabase(Path folder, WoCounty county, boolean withListIndexes) throws Exception {
        if (Files.exists(folder)) {
            BenchDatabase.deleteTree(folder);
        }
        Files.createDirectories(folder.getParent());
        this.folder = folder;
        this.url = "jdbc:derby:" + folder.toAbsolutePath();
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url + ";create=true");
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("onegrid-wobench");
        this.dataSource = new HikariDataSource(hikari);
        this.runner = new MigrationRunner(dataSource);
        this.dialect = runner.dialect();
        runner.migrate("core", ScriptSet.select("core", BenchDatabase.scripts("db/core/"), dialect));
        runner.migrate("identity", ScriptSet.select("identity", BenchDatabase.scripts("db/identity/"), dialect));
        List<ScriptSet.ScriptFile> wo = new ArrayList<>(BenchDatabase.scripts("db/workorder/"));
        if (!withListIndexes) {
            wo.removeIf(f -> f.name().startsWith("V6__"));
        }
        this.migrations = wo.size();
        runner.migrate("workorder", ScriptSet.select("workorder", wo, dialect));
        this.coreUnit = unit("onegrid-core");
        this.identityUnit = unit("onegrid-identity");
        this.workorderUnit = unit("onegrid-workorder");
        this.identity = new BenchIdentity(coreUnit, identityUnit);
        this.grids = new GridIndex(county.features);
        populate(county);
        // Reports carry a point only (a phone's GPS on the QR page, a hotline operator's map click): the address
        // directory is never asked, and says so if it is.
        AddressDirectory noAddresses = (caller, code) -> {
            throw new IllegalStateException("the bench submits points, not address codes");
        };
        this.kernel = new WorkOrderKernel(workorderUnit, dialect, grids, noAddresses, identity.accounts,
                identity.departments, identity.regions, WorkOrderConfigValues.DEFAULTS, Clock.systemUTC());
        addRoutingRules();
    }

    /** Applies the V6 list indexes through the migration runner, as an upgrade on a full table would; seconds. */
    double applyListIndexes() throws Exception {
        long t = System.nanoTime();
        runner.migrate("workorder", ScriptSet.select("workorder", BenchDatabase.scripts("db/workorder/"), dialect));
        return (System.nanoTime() - t) / 1e9;
    }

    private EntityManagerFactory unit(String name) {
        return Persistence.createEntityManagerFactory(name, Map.of(
                "openjpa.ConnectionFactory", dataSource,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", dataSource));
    }

    /**
     * Regions through the real import, departments through the real service, two accounts through the real
     * {@code createAccount} (the operator and the grid worker who sign in), and the other 5,399 grid workers by JDBC
     * with the same password hash: hashing 5,400 passwords at 310,000 PBKDF2 iterations would take six minutes and
     * the bench never signs them in.
     */
    private void populate(WoCounty county) throws SQLException {
        identity.regions.importCsv(Caller.SYSTEM, new ByteArrayInputStream(county.regionsCsv()
                .getBytes(StandardCharsets.UTF_8)));
        for (String d : DEPARTMENTS) {
            identity.departments.save(Caller.SYSTEM, new Department(d, d, List.of(WoCounty.COUNTY)), true);
        }
        identity.accounts.createAccount(OPERATOR, "县热线话务员", PASSWORD, WoCounty.COUNTY, null,
                Set.of(Roles.TOWN_OPERATOR), "bench");
        identity.accounts.createAccount(gridWorker(GRID_WORKER_GRID), "网格员", PASSWORD, GRID_WORKER_GRID, null,
                Set.of(Roles.GRID_WORKER), "bench");
        try (Connection c = dataSource.getConnection()) {
            String hash;
            String roles;
            try (PreparedStatement q = c.prepareStatement("SELECT password_hash, roles FROM og_user WHERE username = ?")) {
                q.setString(1, gridWorker(GRID_WORKER_GRID));
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    hash = rs.getString(1);
                    roles = rs.getString(2);
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO og_user (username, display_name, "
                    + "password_hash, region_code, roles, enabled, failed_logins, created_at, version) "
                    + "VALUES (?, ?, ?, ?, ?, TRUE, 0, ?, 1)")) {
                Timestamp now = new Timestamp(System.currentTimeMillis());
                for (String grid : county.gridOfCell) {
                    if (grid.equals(GRID_WORKER_GRID)) {
                        continue;
                    }
                    ins.setString(1, gridWorker(grid));
                    ins.setString(2, "网格员");
                    ins.setString(3, hash);
                    ins.setString(4, grid);
                    ins.setString(5, roles);
                    ins.setTimestamp(6, now);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            c.commit();
        }
    }

    /** A few town-level routing rules, as counties make them: the rule look-up then has candidates to weigh. */
    private void addRoutingRules() {
        String[][] rules = {{"0403", WoCounty.townCode(0), "enforcement"}, {"0403", WoCounty.townCode(1),
                "enforcement"}, {"0106", WoCounty.townCode(0), "environment"}, {"0502", null, "emergency"},
                {"0503", WoCounty.townCode(5), "natural-resources"}};
        for (String[] r : rules) {
            kernel.rules().create(Caller.SYSTEM, r[0], r[1], r[2], "bench: town arrangement");
        }
    }

    /**
     * The secondary indexes of {@code og_workorder} that exist now, as the migrations create them (name &rarr;
     * statement): a bulk load drops them and builds them again afterwards, by one sort each instead of a million
     * B-tree inserts each.
     */
    Map<String, String> orderIndexes() throws Exception {
        Map<String, String> ddl = new LinkedHashMap<>();
        java.util.regex.Pattern create = java.util.regex.Pattern.compile(
                "(?is)\\s*CREATE\\s+INDEX\\s+(\\w+)\\s+ON\\s+og_workorder\\s*\\(.*");
        for (var script : ScriptSet.select("workorder", BenchDatabase.scripts("db/workorder/"), dialect)) {
            for (String statement : script.statements()) {
                var m = create.matcher(statement);
                if (m.matches()) {
                    ddl.put(m.group(1).toUpperCase(java.util.Locale.ROOT), statement);
                }
            }
        }
        Map<String, String> existing = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT c.conglomeratename FROM sys.sysconglomerates c"
                        + " JOIN sys.systables t ON c.tableid = t.tableid WHERE t.tablename = 'OG_WORKORDER'"
                        + " AND c.isindex")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (ddl.containsKey(name)) {
                    existing.put(name, ddl.get(name));
                }
            }
        }
        return existing;
    }

    static String gridWorker(String grid) {
        return "gw" + grid;
    }

    /** Minor category code &rarr; its SLA kind, from the migrated category table. */
    Map<String, String> minorCategories() throws SQLException {
        Map<String, String> minors = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT code, sla_kind FROM og_wo_category WHERE parent_code IS NOT NULL"
                        + " ORDER BY code")) {
            while (rs.next()) {
                minors.put(rs.getString(1), rs.getString(2));
            }
        }
        return minors;
    }

    /** Category code &rarr; responsible department (or null: the command centre), as routing finds it by category. */
    Map<String, Optional<String>> categoryDepartments() throws SQLException {
        Map<String, Optional<String>> map = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT code, department FROM og_wo_category")) {
            while (rs.next()) {
                map.put(rs.getString(1), Optional.ofNullable(rs.getString(2)));
            }
        }
        return map;
    }

    long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bytes on disk of the database folder. */
    long sizeOnDisk() throws java.io.IOException {
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Override
    public void close() throws Exception {
        workorderUnit.close();
        identityUnit.close();
        coreUnit.close();
        dataSource.close();
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // Derby answers a successful shutdown with an exception (08006)
        }
        BenchDatabase.deleteTree(folder);
    }
}
