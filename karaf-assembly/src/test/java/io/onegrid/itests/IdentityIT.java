package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Identity over HTTP with the demo county: scopes, sign-in, tokens and the region import, as operators and
 * integrators use them.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdentityIT extends OneGridTestSupport {

    static final String TOWN1 = "370399101000";
    static final String GRID_A = "370399101201001"; // gridworker1's grid
    static final String GRID_B = "370399101202001"; // gridworker2's grid, another village of town 1

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    @Test
    public void aGridWorkerGets404ForAnotherGridsResources() throws Exception {
        awaitHealthy();
        String worker = login("gridworker1");
        assertEquals(200, get("/regions/" + GRID_A, worker).status());
        Answer other = get("/regions/" + GRID_B, worker);
        assertEquals("not 403: leak nothing", 404, other.status());
        assertEquals(404, get("/regions/370399999999001", worker).status());
        assertEquals("the same answer as for a region that does not exist",
                other.json().get("type").asText(), get("/regions/370399999999001", worker).json().get("type").asText());
        String admin = login("admin");
        long otherWorkerId = get("/users?q=gridworker2", admin).json().at("/items/0/id").asLong();
        String leader = login("leader1");
        assertEquals(403, get("/users/" + otherWorkerId, worker).status()); // grid workers hold no user.read
        assertEquals(200, get("/users/" + otherWorkerId, leader).status());
        JsonNode me = get("/me", worker).json();
        assertEquals(List.of(GRID_A), codes(me.at("/scope/regions")));
    }

    @Test
    public void aTownOperatorListsExactlyTheTown() throws Exception {
        awaitHealthy();
        String operator = login("operator1");
        Set<String> seen = new TreeSet<>(codes(get("/regions?size=500", operator).json().get("items"), "code"));
        Set<String> townOfAll = new TreeSet<>();
        for (String code : codes(get("/regions?size=500", login("admin")).json().get("items"), "code")) {
            if (code.startsWith("370399101")) {
                townOfAll.add(code);
            }
        }
        assertTrue("the town, its villages and grids: " + townOfAll, townOfAll.size() >= 14);
        assertEquals("exactly the town's subtree", townOfAll, seen);
        Set<String> names = new TreeSet<>(codes(get("/users?size=500", operator).json().get("items"), "username"));
        assertTrue(names.containsAll(Set.of("gridworker1", "gridworker2", "leader1", "mediator1", "operator1")));
        Set<String> inTown = new TreeSet<>();
        get("/users?size=500", login("admin")).json().get("items").forEach(u -> {
            if (u.hasNonNull("regionCode") && u.get("regionCode").asText().startsWith("370399101")) {
                inTown.add(u.get("username").asText());
            }
        });
        assertEquals("exactly the accounts of the town", inTown, names);
        assertEquals(404, get("/regions/370399001000", operator).status()); // town 2
        JsonNode other = get("/regions?size=500", login("operator2")).json();
        other.get("items").forEach(r -> assertTrue(r.get("code").asText().startsWith("370399001")));
    }

    @Test
    public void aRevokedTokenIsRefusedAtOnce() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        Answer issued = postJson("/tokens", "{\"name\":\"gauge gateway\",\"regionCode\":\"" + TOWN1
                + "\",\"permissions\":[\"region.read\"],\"validDays\":30}", admin);
        assertEquals(issued.body(), 201, issued.status());
        String token = issued.json().get("token").asText();
        long id = issued.json().at("/info/id").asLong();
        assertEquals(200, get("/regions/" + GRID_A, token).status());
        assertEquals("the API token's scope is its town", 404, get("/regions/370399001000", token).status());
        assertEquals(403, get("/users", token).status());
        assertEquals(204, http("DELETE", "/tokens/" + id, null, admin, null).status());
        assertEquals(401, get("/regions/" + GRID_A, token).status());

        String session = login("leader1");
        assertEquals(200, get("/me", session).status());
        assertEquals(204, http("POST", "/auth/logout", null, session, null).status());
        assertEquals(401, get("/me", session).status());
    }

    @Test
    public void badCsvRowsAreReportedByLineAndTheTreeStaysAsItWas() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        int before = get("/regions?size=1", admin).json().get("total").asInt();
        String csv = "code,name,parent_code,kind,area\n"
                + "370399101204,新村,370399101000,village,rural\n"           // line 2: good
                + "370399101205,错村,370399102000,village,rural\n"           // line 3: does not fit its parent
                + "370399101204001,新村网格,370399101204,grid,rural\n"       // line 4: good (parent in this file)
                + "370399101204,重复,370399101000,village,rural\n"           // line 5: duplicate of line 2
                + "370399101201,柳树村,370399101000,village,rural\n"         // line 6: exists already
                + "3703991012,短码,370399101000,village,rural\n";            // line 7: bad code
        Answer refused = http("POST", "/regions/import", "text/csv", admin, csv);
        assertEquals(refused.body(), 422, refused.status());
        List<Integer> lines = new ArrayList<>();
        refused.json().get("errors").forEach(e -> lines.add(e.get("line").asInt()));
        assertEquals(List.of(3, 5, 6, 7), lines);
        assertEquals(before, get("/regions?size=1", admin).json().get("total").asInt());
        assertEquals(404, get("/regions/370399101204", admin).status());

        String good = "code,name,parent_code,kind,area\n"
                + "370399101204001,新村网格,370399101204,grid,rural\n"
                + "370399101204,新村,370399101000,village,rural\n";
        Answer imported = http("POST", "/regions/import", "text/csv", admin, good);
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(2, imported.json().get("created").asInt());
        assertEquals(before + 2, get("/regions?size=1", admin).json().get("total").asInt());
        assertEquals("grid workers import nothing", 403,
                http("POST", "/regions/import", "text/csv", login("gridworker1"), good).status());
    }

    @Test
    public void repeatedFailuresLockTheAccountAndAreAudited() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        Answer created = postJson("/users", "{\"username\":\"lockme\",\"displayName\":\"锁定测试\",\"password\":"
                + "\"correct-horse-1\",\"regionCode\":\"" + GRID_A + "\",\"roles\":[\"grid-worker\"]}", admin);
        assertEquals(created.body(), 201, created.status());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, postJson("/auth/login", "{\"username\":\"lockme\",\"password\":\"wrong-" + i + "\"}",
                    null).status());
        }
        Answer locked = postJson("/auth/login", "{\"username\":\"lockme\",\"password\":\"correct-horse-1\"}", null);
        assertEquals("locked even with the right password", 429, locked.status());
        JsonNode audit = get("/audit?actor=lockme&size=50", admin).json();
        Set<String> actions = new TreeSet<>();
        audit.get("items").forEach(r -> actions.add(r.get("action").asText()));
        assertTrue(actions.toString(), actions.containsAll(Set.of("auth.login-failed", "auth.locked",
                "auth.login-refused")));
        assertTrue(get("/audit/verify", admin).json().get("intact").asBoolean());
    }

    @Test
    public void nobodyGrantsMoreThanTheyHold() throws Exception {
        awaitHealthy();
        String operator = login("operator1");
        Answer escalation = postJson("/users", "{\"username\":\"sneaky\",\"displayName\":\"x\",\"password\":"
                + "\"long-enough-1\",\"regionCode\":\"" + TOWN1 + "\",\"roles\":[\"county-admin\"]}", operator);
        assertEquals(422, escalation.status());
        Answer outside = postJson("/users", "{\"username\":\"outsider\",\"displayName\":\"x\",\"password\":"
                + "\"long-enough-1\",\"regionCode\":\"370399001000\",\"roles\":[\"grid-worker\"]}", operator);
        assertEquals(422, outside.status());
        assertTrue(outside.body(), outside.body().contains("outside your scope"));
        assertFalse(get("/users?q=sneaky", login("admin")).body().contains("sneaky\""));
    }

    private static List<String> codes(JsonNode array, String member) {
        List<String> codes = new ArrayList<>();
        array.forEach(n -> codes.add(n.get(member).asText()));
        return codes;
    }

    private static List<String> codes(JsonNode array) {
        List<String> codes = new ArrayList<>();
        array.forEach(n -> codes.add(n.asText()));
        return codes;
    }
}
