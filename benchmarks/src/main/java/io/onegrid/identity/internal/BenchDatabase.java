package io.onegrid.identity.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.persistence.internal.audit.JpaAuditLog;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.MigrationScript;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

/**
 * One fresh OneGrid database outside OSGi, wired as Karaf wires it: embedded Derby behind a Hikari pool (as
 * {@code etc/org.ops4j.datasource-onegrid.cfg} configures), the {@code core} and {@code identity} migrations from the
 * bundles' own scripts, the {@code onegrid-core} and {@code onegrid-identity} persistence units, and the real
 * {@link JpaAuditLog}, {@link JpaRegionService} and {@link AccountService} on top.
 */
public final class BenchDatabase implements AutoCloseable {

    final String label;
    final HikariDataSource dataSource;
    final EntityManagerFactory coreUnit;
    final EntityManagerFactory identityUnit;
    final JpaAuditLog audit;
    final JpaRegionService regions;
    final AccountService accounts;
    final IdentityConfig config;
    private final String derbyUrl;
    private final Path directory;

    private BenchDatabase(String label, String derbyUrl, Path directory) throws Exception {
        this.label = label;
        this.derbyUrl = derbyUrl;
        this.directory = directory;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(derbyUrl + ";create=true");
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("onegrid-bench");
        this.dataSource = new HikariDataSource(hikari);
        MigrationRunner runner = new MigrationRunner(dataSource);
        String dialect = runner.dialect();
        runner.migrate("core", ScriptSet.select("core", scripts("db/core/"), dialect));
        runner.migrate("identity", ScriptSet.select("identity", scripts("db/identity/"), dialect));
        this.coreUnit = unit("onegrid-core");
        this.identityUnit = unit("onegrid-identity");
        this.audit = new JpaAuditLog(coreUnit, schema("core"));
        this.config = defaults();
        this.regions = new JpaRegionService(identityUnit, schema("identity"), audit);
        this.accounts = new AccountService(identityUnit, schema("identity"), audit, config);
        warmUp();
    }

    /** A new in-memory database. */
    static BenchDatabase inMemory(String name) throws Exception {
        return new BenchDatabase("in-memory", "jdbc:derby:memory:" + name, null);
    }

    /** A new database in a folder that must not exist yet (Derby creates it). */
    static BenchDatabase onDisk(Path folder) throws Exception {
        if (Files.exists(folder)) {
            deleteTree(folder);
        }
        Files.createDirectories(folder.getParent());
        return new BenchDatabase("on-disk", "jdbc:derby:" + folder.toAbsolutePath(), folder);
    }

    /** The migration scripts of one module, read from the bundle jar (or class folder) that holds them. */
    public static List<ScriptSet.ScriptFile> scripts(String folder) throws IOException {
        URL url = BenchDatabase.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("No " + folder + " on the class path; build the bundles first");
        }
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(folder) && name.endsWith(".sql") && name.indexOf('/', folder.length()) < 0) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.add(new ScriptSet.ScriptFile(name.substring(folder.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
        } else {
            try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
                for (Path p : list.filter(p -> p.toString().endsWith(".sql")).toList()) {
                    files.add(new ScriptSet.ScriptFile(p.getFileName().toString(), Files.readString(p)));
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        files.sort(Comparator.comparing(ScriptSet.ScriptFile::name));
        return files;
    }

    /** The statements of the identity migrations that create {@code og_region} and its indexes. */
    static List<String> regionTableDdl() throws IOException {
        List<String> ddl = new ArrayList<>();
        for (MigrationScript script : ScriptSet.select("identity", scripts("db/identity/"), "derby")) {
            for (String statement : script.statements()) {
                if (statement.matches("(?s).*\\bog_region\\b.*") && statement.matches("(?is)\\s*CREATE\\b.*")) {
                    ddl.add(statement);
                }
            }
        }
        return ddl;
    }

    private EntityManagerFactory unit(String name) {
        return Persistence.createEntityManagerFactory(name, Map.of(
                "openjpa.ConnectionFactory", dataSource,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", dataSource));
    }

    /** Loads both persistence units' metadata, as a running installation has long done before any request. */
    private void warmUp() {
        for (EntityManagerFactory emf : List.of(coreUnit, identityUnit)) {
            var em = emf.createEntityManager();
            try {
                String entity = emf == coreUnit ? "AuditEntity" : "RegionEntity";
                em.createQuery("SELECT COUNT(x) FROM " + entity + " x", Long.class).getSingleResult();
            } finally {
                em.close();
            }
        }
    }

    private static ModuleSchema schema(String module) {
        return new ModuleSchema() {
            @Override
            public String module() {
                return module;
            }

            @Override
            public int version() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /** {@link IdentityConfig} as DS hands it over when {@code etc/io.onegrid.identity.cfg} sets nothing. */
    static IdentityConfig defaults() {
        return (IdentityConfig) Proxy.newProxyInstance(IdentityConfig.class.getClassLoader(),
                new Class<?>[] {IdentityConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> IdentityConfig.class;
                    case "toString" -> "IdentityConfig[defaults]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getDefaultValue();
                });
    }

    /** Rows of a table. */
    long count(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws Exception {
        coreUnit.close();
        identityUnit.close();
        dataSource.close();
        String action = directory == null ? ";drop=true" : ";shutdown=true";
        try {
            DriverManager.getConnection(derbyUrl + action).close();
        } catch (SQLException expected) {
            // Derby answers a successful drop or shutdown with an exception (08006)
        }
        if (directory != null) {
            deleteTree(directory);
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
