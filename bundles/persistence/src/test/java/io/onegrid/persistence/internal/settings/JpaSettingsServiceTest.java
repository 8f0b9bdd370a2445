package io.onegrid.persistence.internal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.settings.Setting;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings store on a real database through the real persistence unit and migration, outside OSGi. */
class JpaSettingsServiceTest {

    private EntityManagerFactory emf;
    private JpaSettingsService settings;

    @BeforeEach
    void setUp() throws Exception {
        DataSource ds = TestDatabases.derby();
        String v1;
        try (InputStream in = getClass().getResourceAsStream("/db/core/V1__settings.sql")) {
            v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        new MigrationRunner(ds).migrate("core",
                ScriptSet.select("core", List.of(new ScriptSet.ScriptFile("V1__settings.sql", v1)), "derby"));
        emf = Persistence.createEntityManagerFactory("onegrid-core", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        ModuleSchema schema = new ModuleSchema() {
            @Override
            public String module() {
                return "core";
            }

            @Override
            public int version() {
                return 1;
            }
        };
        settings = new JpaSettingsService(emf, schema);
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    @Test
    void createsReadsChangesAndRemoves() {
        Setting created = settings.put("county.name", "高青县", null);
        assertEquals("高青县", created.value());
        Setting changed = settings.put("county.name", "Gaoqing", created.version());
        assertTrue(changed.version() > created.version());
        assertEquals("Gaoqing", settings.find("county.name").orElseThrow().value());
        assertTrue(settings.remove("county.name"));
        assertFalse(settings.remove("county.name"));
        assertTrue(settings.find("county.name").isEmpty());
    }

    @Test
    void staleVersionIsAConflictAndChangesNothing() {
        Setting created = settings.put("a.b", "1", null);
        settings.put("a.b", "2", created.version());
        ProblemException e = assertThrows(ProblemException.class, () -> settings.put("a.b", "3", created.version()));
        assertEquals(ProblemType.CONFLICT, e.type());
        assertEquals("2", settings.find("a.b").orElseThrow().value());
    }

    @Test
    void badKeysAndValuesAreRefusedWithReasons() {
        ProblemException e = assertThrows(ProblemException.class, () -> settings.put("Bad Key'--", null, null));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals(2, ((List<?>) e.extensions().get("errors")).size());
        assertThrows(ProblemException.class, () -> settings.put("k", "x".repeat(4001), null));
        assertEquals(0, settings.list("", PageRequest.first(10)).total());
    }

    @Test
    void listsByPrefixInKeyOrderWithPaging() {
        for (String key : List.of("county.name", "county.code", "town_a.name", "townxa.name", "ui.lang")) {
            settings.put(key, key, null);
        }
        var page = settings.list("county.", PageRequest.of(1, 1));
        assertEquals(2, page.total());
        assertEquals(List.of("county.code"), page.items().stream().map(Setting::key).toList());
        assertEquals(List.of("town_a.name"),
                settings.list("town_", PageRequest.first(10)).items().stream().map(Setting::key).toList(),
                "an underscore in the prefix is literal, not a wildcard");
    }
}
