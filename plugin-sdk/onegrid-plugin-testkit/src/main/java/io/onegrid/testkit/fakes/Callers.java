package io.onegrid.testkit.fakes;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.util.Set;

/**
 * Callers for unit tests, with the scope and permissions a test chooses (in the running system the identity bundle
 * derives them from the account's roles). Plugins must filter every query by {@link Caller#scope()}: test with a
 * caller inside and one outside the data.
 */
public final class Callers {

    private Callers() {
    }

    /** A user whose scope is one region (and everything below it), holding {@code permissions}. */
    public static Caller inRegion(String name, String regionCode, String... permissions) {
        return user(name, DataScope.ofRegion(RegionCode.parse(regionCode)), permissions);
    }

    /** A user whose scope is one department's items, holding {@code permissions}. */
    public static Caller inDepartment(String name, String department, String... permissions) {
        return user(name, DataScope.ofDepartment(department), permissions);
    }

    /** A user with any scope. */
    public static Caller user(String name, DataScope scope, String... permissions) {
        return new Caller(name, name, Caller.Kind.USER, (long) Math.abs(name.hashCode()), Set.of(),
                Set.of(permissions), scope);
    }

    /** The county administrator: every permission ({@code *}) over the whole region {@code countyCode}. */
    public static Caller countyAdmin(String countyCode) {
        return new Caller("admin", "admin", Caller.Kind.USER, 1L, Set.of("county-admin"), Set.of("*"),
                DataScope.ofRegion(RegionCode.parse(countyCode)));
    }

    /** An API token (a device or third-party system) bound to a region. */
    public static Caller apiToken(String name, String regionCode, String... permissions) {
        return new Caller(name, name, Caller.Kind.API_TOKEN, null, Set.of(), Set.of(permissions),
                DataScope.ofRegion(RegionCode.parse(regionCode)));
    }

    /** A signed-in user who may do nothing and see nothing. */
    public static Caller nobody() {
        return user("nobody", DataScope.none());
    }
}
