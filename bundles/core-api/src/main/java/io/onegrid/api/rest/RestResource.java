package io.onegrid.api.rest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's contribution to the OneGrid REST API. Register an implementation as an OSGi service (a DS
 * {@code @Component(service = RestResource.class)}) and its routes are served under {@code /api/v1/} for as long as
 * the service is registered; they also appear in {@code /api/v1/openapi.json}.
 *
 * <pre>{@code
 * public void routes(Routes routes) {
 *     routes.get("/stations/{code}", req -> stations.get(req.pathParam("code")))
 *           .summary("One station").tag("flood").returns(Station.class);
 * }
 * }</pre>
 *
 * Request bodies are parsed, error answers written and paging parameters read by the REST bundle, the same way for
 * every resource: a handler only deals with well-formed input and throws
 * {@link io.onegrid.api.problem.ProblemException} to refuse a request.
 */
@ConsumerType
public interface RestResource {

    /** Declares this resource's routes. Called once each time the service is bound. */
    void routes(Routes routes);
}
