package io.onegrid.api.rest;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles one request. Return the answer body (serialised as JSON with status 200), {@code null} for 204, or a
 * {@link RestResponse} to choose status, headers or a streamed body. Throw
 * {@link io.onegrid.api.problem.ProblemException} to refuse; any other exception is logged and answered as an opaque
 * 500 problem.
 */
@ConsumerType
@FunctionalInterface
public interface RestHandler {

    Object handle(RestRequest request) throws Exception;
}
