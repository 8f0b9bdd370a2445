package io.onegrid.sample.brightkitchen.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /kitchen/events} and {@code /kitchen/cameras}, served by the REST bundle's whiteboard under
 * {@code /api/v1}. Reading needs {@code workorder.read} (the events become work orders; whoever follows those follows
 * these) and shows only the cameras in the caller's scope, by the camera's region. Bad parameters answer
 * problem+json (the REST bundle writes {@link ProblemException}s).
 */
@Component(service = RestResource.class)
public final class KitchenResource implements RestResource {

    static final int MAX_LIMIT = 1000;

    private final KitchenService kitchen;

    @Activate
    public KitchenResource(@Reference KitchenService kitchen) {
        this.kitchen = kitchen;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/kitchen/events", req -> {
            int limit = req.queryInt("limit").orElse(100);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT);
            }
            return kitchen.recent(req.requireCaller(), limit);
        }).summary("Recent kitchen camera events in the caller's scope, newest first, with their work orders")
                .tag("bright-kitchen").queryParam("limit", "1 to 1000, default 100")
                .returns(KitchenEvent.class).permission(Permissions.WORKORDER_READ);
        routes.get("/kitchen/cameras", req -> kitchen.cameras(req.requireCaller()).stream()
                .map(c -> new CameraView(c.code(), c.name(), c.townCode(), c.regionCode(), c.lon(), c.lat(), c.topic()))
                .toList())
                .summary("Kitchen cameras in the caller's scope, with their MQTT topics").tag("bright-kitchen")
                .returns(CameraView.class).permission(Permissions.WORKORDER_READ);
    }

    /** A camera as the API shows it. */
    public record CameraView(String code, String name, String townCode, String regionCode, double lon, double lat,
            String topic) {
    }
}
