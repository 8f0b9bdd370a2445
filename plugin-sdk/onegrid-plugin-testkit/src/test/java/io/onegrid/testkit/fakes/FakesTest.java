package io.onegrid.testkit.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.security.Access;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.testkit.DemoCounty;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakesTest {

    record Note(String region, String text) {
    }

    /** A resource as a plugin would write one: scoped reads, a permission to write, a JSON body. */
    static final class Notes implements RestResource {
        final List<Note> notes = new ArrayList<>(List.of(new Note(DemoCounty.GRID1, "一"), new Note(DemoCounty.GRID2, "二")));

        @Override
        public void routes(io.onegrid.api.rest.Routes routes) {
            routes.get("/notes", req -> notes.stream()
                    .filter(n -> req.requireCaller().scope().coversRegion(RegionCode.parse(n.region()))).toList());
            routes.get("/notes/count", req -> Map.of("count", notes.size())).anonymous();
            routes.get("/notes/{index}", req -> {
                int i = Integer.parseInt(req.pathParam("index"));
                if (i >= notes.size()) {
                    throw ProblemException.notFound("No note " + i);
                }
                Note n = notes.get(i);
                Access.requireVisible(req.requireCaller(), RegionCode.parse(n.region()), null, "note");
                return n;
            });
            routes.post("/notes", req -> {
                Note n = req.body(Note.class);
                notes.add(n);
                return RestResponse.created("/notes/" + (notes.size() - 1), n);
            }).accepts(Note.class).permission("notes.write");
            routes.post("/notes/import", req -> new String(req.bodyStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().count()).consumes("text/csv");
        }
    }

    @Test
    void theHarnessServesRoutesLikeTheRestBundle() throws Exception {
        Notes notes = new Notes();
        RestHarness api = RestHarness.of(notes);
        assertTrue(api.routes().contains("GET /notes/{index}"));

        var grid1 = Callers.inRegion("gridworker1", DemoCounty.GRID1);
        assertEquals(1, api.get("/notes").as(grid1).send().json().size());
        assertEquals(2, api.get("/notes").as(Callers.countyAdmin(DemoCounty.COUNTY)).send().json().size());
        assertEquals(401, api.get("/notes").send().status());
        assertEquals(2, api.get("/notes/count").send().json().get("count").asInt(), "anonymous, literal before {index}");
        assertEquals(404, api.get("/notes/1").as(grid1).send().status(), "outside the scope: like a missing one");
        assertEquals("not-found", api.get("/notes/7").as(grid1).send().problemType());
        assertEquals(405, api.delete("/notes").as(grid1).send().status());
        assertEquals(404, api.get("/nothing").as(grid1).send().status());

        var writer = Callers.inRegion("op", DemoCounty.TOWN1, "notes.write");
        assertEquals(403, api.post("/notes").as(grid1).json(new Note(DemoCounty.GRID1, "x")).send().status());
        RestHarness.Reply created = api.post("/notes").as(writer).json(new Note(DemoCounty.GRID1, "三")).send();
        assertEquals(201, created.status());
        assertEquals("/notes/2", created.headers().get("Location"));
        assertEquals("三", created.json().get("text").asText());
        RestHarness.Reply unknown = api.post("/notes").as(writer).json("{\"region\":\"1\",\"txt\":\"a\"}").send();
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("detail").asText().contains("txt"), unknown.body());
        assertEquals(400, api.post("/notes").as(writer).send().status(), "no body");
        assertEquals(3, notes.notes.size());

        assertEquals(415, api.post("/notes/import").as(grid1).json("{}").send().status());
        assertEquals("2", api.post("/notes/import").as(grid1).body("text/csv; charset=utf-8",
                "a\nb\n".getBytes(StandardCharsets.UTF_8)).send().body());
    }

    @Test
    void theIntakeChecksLikeTheKernelAndReplaysAKey() {
        FakeWorkOrderIntake intake = new FakeWorkOrderIntake(Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"),
                ZoneOffset.UTC));
        var sensor = Callers.apiToken("sensor", DemoCounty.TOWN1, "workorder.submit");
        Submission s = new Submission(Channels.ALARM, "0603", "水位超警戒", null, new Location(117.1, 36.6), null,
                "WL-0001:1");
        IntakeResult first = intake.submit(sensor, s);
        assertEquals(IntakeResult.Outcome.CREATED, first.outcome());
        assertEquals(WorkOrderState.SUBMITTED, first.order().state());
        assertEquals("sensor", first.order().createdBy());
        IntakeResult again = intake.submit(sensor, s);
        assertEquals(IntakeResult.Outcome.REPLAYED, again.outcome());
        assertEquals(first.order().id(), again.order().id());
        assertEquals(1, intake.orders().size());

        ProblemException conflict = assertThrows(ProblemException.class, () -> intake.submit(sensor,
                new Submission(Channels.ALARM, "0603", "另一个", null, new Location(117.1, 36.6), null, "WL-0001:1")));
        assertEquals(ProblemType.CONFLICT, conflict.type());
        ProblemException invalid = assertThrows(ProblemException.class, () -> intake.submit(sensor,
                new Submission("alarm", "63", "", null, null, null, null)));
        assertEquals(ProblemType.VALIDATION_FAILED, invalid.type());
        assertEquals(4, ((List<?>) invalid.extensions().get("errors")).size());
        ProblemException forbidden = assertThrows(ProblemException.class, () -> intake.submit(Callers.nobody(), s));
        assertEquals(ProblemType.FORBIDDEN, forbidden.type());
        assertEquals(1, intake.submissions().size());
    }

    @Test
    void mqttMessagesReachMatchingSubscriptionsAndFailuresAreKept() {
        FakeMqttConsumers mqtt = new FakeMqttConsumers();
        List<String> levels = new ArrayList<>();
        var sub = mqtt.subscribe("level", "onegrid/+/flood/+/level", (topic, payload) -> {
            String text = new String(payload, StandardCharsets.UTF_8);
            if (!text.startsWith("{")) {
                throw new IllegalArgumentException("not JSON");
            }
            levels.add(topic);
        });
        List<String> all = new ArrayList<>();
        mqtt.subscribe("all", "onegrid/#", (topic, payload) -> all.add(topic));

        assertEquals(2, mqtt.publish("onegrid/370399101000/flood/WL-0001/level", "{\"level\":2.4}"));
        assertEquals(1, mqtt.publish("onegrid/370399101000/flood/WL-0001/level", "garbage"));
        assertEquals(1, mqtt.publish("onegrid/370399101000/fire/C-1/smoke", "{}"));
        assertEquals(1, levels.size());
        assertEquals(3, all.size());
        assertEquals(1, mqtt.failures().size());
        assertEquals("level", mqtt.failures().get(0).subscription());

        sub.close();
        assertFalse(sub.running());
        assertEquals(Map.of("all", "onegrid/#"), mqtt.subscriptions());
        assertTrue(FakeMqttConsumers.matches("a/#", "a"));
        assertFalse(FakeMqttConsumers.matches("a/+", "a/b/c"));
        assertTrue(FakeMqttConsumers.matches("+/b", "a/b"));
    }
}
