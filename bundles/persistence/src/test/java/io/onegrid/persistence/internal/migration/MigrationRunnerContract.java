package io.onegrid.persistence.internal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every supported database must do with migrations; subclasses give the database. */
abstract class MigrationRunnerContract {

    static final MigrationScript V1 = new MigrationScript(1, "people",
            "-- first table\nCREATE TABLE og_t_person (\n  id INTEGER NOT NULL PRIMARY KEY,\n  name VARCHAR(20)\n);\n");
    static final MigrationScript V2 = new MigrationScript(2, "index",
            "CREATE INDEX og_t_person_name ON og_t_person (name);\nINSERT INTO og_t_person (id, name) VALUES (1, 'a');");

    abstract DataSource dataSource();

    @Test
    void appliesPendingScriptsOnceAndIsIdempotent() throws Exception {
        MigrationRunner runner = new MigrationRunner(dataSource());
        assertEquals(1, runner.migrate("t", List.of(V1)));
        assertEquals(2, runner.migrate("t", List.of(V1, V2)));
        assertEquals(2, runner.migrate("t", List.of(V1, V2)));
        assertEquals(1, count("SELECT COUNT(*) FROM og_t_person"), "V2's insert ran exactly once");
        assertEquals(2, count("SELECT COUNT(*) FROM og_schema_history WHERE module = 't'"));
        assertEquals(2, runner.currentVersion("t"));
        assertEquals(0, runner.currentVersion("other"));
    }

    @Test
    void refusesADatabaseNewerThanTheCode() throws Exception {
        MigrationRunner runner = new MigrationRunner(dataSource());
        runner.migrate("t", List.of(V1, V2));
        MigrationException e = assertThrows(MigrationException.class, () -> runner.migrate("t", List.of(V1)));
        assertTrue(e.getMessage().contains("at version 2, newer than version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Refusing to start module 't'"), e.getMessage());
    }

    @Test
    void refusesAScriptChangedAfterItRan() throws Exception {
        MigrationRunner runner = new MigrationRunner(dataSource());
        runner.migrate("t", List.of(V1));
        MigrationScript edited = new MigrationScript(1, "people", V1.sql().replace("20", "40"));
        MigrationException e = assertThrows(MigrationException.class, () -> runner.migrate("t", List.of(edited)));
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void aFailingScriptLeavesNothingOfTheRun() throws Exception {
        MigrationRunner runner = new MigrationRunner(dataSource());
        MigrationScript broken = new MigrationScript(3, "broken",
                "CREATE TABLE og_t_half (id INTEGER NOT NULL);\nCREATE TABLE og_t_half (id INTEGER NOT NULL);");
        MigrationException e = assertThrows(MigrationException.class,
                () -> runner.migrate("t", List.of(V1, V2, broken)));
        assertTrue(e.getMessage().contains("V3 (broken) failed"), e.getMessage());
        assertEquals(0, runner.currentVersion("t"), "V1 and V2 of the same run were rolled back too");
        assertFalse(tableExists("og_t_person"));
        assertFalse(tableExists("og_t_half"));
    }

    @Test
    void modulesAreIndependent() throws Exception {
        MigrationRunner runner = new MigrationRunner(dataSource());
        runner.migrate("t", List.of(V1));
        assertEquals(1, runner.migrate("u", List.of(new MigrationScript(1, "u", "CREATE TABLE og_t_u (id INTEGER);"))));
        assertEquals(1, runner.currentVersion("t"));
    }

    @Test
    void concurrentStartsApplyEachScriptOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> start = () -> new MigrationRunner(dataSource()).migrate("t", List.of(V1, V2));
            new MigrationRunner(dataSource()).migrate("warm", List.of()); // history table exists before the race
            List<Future<Integer>> results = pool.invokeAll(List.of(start, start, start, start));
            for (Future<Integer> r : results) {
                assertEquals(2, r.get());
            }
            assertEquals(1, count("SELECT COUNT(*) FROM og_t_person"));
        } finally {
            pool.shutdownNow();
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    boolean tableExists(String name) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            for (String n : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), n, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
