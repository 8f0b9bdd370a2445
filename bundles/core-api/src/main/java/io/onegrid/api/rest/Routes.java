package io.onegrid.api.rest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a {@link RestResource} declares its routes. Paths are relative to {@code /api/v1}, start with {@code /} and
 * may hold variables in braces ({@code /settings/{key}}) that match one path segment each. A literal segment wins over
 * a variable, so {@code /grids/locate} and {@code /grids/{code}} can coexist.
 */
@ProviderType
public interface Routes {

    Route get(String path, RestHandler handler);

    Route post(String path, RestHandler handler);

    Route put(String path, RestHandler handler);

    Route patch(String path, RestHandler handler);

    Route delete(String path, RestHandler handler);
}
