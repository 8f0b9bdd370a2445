package ${package}.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/${pluginId}/}: submit a report, list the latest ones the caller may see, the plugin's counters.
 * Served by OneGrid's REST bundle, which signs the caller in, checks the route's permission, parses the body and
 * answers refusals as problem+json; listed in {@code /api/v1/openapi.json}.
 */
@Component(service = RestResource.class)
public final class ${className}Resource implements RestResource {

    private final ${className}Service service;

    @Activate
    public ${className}Resource(@Reference ${className}Service service) {
        this.service = service;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/${pluginId}/reports", req -> {
            ${className}Service.Submitted s = service.submit(req.requireCaller(), req.body(Report.class));
            return RestResponse.created("/workorders/" + s.orderId(), s);
        }).summary("Report a problem; it becomes a work order").tag("${pluginId}").accepts(Report.class)
                .returns(${className}Service.Submitted.class).permission(Permissions.WORKORDER_SUBMIT);
        routes.get("/${pluginId}/reports", req -> service.recent(req.requireCaller()))
                .summary("The latest reports in the caller's scope, newest first").tag("${pluginId}")
                .permission(Permissions.WORKORDER_READ);
        routes.get("/${pluginId}/status", req -> Map.of("accepted", service.accepted(), "rejected", service.rejected()))
                .summary("Reports accepted and refused since the plugin started").tag("${pluginId}");
    }
}
