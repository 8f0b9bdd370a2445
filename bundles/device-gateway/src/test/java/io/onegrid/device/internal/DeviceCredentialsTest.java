package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-device secrets with db/device/V1–V3, on Derby and on PostgreSQL (skipped without one, unless required). */
class DeviceCredentialsTest {

    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    static final String SECRET = "correct horse battery";

    String pgSchema;

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.dropPostgresSchema(pgSchema);
    }

    JdbcDeviceRegistry registry(String database) throws Exception {
        DataSource ds;
        if (database.equals("derby")) {
            ds = TestDatabases.derby();
        } else {
            pgSchema = TestDatabases.createPostgresSchema();
            ds = TestDatabases.postgres(pgSchema);
        }
        for (String file : List.of("V1__devices.sql", "V2__retired.sql", "V3__credentials.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/device/" + file);
                    Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String sql : script.split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
            }
        }
        JdbcDeviceRegistry registry = new JdbcDeviceRegistry(ds, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(10), Duration.ofSeconds(10));
        registry.register(JdbcDeviceRegistryTest.device("WL-0001", "370399101201001"));
        registry.register(JdbcDeviceRegistryTest.device("WL-0002", "370399101202001"));
        this.ds = ds;
        return registry;
    }

    DataSource ds;

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aSecretIsStoredAsASlowHashAndVerified(String database) throws Exception {
        JdbcDeviceRegistry registry = registry(database);
        assertFalse(registry.verifyCredentials("WL-0001", SECRET), "no credentials yet");
        assertTrue(registry.setCredentials("WL-0001", SECRET));
        assertTrue(registry.verifyCredentials("WL-0001", SECRET));
        assertFalse(registry.verifyCredentials("WL-0001", SECRET + "x"));
        assertFalse(registry.verifyCredentials("WL-0001", null));
        assertFalse(registry.verifyCredentials("WL-0002", SECRET), "another device's secret");
        assertFalse(registry.verifyCredentials("NOPE", SECRET));
        assertFalse(registry.setCredentials("NOPE", SECRET), "unknown device");

        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT secret_hash FROM og_device WHERE code = 'WL-0001'")) {
            assertTrue(rs.next());
            String stored = rs.getString(1);
            assertFalse(stored.contains(SECRET));
            String[] parts = stored.split("\\$");
            assertEquals("pbkdf2-sha256", parts[0]);
            assertTrue(Integer.parseInt(parts[1]) >= 100_000, stored);
        }

        assertEquals(Set.of("WL-0001"), registry.withCredentials(Caller.SYSTEM));
        Caller otherGrid = new Caller("gridworker2", "g", Caller.Kind.USER, 2L, Set.of(), Set.of(),
                DataScope.ofRegion(RegionCode.parse("370399101202001")));
        assertEquals(Set.of(), registry.withCredentials(otherGrid), "scoped");

        assertTrue(registry.setCredentials("WL-0001", "a new secret of a device"));
        assertFalse(registry.verifyCredentials("WL-0001", SECRET), "replaced");
        assertTrue(registry.verifyCredentials("WL-0001", "a new secret of a device"));

        registry.retire("WL-0001", NOW);
        assertFalse(registry.verifyCredentials("WL-0001", "a new secret of a device"), "retired devices stay out");
        assertFalse(registry.setCredentials("WL-0001", SECRET));
        assertEquals(Set.of(), registry.withCredentials(Caller.SYSTEM));
    }

    @Test
    void badSecretsAreRefusedWithoutChange() throws Exception {
        JdbcDeviceRegistry registry = registry("derby");
        registry.setCredentials("WL-0001", SECRET);
        for (String bad : new String[] {null, "short", "x".repeat(257), "             ", "tab\tinside secret"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> registry.setCredentials("WL-0001", bad));
            assertTrue(e.getMessage().contains("device secret"), e.getMessage());
        }
        assertTrue(registry.verifyCredentials("WL-0001", SECRET), "unchanged");
    }

    @Test
    void hashesAreSaltedAndMalformedStoredValuesNeverMatch() {
        String a = SecretHash.hash(SECRET);
        assertNotEquals(a, SecretHash.hash(SECRET), "random salt");
        assertTrue(SecretHash.verify(SECRET, a));
        assertTrue(SecretHash.verify(SECRET, SecretHash.hash(SECRET, 1000)), "the stored count is used");
        assertFalse(SecretHash.verify(SECRET, null));
        assertFalse(SecretHash.verify(SECRET, "plain"));
        assertFalse(SecretHash.verify(SECRET, "pbkdf2-sha256$x$y$z"));
        assertFalse(SecretHash.verify(SECRET, "pbkdf2-sha256$1000$!!!$???"));
    }

    @Test
    void rememberedSuccessesNeverOutliveTheirStoredHash() {
        SecretHash.Verified verified = new SecretHash.Verified(1);
        String stored = SecretHash.hash(SECRET, 1000);
        assertTrue(verified.verify("WL-0001", SECRET, stored));
        assertTrue(verified.verify("WL-0001", SECRET, stored), "remembered");
        assertFalse(verified.verify("WL-0001", SECRET + "!", stored), "another secret is checked in full");
        assertFalse(verified.verify("WL-0001", SECRET, SecretHash.hash("another secret entirely", 1000)),
                "new credentials");
        assertFalse(verified.verify("WL-0001", SECRET, null), "retired or cleared");
        assertFalse(verified.verify("WL-0002", SECRET, null));
        assertTrue(verified.verify("WL-0002", "second device secret",
                SecretHash.hash("second device secret", 1000)), "over the bound: forgets, still verifies");
        assertTrue(verified.verify("WL-0001", SECRET, stored));
    }
}
