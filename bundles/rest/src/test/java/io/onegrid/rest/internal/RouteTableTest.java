package io.onegrid.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.rest.RestHandler;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final RestHandler OLD = req -> "old";
    private static final RestHandler NEW = req -> "new";

    private static RouteTable.Collector routes(RouteTable table, String owner, RestHandler handler) {
        RouteTable.Collector c = table.collector(owner);
        c.get("/auth/login", handler);
        c.post("/auth/login", handler);
        return c;
    }

    @Test
    void aReplacementBoundBeforeTheOldServiceLeavesTakesOverItsRoutes() {
        RouteTable table = new RouteTable();
        table.put(1L, routes(table, "identity", OLD));
        // DS binds the restarted component's service (id 2) first, then unbinds the old one (id 1).
        table.put(2L, routes(table, "identity", NEW));
        assertEquals(OLD, table.match("GET", List.of("auth", "login")).route().handler);
        table.remove(1L);
        RouteTable.Match match = table.match("POST", List.of("auth", "login"));
        assertTrue(match.found(), "the shadowed routes are served once their holder goes");
        assertEquals(NEW, match.route().handler);
        table.remove(2L);
        assertFalse(table.match("GET", List.of("auth", "login")).found());
    }

    @Test
    void aRebindOfTheSameServiceKeepsItsRoutes() {
        RouteTable table = new RouteTable();
        table.put(1L, routes(table, "identity", OLD));
        table.put(1L, routes(table, "identity", NEW));
        assertEquals(NEW, table.match("GET", List.of("auth", "login")).route().handler);
        assertEquals(2, table.routes().size());
    }
}
