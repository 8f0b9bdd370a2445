package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Joint handling (吹哨报到) in the running distribution, over HTTP with the demo accounts: the water department calls
 * in three departments, the town leader approves, each department handles its child to resolved, the parent resolves
 * by itself with the last child, and its trail shows all of it; then the town's analytics count the order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JointIT extends OneGridTestSupport {

    static final String TOWN1 = "370399101000";
    static final String GRID1 = "370399101201001";
    static final List<String> CALLED = List.of("market", "enforcement", "environment");

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    private static Answer command(long id, String name, String token, String body) throws Exception {
        return http("POST", "/workorders/" + id + "/commands/" + name, body == null ? null : "application/json",
                token, body);
    }

    private static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    /** A department handler of {@code department}, created by the county admin (the demo has only water1). */
    private static String handlerOf(String department, String admin) throws Exception {
        String username = department + "-handler";
        Answer created = postJson("/users", "{\"username\":\"" + username + "\",\"displayName\":\"" + department
                + " 处置员\",\"password\":\"" + DEMO_PASSWORD + "\",\"departmentCode\":\"" + department
                + "\",\"roles\":[\"department-handler\"]}", admin);
        assertEquals(created.body(), 201, created.status());
        return login(username);
    }

    @Test
    public void aJointOrderAcrossThreeDepartmentsResolvesWithItsLastChild() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        Answer grid = http("POST", "/grids/import", "application/geo+json", admin,
                AddressIT.collection(AddressIT.square(GRID1, "柳树村第一网格", 118.00, 36.80, 0.01)));
        assertEquals(grid.body(), 200, grid.status());
        Map<String, String> handlers = new java.util.LinkedHashMap<>();
        for (String d : CALLED) {
            handlers.put(d, handlerOf(d, admin));
        }
        String operator = login("operator1");
        String leader = login("leader1");
        String water = login("water1");

        List<String> topics = Collections.synchronizedList(new ArrayList<>());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, new String[] {"io/onegrid/workorder/JOINT_REQUESTED",
                "io/onegrid/workorder/JOINT_APPROVED", "io/onegrid/workorder/RESOLVED"});
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class,
                e -> topics.add(e.getTopic().substring("io/onegrid/workorder/".length()) + ":" + e.getProperty("id")
                        + ":" + e.getProperty("command")), props);
        try {
            // A hotline report: a missing manhole cover, with street stalls and sewage around it.
            Answer submitted = postJson("/workorders", "{\"channel\":\"HOTLINE\",\"category\":\"0501\","
                    + "\"description\":\"井盖缺失，周边占道经营、污水直排\",\"location\":{\"lon\":118.005,\"lat\":36.805},"
                    + "\"reporter\":{\"name\":\"李四\",\"phone\":\"13700000009\"},\"idempotencyKey\":\"joint-it-1\"}",
                    operator);
            assertEquals(submitted.body(), 201, submitted.status());
            long id = submitted.json().get("id").asLong();
            ok(command(id, "accept", operator, null));
            JsonNode dispatched = ok(command(id, "dispatch", operator, null));
            assertEquals("water", dispatched.get("department").asText());

            // The water department blows the whistle; a refused request changes nothing.
            Answer tooFew = command(id, "request-joint", water, "{\"reason\":\"多部门\",\"departments\":[\"market\"]}");
            assertEquals(tooFew.body(), 422, tooFew.status());
            assertTrue(tooFew.contentType(), tooFew.contentType().startsWith("application/problem+json"));
            assertEquals(403, command(id, "request-joint", operator,
                    "{\"reason\":\"多部门\",\"departments\":[\"market\",\"enforcement\"]}").status());
            JsonNode requested = ok(command(id, "request-joint", water, "{\"reason\":\"占道经营、污水直排，需市场监管、"
                    + "综合执法、生态环境联合处置\",\"departments\":[\"market\",\"enforcement\",\"environment\"]}"));
            assertEquals("DISPATCHED", requested.get("state").asText());
            assertEquals(403, command(id, "approve-joint", water, null).status());

            // The town leader approves: one child per department.
            JsonNode approved = ok(command(id, "approve-joint", leader, "{\"comment\":\"同意，24小时内处置\"}"));
            assertEquals("IN_PROGRESS", approved.get("state").asText());
            JsonNode children = ok(get("/workorders/" + id + "/children", operator));
            assertEquals(3, children.size());
            List<String> departments = new ArrayList<>();
            children.forEach(c -> departments.add(c.get("department").asText()));
            assertEquals(CALLED, departments);
            assertEquals(0, ok(get("/workorders/" + id + "/children", water)).size());

            // The parent takes no command while a child is open.
            Answer held = command(id, "resolve", login("gridworker1"), "{\"comment\":\"自己处理了\"}");
            assertEquals(held.body(), 409, held.status());
            assertEquals(3, held.json().get("openChildren").size());

            for (JsonNode child : children) {
                long childId = child.get("id").asLong();
                String department = child.get("department").asText();
                String token = handlers.get(department);
                assertEquals("DISPATCHED", child.get("state").asText());
                assertEquals(id, child.get("parentId").asLong());
                assertTrue(child.get("deadline").isTextual());
                JsonNode mine = ok(get("/workorders", token));
                assertEquals(1, mine.get("total").asInt());
                assertEquals(childId, mine.at("/items/0/id").asLong());
                assertEquals(404, get("/workorders/" + id, token).status());
                ok(command(childId, "start", token, null));
                assertEquals("RESOLVED", ok(command(childId, "resolve", token,
                        "{\"comment\":\"" + department + " 已处置\"}")).get("state").asText());
            }

            JsonNode parent = ok(get("/workorders/" + id, operator));
            assertEquals("RESOLVED", parent.get("state").asText());
            JsonNode trail = ok(get("/workorders/" + id + "/trail", operator));
            List<String> steps = new ArrayList<>();
            trail.forEach(r -> steps.add(r.get("command").asText() + ":" + r.get("actor").asText()));
            assertEquals(List.of("submit:operator1", "accept:operator1", "dispatch:operator1", "request-joint:water1",
                    "approve-joint:leader1", "auto-resolve:system"), steps);
            assertEquals("departments=market,enforcement,environment", trail.get(3).get("detail").asText());
            for (JsonNode child : children) {
                assertTrue(trail.get(4).get("detail").asText(), trail.get(4).get("detail").asText()
                        .contains(child.get("number").asText()));
                JsonNode childTrail = ok(get("/workorders/" + child.get("id").asLong() + "/trail", operator));
                assertEquals("joint-child", childTrail.get(0).get("command").asText());
                assertEquals(3, childTrail.size());
            }
            assertTrue(ok(get("/workorders/" + id + "/trail/verify", operator)).get("intact").asBoolean());

            long deadline = System.currentTimeMillis() + 10_000;
            while (topics.size() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(topics.toString(), topics.contains("JOINT_REQUESTED:" + id + ":request-joint"));
            assertTrue(topics.toString(), topics.contains("JOINT_APPROVED:" + id + ":approve-joint"));
            assertTrue(topics.toString(), topics.contains("RESOLVED:" + id + ":auto-resolve"));

            // The town's figures: one request, resolved; the children count for their departments.
            JsonNode summary = ok(get("/analytics/summary?region=" + TOWN1, leader));
            assertEquals(summary.toString(), 1, summary.at("/measures/total").asInt());
            assertEquals(1, summary.at("/measures/resolved").asInt());
            assertEquals(0, summary.at("/measures/open").asInt());
            assertEquals(1, summary.at("/byState/RESOLVED").asInt());
            JsonNode market = ok(get("/analytics/summary?region=" + TOWN1 + "&department=market", leader));
            assertEquals(1, market.at("/measures/total").asInt());
            assertEquals(1.0, market.at("/measures/onTimeRate").asDouble(), 0.0);
            JsonNode ranking = ok(get("/analytics/rankings?of=department&sort=volume", leader));
            assertEquals(4, ranking.get("items").size());
            assertEquals(400, get("/analytics/breakdown?by=weekday", leader).status());
            Answer bulletin = get("/analytics/bulletin?town=" + TOWN1 + "&format=markdown", leader);
            assertEquals(bulletin.body(), 200, bulletin.status());
            assertTrue(bulletin.contentType(), bulletin.contentType().startsWith("text/markdown"));
            assertTrue(bulletin.body(), bulletin.body().contains("- 新增工单：1 件"));
            assertTrue(bulletin.body(), bulletin.body().contains("- 办结工单：1 件"));
            // gridworker2's grid holds none of it
            assertEquals(0, ok(get("/analytics/summary", login("gridworker2"))).at("/measures/total").asInt());
        } finally {
            listener.unregister();
        }
    }
}
