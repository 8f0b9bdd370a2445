package io.onegrid.api.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.region.RegionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

    private static final RegionCode TOWN = RegionCode.parse("370322101000");
    private static final RegionCode VILLAGE_IN_TOWN = RegionCode.parse("370322101201");
    private static final RegionCode GRID_IN_TOWN = RegionCode.parse("370322101201003");
    private static final RegionCode OTHER_TOWN = RegionCode.parse("370322102000");
    private static final RegionCode VILLAGE_IN_OTHER_TOWN = RegionCode.parse("370322102201");
    private static final RegionCode COUNTY = RegionCode.parse("370322000000");

    private static Caller caller(Set<String> permissions, DataScope scope) {
        return new Caller("li.hua", "李华", Caller.Kind.USER, 7L, Set.of("town-operator"), permissions, scope);
    }

    // ---- require ----------------------------------------------------------------------------------------------

    @Test
    void requirePassesSilentlyWhenThePermissionIsHeld() {
        Caller c = caller(Set.of("region.read", "region.write"), DataScope.none());
        assertDoesNotThrow(() -> Access.require(c, "region.read"));
        assertDoesNotThrow(() -> Access.require(c, "region.write"));
    }

    @Test
    void requireRefusesAMissingPermissionWith403NamingIt() {
        Caller c = caller(Set.of("region.read"), DataScope.unrestricted());
        ProblemException e = assertThrows(ProblemException.class, () -> Access.require(c, "user.write"));
        assertEquals(ProblemType.FORBIDDEN, e.type());
        assertEquals(403, e.type().status());
        assertEquals("https://onegrid.io/problems/forbidden", e.type().uri());
        assertEquals(Map.of("permission", "user.write"), e.extensions());
        assertTrue(e.detail().contains("user.write"), e.detail());
    }

    @Test
    void anUnrestrictedScopeDoesNotGrantPermissions() {
        Caller c = caller(Set.of(), DataScope.unrestricted());
        assertThrows(ProblemException.class, () -> Access.require(c, "region.read"));
    }

    @Test
    void permissionsMatchExactlyNotByPrefixOrCase() {
        Caller c = caller(Set.of("region.read"), DataScope.none());
        for (String other : List.of("region", "region.rea", "region.read.all", "REGION.READ", "region.write", "")) {
            ProblemException e = assertThrows(ProblemException.class, () -> Access.require(c, other), other);
            assertEquals(other, e.extensions().get("permission"));
        }
    }

    @Test
    void theWildcardGrantsEveryPermission() {
        Caller c = caller(Set.of("*"), DataScope.none());
        for (String p : List.of("region.read", "user.write", "audit.read", "anything.at.all", "*")) {
            assertTrue(c.hasPermission(p), p);
            assertDoesNotThrow(() -> Access.require(c, p));
        }
        assertTrue(Caller.SYSTEM.hasPermission("user.write"));
        assertDoesNotThrow(() -> Access.require(Caller.SYSTEM, "settings.write"));
    }

    @Test
    void hasPermissionWithoutWildcard() {
        Caller c = caller(Set.of("region.read", "user.read"), DataScope.none());
        assertTrue(c.hasPermission("region.read"));
        assertTrue(c.hasPermission("user.read"));
        assertFalse(c.hasPermission("user.write"));
        assertFalse(c.hasPermission("*"), "asking for '*' is not granted by ordinary permissions");
        assertFalse(caller(Set.of(), DataScope.unrestricted()).hasPermission("region.read"));
    }

    // ---- requireVisible ---------------------------------------------------------------------------------------

    @Test
    void requireVisibleIsSilentInsideTheScope() {
        Caller c = caller(Set.of(), DataScope.ofRegion(TOWN));
        assertDoesNotThrow(() -> Access.requireVisible(c, TOWN, null, "region " + TOWN));
        assertDoesNotThrow(() -> Access.requireVisible(c, VILLAGE_IN_TOWN, null, "region " + VILLAGE_IN_TOWN));
        assertDoesNotThrow(() -> Access.requireVisible(c, GRID_IN_TOWN, "water-bureau", "work order 17"));
    }

    @Test
    void requireVisibleAnswers404OutsideTheScope() {
        Caller c = caller(Set.of("*"), DataScope.ofRegion(TOWN));
        for (RegionCode outside : List.of(OTHER_TOWN, VILLAGE_IN_OTHER_TOWN, COUNTY)) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> Access.requireVisible(c, outside, null, "region " + outside));
            assertEquals(ProblemType.NOT_FOUND, e.type());
            assertEquals(404, e.type().status());
            assertEquals("No region " + outside, e.detail(), "the same answer as for an item that does not exist");
            assertFalse(e.extensions().containsKey("permission"));
        }
    }

    @Test
    void requireVisibleLetsADepartmentSeeItsItemsAnywhere() {
        Caller c = caller(Set.of(), DataScope.of(List.of(TOWN), List.of("water-bureau")));
        assertDoesNotThrow(() -> Access.requireVisible(c, VILLAGE_IN_OTHER_TOWN, "water-bureau", "work order 1"));
        assertDoesNotThrow(() -> Access.requireVisible(c, null, "water-bureau", "work order 2"));
        ProblemException e = assertThrows(ProblemException.class,
                () -> Access.requireVisible(c, VILLAGE_IN_OTHER_TOWN, "health", "work order 3"));
        assertEquals(ProblemType.NOT_FOUND, e.type());
        assertEquals("No work order 3", e.detail());
        assertThrows(ProblemException.class, () -> Access.requireVisible(c, null, null, "work order 4"),
                "an item with neither region nor department is outside a restricted scope");
    }

    @Test
    void anEmptyScopeSeesNothingAndTheSystemSeesEverything() {
        Caller nobody = caller(Set.of("*"), DataScope.none());
        assertThrows(ProblemException.class, () -> Access.requireVisible(nobody, GRID_IN_TOWN, "health", "x"));
        for (RegionCode r : List.of(COUNTY, TOWN, GRID_IN_TOWN, VILLAGE_IN_OTHER_TOWN)) {
            assertDoesNotThrow(() -> Access.requireVisible(Caller.SYSTEM, r, null, "region " + r));
        }
        assertDoesNotThrow(() -> Access.requireVisible(Caller.SYSTEM, null, "health", "work order 5"));
        assertDoesNotThrow(() -> Access.requireVisible(Caller.SYSTEM, null, null, "work order 6"));
    }

    // ---- Caller -----------------------------------------------------------------------------------------------

    @Test
    void aCallerCopiesItsSetsAndRefusesMissingParts() {
        Set<String> roles = new HashSet<>(Set.of("grid-worker"));
        Set<String> permissions = new HashSet<>(Set.of("region.read"));
        Caller c = new Caller("wang", "王芳", Caller.Kind.USER, 3L, roles, permissions, DataScope.none());
        permissions.add("*");
        roles.add("admin");
        assertFalse(c.hasPermission("user.write"), "granting later to the original set changes nothing");
        assertEquals(Set.of("grid-worker"), c.roles());
        assertThrows(UnsupportedOperationException.class, () -> c.permissions().add("*"));
        assertThrows(NullPointerException.class,
                () -> new Caller(null, "x", Caller.Kind.USER, 1L, Set.of(), Set.of(), DataScope.none()));
        assertThrows(NullPointerException.class,
                () -> new Caller("x", "x", null, 1L, Set.of(), Set.of(), DataScope.none()));
        assertThrows(NullPointerException.class,
                () -> new Caller("x", "x", Caller.Kind.API_TOKEN, null, Set.of(), Set.of(), null));
    }

    @Test
    void theSystemCallerIsUnrestricted() {
        assertEquals(Caller.Kind.SYSTEM, Caller.SYSTEM.kind());
        assertTrue(Caller.SYSTEM.scope().isUnrestricted());
        assertEquals(null, Caller.SYSTEM.userId());
    }
}
