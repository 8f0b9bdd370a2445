package io.onegrid.rest.internal;

import io.onegrid.api.rest.RestHandler;
import io.onegrid.api.rest.Route;
import io.onegrid.api.rest.Routes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of every bound resource. Resources come and go at run time (a plugin is stopped), so lookups work on an
 * immutable snapshot that is rebuilt on each change.
 */
final class RouteTable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    /** The outcome of looking up a request. */
    record Match(RouteDefinition route, Map<String, String> pathParams, Set<String> allowedMethods) {
        boolean found() {
            return route != null;
        }
    }

    /** Every registration in the order it arrived, including routes another resource holds (shadowed). */
    private final Map<Object, List<RouteDefinition>> byOwner = new LinkedHashMap<>();
    private volatile List<RouteDefinition> snapshot = List.of();

    /** Collects the routes one resource declares. */
    final class Collector implements Routes {
        private final String owner;
        private final List<RouteDefinition> routes = new ArrayList<>();

        Collector(String owner) {
            this.owner = owner;
        }

        private Route add(String method, String path, RestHandler handler) {
            RouteDefinition route = new RouteDefinition(method, path, handler, owner);
            routes.add(route);
            return route;
        }

        @Override
        public Route get(String path, RestHandler handler) {
            return add("GET", path, handler);
        }

        @Override
        public Route post(String path, RestHandler handler) {
            return add("POST", path, handler);
        }

        @Override
        public Route put(String path, RestHandler handler) {
            return add("PUT", path, handler);
        }

        @Override
        public Route patch(String path, RestHandler handler) {
            return add("PATCH", path, handler);
        }

        @Override
        public Route delete(String path, RestHandler handler) {
            return add("DELETE", path, handler);
        }
    }

    Collector collector(String owner) {
        return new Collector(owner);
    }

    /**
     * Publishes a resource's routes under {@code key}, replacing what that key had (DS may bind one service twice).
     * A route whose method and path an earlier resource holds is kept but shadowed: it is served once that resource
     * goes. DS may bind a restarted component's new service before it unbinds the old one; dropping the clashing
     * routes then would lose them for good when the old service leaves.
     */
    synchronized void put(Object key, Collector collected) {
        byOwner.remove(key);
        for (RouteDefinition route : collected.routes) {
            RouteDefinition clash = find(route);
            if (clash != null) {
                LOG.warn("Route {} is already served by {}; the one from {} waits until that one goes",
                        route.method + " " + route.template, clash.owner, route.owner);
            }
        }
        byOwner.put(key, List.copyOf(collected.routes));
        rebuild();
    }

    synchronized void remove(Object key) {
        if (byOwner.remove(key) != null) {
            rebuild();
        }
    }

    private RouteDefinition find(RouteDefinition route) {
        for (List<RouteDefinition> routes : byOwner.values()) {
            for (RouteDefinition r : routes) {
                if (clashes(r, route)) {
                    return r;
                }
            }
        }
        return null;
    }

    private static boolean clashes(RouteDefinition a, RouteDefinition b) {
        return a.method.equals(b.method) && a.template.shape().equals(b.template.shape());
    }

    /** The first registration of each method and path wins; later ones stay shadowed. */
    private void rebuild() {
        List<RouteDefinition> all = new ArrayList<>();
        for (List<RouteDefinition> routes : byOwner.values()) {
            for (RouteDefinition route : routes) {
                if (all.stream().noneMatch(r -> clashes(r, route))) {
                    all.add(route);
                }
            }
        }
        all.sort(Comparator.comparing((RouteDefinition r) -> r.template).thenComparing(r -> r.method));
        snapshot = List.copyOf(all);
    }

    /** All routes, most specific path first. */
    List<RouteDefinition> routes() {
        return snapshot;
    }

    Match match(String method, List<String> path) {
        Set<String> allowed = new TreeSet<>();
        for (RouteDefinition route : snapshot) {
            Map<String, String> params = route.template.match(path);
            if (params == null) {
                continue;
            }
            if (route.method.equals(method)) {
                return new Match(route, params, allowed);
            }
            allowed.add(route.method);
        }
        return new Match(null, Map.of(), allowed);
    }
}
