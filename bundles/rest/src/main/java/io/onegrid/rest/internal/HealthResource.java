package io.onegrid.rest.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.health.HealthStatus;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * {@code GET /api/v1/health}: UP (200) when every health indicator is UP and every OneGrid bundle is active, else
 * DOWN (503) with the reason. Load balancers and the assembly's tests poll it.
 */
@Component(service = RestResource.class)
public final class HealthResource implements RestResource {

    /** One OneGrid bundle's state. */
    public record BundleState(String symbolicName, String version, String state) {
    }

    /** A OneGrid component that cannot run, and what it waits for. */
    public record ComponentProblem(String component, String bundle, String state, List<String> waitingFor) {
    }

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final List<HealthIndicator> indicators = new CopyOnWriteArrayList<>();

    @Activate
    public HealthResource(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindIndicator(HealthIndicator indicator) {
        indicators.add(indicator);
    }

    void unbindIndicator(HealthIndicator indicator) {
        indicators.remove(indicator);
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/health", req -> {
            Map<String, Object> body = check();
            return RestResponse.status("UP".equals(body.get("status")) ? 200 : 503, body);
        }).summary("Whether OneGrid is ready: database, schemas, bundles").tag("meta").anonymous();
    }

    Map<String, Object> check() {
        boolean up = true;
        Map<String, Object> checks = new LinkedHashMap<>();
        for (HealthIndicator indicator : indicators) {
            Health health;
            try {
                health = indicator.check();
            } catch (RuntimeException e) {
                health = Health.down(e.toString(), Map.of());
            }
            up &= health.status() == HealthStatus.UP;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", health.status().name());
            entry.putAll(health.details());
            checks.put(indicator.name(), entry);
        }
        if (!checks.containsKey("database")) {
            up = false;
            checks.put("database", Map.of("status", "DOWN", "reason", "The persistence bundle is not ready"));
        }
        List<BundleState> bundles = new ArrayList<>();
        List<Bundle> oneGrid = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith("io.onegrid.")) {
                continue;
            }
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            String state = stateName(bundle.getState());
            up &= fragment ? bundle.getState() == Bundle.RESOLVED : bundle.getState() == Bundle.ACTIVE;
            bundles.add(new BundleState(name, bundle.getVersion().toString(), state));
            if (!fragment) {
                oneGrid.add(bundle);
            }
        }
        List<ComponentProblem> components = componentProblems(oneGrid);
        up &= components.isEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("version", context.getBundle().getVersion().toString());
        body.put("node", System.getProperty("karaf.name", "onegrid"));
        body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        body.put("checks", checks);
        body.put("bundles", bundles);
        if (!components.isEmpty()) {
            body.put("components", components);
        }
        return body;
    }

    /** Enabled DS components of OneGrid bundles that are not satisfied: a missing service, a failed activation. */
    private List<ComponentProblem> componentProblems(List<Bundle> bundles) {
        List<ComponentProblem> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundles.toArray(Bundle[]::new))) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                if (config.state == ComponentConfigurationDTO.SATISFIED
                        || config.state == ComponentConfigurationDTO.ACTIVE) {
                    continue;
                }
                List<String> waiting = new ArrayList<>();
                for (UnsatisfiedReferenceDTO ref : config.unsatisfiedReferences) {
                    waiting.add(ref.name + (ref.target == null ? "" : " " + ref.target));
                }
                String state = config.state == ComponentConfigurationDTO.FAILED_ACTIVATION
                        ? "FAILED_ACTIVATION: " + config.failure : "UNSATISFIED";
                problems.add(new ComponentProblem(description.name, description.bundle.symbolicName, state, waiting));
            }
        }
        return problems;
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
