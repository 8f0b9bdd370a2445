package io.onegrid.persistence.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, empty databases for tests: an in-memory Derby, and a throw-away schema on the local PostgreSQL
 * (127.0.0.1:5432, trust auth). PostgreSQL tests are skipped where no server answers, unless the build says
 * {@code -Donegrid.test.requirePostgres=true} (CI does), which turns a missing server into a failure.
 */
public final class TestDatabases {

    public static final String PG_URL = System.getProperty("onegrid.test.postgresUrl",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private TestDatabases() {
    }

    public static DataSource derby() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:og" + UUID.randomUUID().toString().replace("-", ""));
        ds.setCreateDatabase("create");
        return ds;
    }

    /** A new schema on PostgreSQL; call {@link #dropPostgresSchema(String)} afterwards. */
    public static String createPostgresSchema() {
        String schema = "og_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (Boolean.getBoolean("onegrid.test.requirePostgres")) {
                throw new IllegalStateException("PostgreSQL is required for this build but not reachable at " + PG_URL, e);
            }
            Assumptions.abort("No PostgreSQL at " + PG_URL + ": " + e.getMessage());
        }
        return schema;
    }

    public static DataSource postgres(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PG_URL);
        ds.setCurrentSchema(schema);
        return ds;
    }

    public static void dropPostgresSchema(String schema) throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
