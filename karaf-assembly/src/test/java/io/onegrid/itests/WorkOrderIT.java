package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The work-order kernel in the running distribution, over HTTP with the demo accounts: a resident's QR report routed
 * by its point to the grid worker, the whole closed loop with its trail, refused transitions, idempotent retries,
 * scope, and a tampered trail caught by verification.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WorkOrderIT extends OneGridTestSupport {

    static final String GRID1 = "370399101201001"; // gridworker1's grid

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    /** Imports a square for gridworker1's grid (idempotent: a re-import replaces it). */
    private static void importGrid() throws Exception {
        Answer imported = http("POST", "/grids/import", "application/geo+json", login("admin"),
                AddressIT.collection(AddressIT.square(GRID1, "柳树村第一网格", 118.00, 36.80, 0.01)));
        assertEquals(imported.body(), 200, imported.status());
    }

    private static String qrReport(String key, String phone) {
        return "{\"channel\":\"QR\",\"category\":\"0901\",\"description\":\"楼上邻居装修噪音，协商无果\","
                + "\"location\":{\"lon\":118.005,\"lat\":36.805},\"reporter\":{\"name\":\"王五\",\"phone\":\""
                + phone + "\"},\"idempotencyKey\":\"" + key + "\"}";
    }

    private static Answer command(long id, String name, String token, String body) throws Exception {
        return http("POST", "/workorders/" + id + "/commands/" + name, body == null ? null : "application/json",
                token, body);
    }

    private static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    @Test
    public void aQrReportIsRoutedByItsPointAndWalksTheWholeLoop() throws Exception {
        awaitHealthy();
        importGrid();
        List<String> topics = Collections.synchronizedList(new ArrayList<>());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(EventConstants.EVENT_TOPIC, "io/onegrid/workorder/*");
        ServiceRegistration<EventHandler> listener = bundleContext.registerService(EventHandler.class,
                e -> topics.add(String.format("%04d ", (Long) e.getProperty("version"))
                        + e.getTopic().substring("io/onegrid/workorder/".length()) + ":" + e.getProperty("id")),
                props);
        try {
            // A resident scans a doorplate and reports without an account.
            Answer submitted = postJson("/workorders", qrReport("qr-it-1", "13700000001"), null);
            assertEquals(submitted.body(), 201, submitted.status());
            JsonNode receipt = submitted.json();
            long id = receipt.get("id").asLong();
            assertTrue(receipt.get("number").asText(), receipt.get("number").asText().matches("WO-\\d{8}-\\d{6,}"));
            assertEquals("SUBMITTED", receipt.get("state").asText());
            assertEquals("CREATED", receipt.get("outcome").asText());
            assertEquals(GRID1, receipt.at("/routing/gridCode").asText());
            assertEquals("gridworker1", receipt.at("/routing/assignee").asText());
            assertEquals("370399101000", receipt.at("/routing/commandCentre").asText());
            assertTrue("an anonymous receipt carries no order content", receipt.path("order").isMissingNode());
            String tracking = receipt.get("trackingCode").asText();
            JsonNode tracked = ok(get("/track/" + tracking));
            assertEquals(receipt.get("number").asText(), tracked.get("number").asText());
            assertEquals("SUBMITTED", tracked.get("state").asText());
            assertEquals("楼上邻居装修噪音，协商无果", tracked.get("description").asText());
            Answer unknown = get("/track/ABCDEFGHJKMN");
            assertEquals(404, unknown.status());
            assertTrue(unknown.contentType().startsWith("application/problem+json"));

            // The page retries: the same order, nothing new.
            Answer retry = postJson("/workorders", qrReport("qr-it-1", "13700000001"), null);
            assertEquals(retry.body(), 200, retry.status());
            assertEquals(id, retry.json().get("id").asLong());
            assertEquals("REPLAYED", retry.json().get("outcome").asText());
            assertEquals("the same tracking code again", tracking, retry.json().get("trackingCode").asText());
            Answer reused = postJson("/workorders", qrReport("qr-it-1", "13900000000"), null);
            assertEquals("a key reused for another report", 409, reused.status());

            String operator = login("operator1");
            String worker = login("gridworker1");
            JsonNode order = ok(get("/workorders/" + id, operator));
            assertEquals("gridworker1", order.get("assignee").asText());
            assertEquals("13700000001", order.at("/reporter/phone").asText());

            ok(command(id, "accept", operator, null));
            assertEquals("DISPATCHED", ok(command(id, "dispatch", operator, null)).get("state").asText());

            Answer illegal = command(id, "close", operator, "{}");
            assertEquals(illegal.body(), 409, illegal.status());
            assertTrue(illegal.contentType(), illegal.contentType().startsWith("application/problem+json"));
            assertEquals("DISPATCHED", illegal.json().get("state").asText());
            List<String> allowed = new ArrayList<>();
            illegal.json().get("allowed").forEach(n -> allowed.add(n.asText()));
            assertEquals(List.of("dispatch", "return", "start"), allowed);
            assertEquals("the operator does not handle", 403, command(id, "start", operator, null).status());
            List<String> offered = new ArrayList<>();
            ok(get("/workorders/" + id + "/commands", worker)).forEach(n -> offered.add(n.asText()));
            assertEquals(List.of("return", "start", "request-joint", "comment"), offered);

            long version = ok(get("/workorders/" + id, worker)).get("version").asLong();
            assertEquals(409, command(id, "start", worker, "{\"expectedVersion\":" + (version - 1) + "}").status());
            ok(command(id, "start", worker, "{\"expectedVersion\":" + version + "}"));
            // Evidence files are uploaded and named in AttachmentIT; a made-up hash is refused since they are stored.
            ok(command(id, "resolve", worker, "{\"comment\":\"已上门调解，双方约定施工时间\"}"));
            ok(command(id, "verify", operator, "{\"comment\":\"回访：居民确认已解决\"}"));
            ok(command(id, "rate", operator, "{\"rating\":5,\"comment\":\"满意\"}"));
            JsonNode closed = ok(command(id, "close", operator, null));
            assertEquals("CLOSED", closed.get("state").asText());
            assertEquals(5, closed.get("rating").asInt());
            JsonNode trackedClosed = ok(get("/track/" + tracking));
            assertEquals("CLOSED", trackedClosed.get("state").asText());
            assertFalse("rated by the command centre on the revisit", trackedClosed.get("canRate").asBoolean());
            assertEquals(409, postJson("/track/" + tracking + "/rating", "{\"rating\":1}", null).status());

            JsonNode trail = ok(get("/workorders/" + id + "/trail", operator));
            List<String> steps = new ArrayList<>();
            trail.forEach(r -> steps.add(r.get("command").asText() + ":" + r.get("actor").asText()));
            assertEquals(List.of("submit:resident", "accept:operator1", "dispatch:operator1", "start:gridworker1",
                    "resolve:gridworker1", "verify:operator1", "rate:operator1", "close:operator1"), steps);
            assertEquals("柳树村第一网格网格员 Grid worker 1", trail.get(4).get("actorName").asText());
            assertEquals("IN_PROGRESS", trail.get(4).get("fromState").asText());
            assertEquals("RESOLVED", trail.get(4).get("toState").asText());
            assertEquals(0, trail.get(4).get("attachments").size());
            JsonNode verified = ok(get("/workorders/" + id + "/trail/verify", operator));
            assertTrue(verified.toString(), verified.get("intact").asBoolean());
            assertEquals(8, verified.get("checked").asInt());

            long deadline = System.currentTimeMillis() + 10_000;
            while (topics.size() < 8 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            // Posted asynchronously from each request's thread: ordered by the order's version, not by arrival.
            List<String> byVersion = new ArrayList<>(topics);
            Collections.sort(byVersion);
            assertEquals(List.of("CREATED:" + id, "ACCEPTED:" + id, "DISPATCHED:" + id, "STARTED:" + id,
                    "RESOLVED:" + id, "VERIFIED:" + id, "RATED:" + id, "CLOSED:" + id),
                    byVersion.stream().map(t -> t.substring(5)).toList());
        } finally {
            listener.unregister();
        }
    }

    @Test
    public void anotherGridsWorkerNeitherSeesNorListsTheOrder() throws Exception {
        awaitHealthy();
        importGrid();
        JsonNode receipt = postJson("/workorders", qrReport("qr-it-scope", "13700000002").replace("0901", "0902"),
                null).json();
        long id = receipt.get("id").asLong();
        String other = login("gridworker2");
        Answer hidden = get("/workorders/" + id, other);
        assertEquals(hidden.body(), 404, hidden.status());
        assertEquals(404, get("/workorders/" + id + "/trail", other).status());
        assertEquals(404, command(id, "start", other, null).status());
        JsonNode list = ok(get("/workorders?size=500", other));
        list.get("items").forEach(o -> assertFalse(o.toString(), o.get("id").asLong() == id));
        JsonNode mine = ok(get("/workorders?size=500&state=SUBMITTED", login("gridworker1")));
        boolean found = false;
        for (JsonNode o : mine.get("items")) {
            found |= o.get("id").asLong() == id;
            assertEquals("masked in lists", "137****0002", o.at("/reporter/phone").asText());
        }
        assertTrue(mine.toString(), found);
        assertEquals("a grid worker holds no dispatch permission", 403, command(id, "accept", login("gridworker1"),
                null).status());
        assertEquals("no department: water1 does not see it", 404, command(id, "accept", login("water1"), null)
                .status());
        JsonNode categories = ok(get("/categories"));
        assertEquals("the residents' page lists categories without sign-in", 52, categories.size());
        String admin = login("admin");
        JsonNode lamp = ok(get("/categories/0502"));
        assertEquals(403, putJson("/categories/0502", "{\"department\":\"enforcement\"}", login("operator1"))
                .status());
        JsonNode changed = ok(putJson("/categories/0502", "{\"department\":\"enforcement\",\"version\":"
                + lamp.get("version").asLong() + "}", admin));
        assertEquals("enforcement", changed.get("department").asText());
        assertEquals("a change keeps what it does not name", lamp.get("nameZh").asText(), changed.get("nameZh").asText());
        assertEquals(409, putJson("/categories/0502", "{\"department\":\"water\",\"version\":"
                + lamp.get("version").asLong() + "}", admin).status());
        assertEquals("only QR reports may be anonymous", 401, postJson("/workorders",
                qrReport("h-1", "13700000003").replace("\"QR\"", "\"HOTLINE\""), null).status());
    }

    @Test
    public void aTamperedTrailRecordIsCaught() throws Exception {
        awaitHealthy();
        importGrid();
        String operator = login("operator1");
        Answer created = postJson("/workorders", "{\"channel\":\"HOTLINE\",\"category\":\"0601\",\"description\":"
                + "\"幸福路水管爆裂\",\"location\":{\"lon\":118.006,\"lat\":36.806},\"reporter\":{\"name\":\"赵六\","
                + "\"phone\":\"13700000004\"},\"idempotencyKey\":\"call-it-tamper\"}", operator);
        assertEquals(created.body(), 201, created.status());
        long id = created.json().get("id").asLong();
        assertEquals("water", created.json().at("/routing/department").asText());
        ok(command(id, "accept", operator, null));
        ok(command(id, "reject", operator, "{\"reason\":\"重复报告\"}"));
        assertTrue(ok(get("/workorders/" + id + "/trail/verify", operator)).get("intact").asBoolean());

        // An intruder with database access rewrites the reason of record 3.
        ServiceReference<DataSource> ref = bundleContext.getServiceReferences(DataSource.class,
                "(osgi.jndi.service.name=onegrid)").iterator().next();
        DataSource ds = bundleContext.getService(ref);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE og_wo_trail SET reason = ? WHERE order_id = ? AND seq = 3")) {
            ps.setString(1, "群众诉求不合理");
            ps.setLong(2, id);
            assertEquals(1, ps.executeUpdate());
        } finally {
            bundleContext.ungetService(ref);
        }
        JsonNode broken = ok(get("/workorders/" + id + "/trail/verify", operator));
        assertFalse(broken.get("intact").asBoolean());
        assertEquals(3, broken.get("firstBrokenSeq").asInt());
        String shell = execute("onegrid:wo-verify-trail " + id);
        assertTrue(shell, shell.contains("BROKEN at record 3"));
        String listed = execute("onegrid:wo-list -s REJECTED");
        assertTrue(listed, listed.contains(created.json().get("number").asText()));
        String shown = execute("onegrid:wo-show " + id);
        assertTrue(shown, shown.contains("reject") && shown.contains("operator1"));
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        print.flush();
        return out.toString(StandardCharsets.UTF_8);
    }
}
