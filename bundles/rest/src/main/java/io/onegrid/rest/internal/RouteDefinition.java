package io.onegrid.rest.internal;

import io.onegrid.api.rest.RestHandler;
import io.onegrid.api.rest.Route;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A route as declared by a resource, with everything the dispatcher and the OpenAPI document need. */
final class RouteDefinition implements Route {

    final String method;
    final PathTemplate template;
    final RestHandler handler;
    final String owner;
    String summary;
    String tag;
    final Map<String, String> queryParams = new LinkedHashMap<>();
    boolean paged;
    Class<?> acceptsType;
    String consumesType;
    Class<?> returnsType;
    boolean returnsPage;
    boolean anonymous;
    String permission;

    RouteDefinition(String method, String path, RestHandler handler, String owner) {
        this.method = method;
        this.template = PathTemplate.parse(path);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.owner = owner;
    }

    @Override
    public Route summary(String text) {
        this.summary = text;
        return this;
    }

    @Override
    public Route tag(String name) {
        this.tag = name;
        return this;
    }

    @Override
    public Route queryParam(String name, String description) {
        queryParams.put(name, description);
        return this;
    }

    @Override
    public Route paged() {
        this.paged = true;
        return this;
    }

    @Override
    public Route accepts(Class<?> bodyType) {
        this.acceptsType = bodyType;
        return this;
    }

    @Override
    public Route consumes(String mediaType) {
        this.consumesType = mediaType;
        return this;
    }

    @Override
    public Route returns(Class<?> type) {
        this.returnsType = type;
        this.returnsPage = false;
        return this;
    }

    @Override
    public Route returnsPage(Class<?> itemType) {
        this.returnsType = itemType;
        this.returnsPage = true;
        this.paged = true;
        return this;
    }

    @Override
    public Route anonymous() {
        this.anonymous = true;
        return this;
    }

    @Override
    public Route permission(String name) {
        this.permission = name;
        return this;
    }

    Map<String, String> queryParams() {
        return Collections.unmodifiableMap(queryParams);
    }

    @Override
    public String toString() {
        return method + " " + template + " (" + owner + ")";
    }
}
