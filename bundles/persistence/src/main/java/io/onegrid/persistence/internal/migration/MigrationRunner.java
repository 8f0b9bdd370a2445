package io.onegrid.persistence.internal.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one schema module to the newest version its scripts describe.
 *
 * <p>All pending scripts of a module run in one transaction that first takes an exclusive lock on the history table,
 * so two nodes starting at once apply each script exactly once, and a failing script leaves nothing of the module's
 * upgrade behind (Derby and PostgreSQL both roll back DDL).
 */
public final class MigrationRunner {

    static final String HISTORY_TABLE = "og_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final DataSource dataSource;

    public MigrationRunner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code derby} or {@code postgresql}, chosen from the connected database's product name. */
    public String dialect() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return dialectOf(c.getMetaData());
        }
    }

    static String dialectOf(DatabaseMetaData meta) throws SQLException {
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("derby")) {
            return "derby";
        }
        if (product.contains("postgres")) {
            return "postgresql";
        }
        throw new SQLException("OneGrid supports Apache Derby and PostgreSQL, not " + meta.getDatabaseProductName());
    }

    /**
     * Applies the module's pending scripts.
     *
     * @return the module's version afterwards
     * @throws MigrationException when the database is newer than the scripts, an applied script changed, or a script
     *                            failed (then nothing of this run is kept)
     */
    public int migrate(String module, List<MigrationScript> scripts) throws MigrationException {
        int known = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        try (Connection c = dataSource.getConnection()) {
            ensureHistoryTable(c);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement lock = c.createStatement()) {
                    lock.execute("LOCK TABLE " + HISTORY_TABLE + " IN EXCLUSIVE MODE");
                }
                Map<Integer, String> applied = appliedChecksums(c, module);
                int current = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                if (current > known) {
                    throw new MigrationException("Database schema of module '" + module + "' is at version " + current
                            + ", newer than version " + known + " that this OneGrid knows. Refusing to start module '"
                            + module + "': run the OneGrid release that wrote this database, or restore a backup"
                            + " taken before the upgrade.", null);
                }
                for (MigrationScript script : scripts) {
                    String checksum = applied.get(script.version());
                    if (checksum != null) {
                        if (!checksum.equals(script.checksum())) {
                            throw new MigrationException("Migration V" + script.version() + " of module '" + module
                                    + "' was changed after it was applied (checksum differs). Refusing to start module '"
                                    + module + "': restore the original script; add changes as a new version.", null);
                        }
                        continue;
                    }
                    apply(c, module, script);
                }
                c.commit();
                return Math.max(current, known);
            } catch (MigrationException | SQLException | RuntimeException e) {
                rollbackQuietly(c);
                if (e instanceof MigrationException me) {
                    throw me;
                }
                throw new MigrationException("Migrating module '" + module + "' failed and was rolled back: "
                        + e.getMessage(), e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new MigrationException("Cannot reach the database to migrate module '" + module + "': "
                    + e.getMessage(), e);
        }
    }

    /** The version recorded for a module, 0 when none. */
    public int currentVersion(String module) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!historyTableExists(c)) {
                return 0;
            }
            return appliedChecksums(c, module).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private void apply(Connection c, String module, MigrationScript script) throws SQLException {
        LOG.info("Applying schema migration {} V{} ({})", module, script.version(), script.description());
        try (Statement st = c.createStatement()) {
            for (String sql : script.statements()) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("V" + script.version() + " (" + script.description() + ") failed at: "
                            + firstLine(sql) + " -- " + e.getMessage(), e.getSQLState(), e);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + HISTORY_TABLE
                + " (module, version, description, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, module);
            ps.setInt(2, script.version());
            ps.setString(3, truncate(script.description(), 200));
            ps.setString(4, script.checksum());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private static Map<Integer, String> appliedChecksums(Connection c, String module) throws SQLException {
        Map<Integer, String> applied = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, checksum FROM " + HISTORY_TABLE + " WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return applied;
    }

    private static void ensureHistoryTable(Connection c) throws SQLException {
        if (historyTableExists(c)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + HISTORY_TABLE + " (module VARCHAR(64) NOT NULL, version INTEGER NOT NULL,"
                    + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (module, version))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // Another node may have created it between our look and our CREATE.
            if (!historyTableExists(c)) {
                throw e;
            }
        }
    }

    private static boolean historyTableExists(Connection c) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {HISTORY_TABLE, HISTORY_TABLE.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback of a failed migration failed too", e);
        }
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return truncate(nl < 0 ? sql : sql.substring(0, nl), 120);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
