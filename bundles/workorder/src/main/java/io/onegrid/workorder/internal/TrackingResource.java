package io.onegrid.workorder.internal;

import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import java.time.Clock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /track/{code}}: the public tracking page's data, for the reporter holding the receipt's tracking code.
 * Anonymous and limited per client address; the code itself is the secret (see {@link Tracking}).
 */
@Component(service = RestResource.class)
public final class TrackingResource implements RestResource {

    /** Body of {@code POST /track/{code}/rating}. */
    public record RatingBody(Integer rating, String comment) {
    }

    /** Look-ups per client address and hour: plenty for a family refreshing the page, few for guessing codes. */
    static final int LOOKUPS_PER_HOUR = 300;

    private final WorkOrderKernel kernel;
    private final AnonymousLimiter lookups;
    private final AnonymousLimiter ratings;

    @Activate
    public TrackingResource(@Reference WorkOrderKernel kernel) {
        this.kernel = kernel;
        this.lookups = new AnonymousLimiter(Clock.systemUTC());
        this.ratings = new AnonymousLimiter(Clock.systemUTC());
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/track/{code}", req -> {
            lookups.require(req.remoteAddress(), LOOKUPS_PER_HOUR, "requests", "");
            return kernel.tracking().view(req.pathParam("code"));
        }).summary("A reporter follows their report with the tracking code of the receipt: state, category, their own"
                + " description and the steps so far, without handlers' names. 404 for an unknown code")
                .tag("tracking").anonymous().returns(Tracking.View.class);
        routes.post("/track/{code}/rating", req -> {
            ratings.require(req.remoteAddress(), kernel.config().anonymousReportsPerHour(), "requests", "");
            RatingBody body = req.body(RatingBody.class);
            return kernel.tracking().rate(req.pathParam("code"), body.rating(), body.comment());
        }).summary("The reporter rates the result (1–5, optional comment) once the order is resolved; once only, and"
                + " only by the reporter who opened the order. 409 otherwise")
                .tag("tracking").anonymous().accepts(RatingBody.class).returns(Tracking.View.class);
    }
}
