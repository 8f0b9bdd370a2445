package io.onegrid.demo.internal;

import io.onegrid.api.forms.FormCatalog;
import io.onegrid.api.forms.FormDefinition;
import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs three example collection forms (随用随摸排) owned by the demo county — self-built house registration,
 * migrant registration, medical service point — from {@code /demo/forms/<code>.schema.json}, through the same
 * {@link FormCatalog} checks as {@code POST /api/v1/forms}. A form that exists already is left alone, so each is
 * installed once and later revisions survive restarts. Reports "demo-forms" in health until done.
 */
@Component(service = HealthIndicator.class, immediate = true)
public final class DemoForms implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DemoForms.class);
    /** The county itself comes from DemoData, loaded on its own thread; wait for it this long. */
    private static final long REGION_WAIT_MILLIS = 120_000;

    static final List<FormDefinition> FORMS = List.of(
            form("self-built-house", "自建房登记", "Self-built house registration", List.of("village", "grid")),
            form("migrant", "流动人口登记", "Migrant registration", List.of("grid")),
            form("medical-point", "医疗服务点", "Medical service point", List.of("village", "grid")));

    private final FormCatalog forms;
    private final RegionService regions;
    private final Thread loader;
    private volatile boolean stopping;
    private volatile String state = "loading";

    @Activate
    public DemoForms(@Reference FormCatalog forms, @Reference RegionService regions) {
        this.forms = forms;
        this.regions = regions;
        this.loader = new Thread(this::load, "onegrid-demo-forms");
        loader.setDaemon(true);
        loader.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        loader.interrupt();
        loader.join(30_000);
    }

    /** Every level reads the records in its own part of the county; the schema comes from the resource. */
    private static FormDefinition form(String code, String titleZh, String titleEn, List<String> entry) {
        return new FormDefinition(code, titleZh, titleEn, DemoData.COUNTY, entry, List.of("town", "village", "grid"),
                schema(code));
    }

    private static String schema(String code) {
        try (InputStream in = DemoForms.class.getResourceAsStream("/demo/forms/" + code + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("the demo bundle lacks /demo/forms/" + code + ".schema.json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo form " + code, e);
        }
    }

    private void load() {
        try {
            long deadline = System.currentTimeMillis() + REGION_WAIT_MILLIS;
            while (regions.find(Caller.SYSTEM, DemoData.COUNTY).isEmpty()) {
                if (stopping || System.currentTimeMillis() > deadline) {
                    state = "failed: the demo county " + DemoData.COUNTY + " did not appear";
                    LOG.error("Demo forms not installed: {}", state);
                    return;
                }
                Thread.sleep(250);
            }
            for (FormDefinition form : FORMS) {
                if (!forms.exists(Caller.SYSTEM, form.code())) {
                    forms.define(Caller.SYSTEM, form);
                    LOG.info("Demo form {} ({}) installed for the county {}", form.code(), form.titleZh(),
                            DemoData.COUNTY);
                }
            }
            state = "loaded";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = "stopped";
        } catch (RuntimeException e) {
            state = "failed: " + e;
            LOG.error("Installing the demo forms failed", e);
        }
    }

    @Override
    public String name() {
        return "demo-forms";
    }

    @Override
    public Health check() {
        return "loaded".equals(state) ? Health.up(Map.of("forms", FORMS.size()))
                : Health.down("Demo forms " + state, Map.of());
    }
}
