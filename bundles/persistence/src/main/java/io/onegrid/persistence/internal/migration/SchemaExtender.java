package io.onegrid.persistence.internal.migration;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.persistence.ModuleSchema;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates the schema module of every started bundle that declares the {@value ModuleSchema#HEADER} header, then
 * registers a {@link ModuleSchema} service in that bundle's name so its components can start. Also reports the
 * database and every module's state to {@code /api/v1/health}.
 */
@Component(service = HealthIndicator.class, immediate = true)
public final class SchemaExtender implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);

    private final DataSource dataSource;
    private final MigrationRunner runner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "onegrid-schema-migrations");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ModuleState> modules = new ConcurrentHashMap<>();
    private final Map<Long, ServiceRegistration<ModuleSchema>> registrations = new ConcurrentHashMap<>();
    private final BundleTracker<String> tracker;

    /** What health reports for one module. */
    record ModuleState(String bundle, String status, int version, String reason) {
    }

    @Activate
    public SchemaExtender(BundleContext context,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource) {
        this.dataSource = dataSource;
        this.runner = new MigrationRunner(dataSource);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                String module = moduleOf(bundle);
                if (module != null) {
                    modules.put(module, new ModuleState(bundle.getSymbolicName(), "DOWN", -1, "Migration pending"));
                    worker.execute(() -> migrate(bundle, module));
                }
                return module;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, String module) {
                worker.execute(() -> forget(bundle, module));
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        tracker.close();
        worker.shutdown();
        worker.awaitTermination(30, TimeUnit.SECONDS);
        registrations.values().forEach(SchemaExtender::unregisterQuietly);
        registrations.clear();
    }

    static String moduleOf(Bundle bundle) {
        String header = bundle.getHeaders("").get(ModuleSchema.HEADER);
        return header == null || header.isBlank() ? null : header.strip();
    }

    private void migrate(Bundle bundle, String module) {
        if (registrations.containsKey(bundle.getBundleId())) {
            return;
        }
        try {
            List<MigrationScript> scripts = ScriptSet.select(module, scriptsOf(bundle, module), runner.dialect());
            int version = runner.migrate(module, scripts);
            BundleContext context = bundle.getBundleContext();
            if (context == null) {
                return; // the bundle stopped meanwhile
            }
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(ModuleSchema.MODULE_PROPERTY, module);
            props.put(ModuleSchema.VERSION_PROPERTY, version);
            registrations.put(bundle.getBundleId(),
                    context.registerService(ModuleSchema.class, new ReadySchema(module, version), props));
            modules.put(module, new ModuleState(bundle.getSymbolicName(), "UP", version, null));
            LOG.info("Schema module '{}' of {} is at version {}", module, bundle.getSymbolicName(), version);
        } catch (MigrationException | IllegalArgumentException e) {
            modules.put(module, new ModuleState(bundle.getSymbolicName(), "DOWN", currentVersionQuietly(module),
                    e.getMessage()));
            LOG.error(e.getMessage(), e.getCause());
        } catch (Exception e) {
            modules.put(module, new ModuleState(bundle.getSymbolicName(), "DOWN", currentVersionQuietly(module),
                    e.toString()));
            LOG.error("Cannot migrate schema module '{}' of {}", module, bundle.getSymbolicName(), e);
        }
    }

    private void forget(Bundle bundle, String module) {
        ServiceRegistration<ModuleSchema> registration = registrations.remove(bundle.getBundleId());
        if (registration != null) {
            unregisterQuietly(registration);
        }
        modules.remove(module);
    }

    private int currentVersionQuietly(String module) {
        try {
            return runner.currentVersion(module);
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<ScriptSet.ScriptFile> scriptsOf(Bundle bundle, String module) throws IOException {
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries("db/" + module, "*.sql", false);
        for (URL url : entries == null ? Collections.<URL>emptyList() : Collections.list(entries)) {
            String path = url.getPath();
            try (InputStream in = url.openStream()) {
                files.add(new ScriptSet.ScriptFile(path.substring(path.lastIndexOf('/') + 1),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the owning bundle stopped and the framework removed it
        }
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            details.put("product", meta.getDatabaseProductName());
            details.put("productVersion", meta.getDatabaseProductVersion());
            if (!c.isValid(2)) {
                return Health.down("The database connection is not valid", details);
            }
        } catch (Exception e) {
            return Health.down("Cannot connect to the database: " + e.getMessage(), details);
        }
        Map<String, ModuleState> snapshot = new TreeMap<>(modules);
        details.put("schemas", snapshot);
        return snapshot.values().stream().filter(m -> !"UP".equals(m.status())).findFirst()
                .map(m -> Health.down(m.reason(), details))
                .orElseGet(() -> Health.up(details));
    }

    private record ReadySchema(String module, int version) implements ModuleSchema {
    }
}
