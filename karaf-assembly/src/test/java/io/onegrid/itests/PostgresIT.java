package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The distribution pointed at PostgreSQL exactly as README tells an integrator: only
 * {@code etc/org.ops4j.datasource-onegrid.cfg} changes; the migrations build the schema in a new database.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresIT extends OneGridTestSupport {

    static final String SERVER = System.getProperty("onegrid.test.postgresServer", "127.0.0.1:5432");

    @Configuration
    public Option[] config() {
        String database = "onegrid_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres?user=postgres");
             Statement st = c.createStatement()) {
            dropLeftovers(c);
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            if (Boolean.getBoolean("onegrid.test.requirePostgres")) {
                throw new IllegalStateException("PostgreSQL is required for this build but not reachable at " + SERVER, e);
            }
            return oneGrid(); // the test method skips itself
        }
        return oneGrid(
                editConfigurationFilePut("etc/org.ops4j.datasource-onegrid.cfg", "osgi.jdbc.driver.name",
                        "PostgreSQL JDBC Driver"),
                editConfigurationFilePut("etc/org.ops4j.datasource-onegrid.cfg", "url",
                        "jdbc:postgresql://" + SERVER + "/" + database),
                editConfigurationFilePut("etc/org.ops4j.datasource-onegrid.cfg", "user", "postgres"),
                CoreOptions.systemProperty("onegrid.test.postgresDatabase").value(database));
    }

    /** Databases of earlier runs (only one PostgresIT runs at a time on a machine). */
    private static void dropLeftovers(Connection c) throws SQLException {
        java.util.List<String> old = new java.util.ArrayList<>();
        try (Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'onegrid_it_%'")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String name : old) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException stillInUse) {
                // a container of a parallel build still uses it; leave it
            }
        }
    }

    @Test
    public void migratesAndServesOnPostgres() throws Exception {
        Assume.assumeNotNull("no PostgreSQL reachable", System.getProperty("onegrid.test.postgresDatabase"));
        JsonNode health = awaitHealthy();
        String admin = login("admin");
        assertEquals("PostgreSQL", health.at("/checks/database/product").asText());
        assertEquals(2, health.at("/checks/database/schemas/core/version").asInt());
        assertEquals(5, health.at("/checks/database/schemas/identity/version").asInt());
        assertEquals(201, putJson("/settings/county.name", "{\"value\":\"高青县\"}", admin).status());
        assertEquals("高青县", get("/settings/county.name", admin).json().get("value").asText());
        assertEquals(400, putJson("/settings/county.name", "{\"value\":", admin).status());
        assertEquals(1, get("/settings/county.name", admin).json().get("version").asInt());
    }
}
