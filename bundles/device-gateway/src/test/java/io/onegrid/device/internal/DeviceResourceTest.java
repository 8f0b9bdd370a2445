package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.rest.RestHandler;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Route;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PUT /devices/{code}/credentials and the hasCredentials flag, on the JDBC registry in Derby. */
class DeviceResourceTest {

    static final Caller GRID2 = new Caller("gridworker2", "g", Caller.Kind.USER, 2L, Set.of(), Set.of(),
            DataScope.ofRegion(RegionCode.parse("370399101202001")));

    JdbcDeviceRegistry registry;
    final Map<String, RestHandler> handlers = new HashMap<>();
    final Map<String, String> permissions = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        DataSource ds = TestDatabases.derby();
        for (String file : List.of("V1__devices.sql", "V2__retired.sql", "V3__credentials.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/device/" + file);
                    Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
                for (String sql : script.split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
            }
        }
        registry = new JdbcDeviceRegistry(ds, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofSeconds(10));
        registry.register(JdbcDeviceRegistryTest.device("WL-0001", "370399101201001"));
        registry.register(JdbcDeviceRegistryTest.device("WL-0002", "370399101202001"));
        new DeviceResource(registry).routes((Routes) Proxy.newProxyInstance(Routes.class.getClassLoader(),
                new Class<?>[] {Routes.class}, (p, m, args) -> {
                    String key = m.getName().toUpperCase() + " " + args[0];
                    handlers.put(key, (RestHandler) args[1]);
                    return route(key);
                }));
    }

    Route route(String key) {
        return (Route) Proxy.newProxyInstance(Route.class.getClassLoader(), new Class<?>[] {Route.class},
                (p, m, args) -> {
                    if (m.getName().equals("permission")) {
                        permissions.put(key, (String) args[0]);
                    }
                    return p;
                });
    }

    static RestRequest request(Caller caller, String code, Object body) {
        return (RestRequest) Proxy.newProxyInstance(RestRequest.class.getClassLoader(),
                new Class<?>[] {RestRequest.class}, (p, m, args) -> switch (m.getName()) {
                    case "requireCaller" -> caller;
                    case "caller" -> Optional.of(caller);
                    case "pathParam" -> code;
                    case "body" -> body;
                    case "hasBody" -> body != null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    Object call(String route, Caller caller, String code, Object body) throws Exception {
        return handlers.get(route).handle(request(caller, code, body));
    }

    @Test
    void credentialsAreSetWithManagePermissionAndFlaggedInListings() throws Exception {
        String put = "PUT /devices/{code}/credentials";
        assertEquals(DeviceResource.DEVICE_MANAGE, permissions.get(put));
        Object answer = call(put, Caller.SYSTEM, "WL-0001", new DeviceResource.Credentials("secret of gauge one"));
        assertEquals(204, ((RestResponse) answer).status());
        assertTrue(registry.verifyCredentials("WL-0001", "secret of gauge one"));

        @SuppressWarnings("unchecked")
        List<DeviceResource.DeviceListing> listed = (List<DeviceResource.DeviceListing>) call("GET /devices",
                Caller.SYSTEM, null, null);
        assertEquals(List.of("WL-0001:true", "WL-0002:false"), listed.stream()
                .map(d -> d.code() + ":" + d.hasCredentials()).toList());
    }

    @Test
    void badInputAndOtherScopesChangeNothing() throws Exception {
        String put = "PUT /devices/{code}/credentials";
        ProblemException tooShort = assertThrows(ProblemException.class,
                () -> call(put, Caller.SYSTEM, "WL-0001", new DeviceResource.Credentials("short")));
        assertEquals(400, tooShort.type().status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> call(put, Caller.SYSTEM, "WL-0001", new DeviceResource.Credentials(null))).type().status());
        assertEquals(404, assertThrows(ProblemException.class, () -> call(put, GRID2, "WL-0001",
                new DeviceResource.Credentials("secret of gauge one"))).type().status(), "another grid's device");
        assertEquals(404, assertThrows(ProblemException.class, () -> call(put, Caller.SYSTEM, "NOPE",
                new DeviceResource.Credentials("secret of gauge one"))).type().status());
        assertFalse(registry.verifyCredentials("WL-0001", "secret of gauge one"));
        assertEquals(Set.of(), registry.withCredentials(Caller.SYSTEM));
    }
}
