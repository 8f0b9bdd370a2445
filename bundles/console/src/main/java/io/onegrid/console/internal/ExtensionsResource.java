package io.onegrid.console.internal;

import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/console/extensions}: the plugin pages and dashboard panels the caller may see right now. */
@Component(service = RestResource.class)
public final class ExtensionsResource implements RestResource {

    private final ExtensionRegistry registry;

    @Activate
    public ExtensionsResource(@Reference ExtensionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/console/extensions", req -> registry.visibleTo(req.requireCaller()))
                .summary("Plugin pages and dashboard panels of the web console that the caller may see, while their"
                        + " plugins run").tag("console");
    }
}
