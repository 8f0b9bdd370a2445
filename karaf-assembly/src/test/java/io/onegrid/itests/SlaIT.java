package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * SLA clocks in the running distribution, over HTTP with the demo accounts: a difficult order dispatched to a grid
 * worker, the drill clock ({@code io.onegrid.clock}) moved through ConfigurationAdmin to a day before its deadline and
 * then past it, the scan run over REST: a reminder, then a red light, a supervision order by {@code system},
 * escalation level 1, and the notifications in the grid worker's inbox.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlaIT extends OneGridTestSupport {

    static final String GRID1 = "370399101201001"; // gridworker1's grid

    @Inject
    protected ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    private static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    private static Answer command(long id, String name, String token) throws Exception {
        return http("POST", "/workorders/" + id + "/commands/" + name, null, token, null);
    }

    /** Moves the kernel's clock and waits until the order's remaining time shows it; never a fixed sleep. */
    private void moveClock(long minutes, long id, String token, long expectedRemainingAtMost) throws Exception {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("offsetMinutes", minutes);
        configAdmin.getConfiguration("io.onegrid.clock", null).update(props);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long remaining = Long.MAX_VALUE;
        while (System.nanoTime() < until) {
            remaining = ok(get("/workorders/" + id, token)).at("/sla/remainingSeconds").asLong();
            if (remaining <= expectedRemainingAtMost) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the clock did not move: " + remaining + " s remain");
    }

    private static List<String> inbox(String token) throws Exception {
        List<String> kinds = new ArrayList<>();
        ok(get("/inbox", token)).get("items").forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }

    @Test
    public void aDifficultOrderGoesOverdueIsSupervisedAndEscalated() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        Answer imported = http("POST", "/grids/import", "application/geo+json", admin,
                AddressIT.collection(AddressIT.square(GRID1, "柳树村第一网格", 118.00, 36.80, 0.01)));
        assertEquals(imported.body(), 200, imported.status());
        String operator = login("operator1");
        String worker = login("gridworker1");
        try {
            // The county's calendar is data: 2026's public holidays come with it; only the county edits it.
            assertEquals(33, ok(get("/calendars/2026", operator)).get("holidays").size());
            assertEquals(403, putJson("/calendars/2026", "{\"holidays\":[],\"workdays\":[]}", operator).status());

            // Illegal construction (0301): difficult, level 2; reported by the hotline in gridworker1's grid.
            Answer submitted = postJson("/workorders", "{\"channel\":\"HOTLINE\",\"category\":\"0301\","
                    + "\"description\":\"村口违章搭建彩钢房\",\"location\":{\"lon\":118.005,\"lat\":36.805},"
                    + "\"reporter\":{\"name\":\"赵六\",\"phone\":\"13600000002\"},\"idempotencyKey\":\"sla-it-1\"}",
                    operator);
            assertEquals(submitted.body(), 201, submitted.status());
            long id = submitted.json().get("id").asLong();
            JsonNode noDeadline = submitted.json().at("/order/deadline");
            assertTrue("the clock starts on acceptance", noDeadline.isNull() || noDeadline.isMissingNode());

            JsonNode accepted = ok(command(id, "accept", operator));
            Instant deadline = Instant.parse(accepted.get("deadline").asText());
            assertEquals("GREEN", accepted.at("/sla/light").asText());
            JsonNode dispatched = ok(command(id, "dispatch", operator));
            assertEquals("gridworker1", dispatched.get("assignee").asText());
            assertEquals(List.of("DISPATCHED"), inbox(worker));

            // A drill: two hours before the deadline, the scan reminds the handler.
            long toDeadline = Duration.between(Instant.now(), deadline).toMinutes();
            moveClock(toDeadline - 120, id, operator, Duration.ofHours(2).toSeconds() + 60);
            ok(http("POST", "/sla/scan", null, admin, null));
            assertEquals("YELLOW", ok(get("/workorders/" + id, operator)).at("/sla/light").asText());
            assertEquals(403, http("POST", "/sla/scan", null, operator, null).status());

            // An hour past the deadline: red, supervised, escalated to the department.
            moveClock(toDeadline + 60, id, operator, -Duration.ofMinutes(58).toSeconds());
            ok(http("POST", "/sla/scan", null, admin, null));
            JsonNode red = ok(get("/workorders/" + id, operator));
            assertEquals("RED", red.at("/sla/light").asText());
            assertTrue(red.get("escalationLevel").asInt() >= 1);
            assertEquals(1, red.at("/sla/supervisions").asInt());
            assertNotNull(red.at("/sla/overdueAt").asText(null));

            JsonNode supervisions = ok(get("/workorders/" + id + "/supervisions", operator));
            assertEquals(1, supervisions.size());
            assertEquals("system", supervisions.get(0).get("createdBy").asText());
            assertTrue(supervisions.get(0).get("number").asText().startsWith("DB-"));
            assertEquals(1, supervisions.get(0).get("escalationLevel").asInt());

            List<String> systemSteps = new ArrayList<>();
            ok(get("/workorders/" + id + "/trail", operator)).forEach(r -> {
                if (r.get("actor").asText().equals("system")) {
                    systemSteps.add(r.get("command").asText());
                }
            });
            assertEquals(List.of("remind", "overdue", "escalate", "supervise"), systemSteps);
            assertTrue(ok(get("/workorders/" + id + "/trail/verify", operator)).get("intact").asBoolean());

            assertEquals(List.of("OVERDUE", "REMINDER", "DISPATCHED"), inbox(worker));
            long first = ok(get("/inbox", worker)).at("/items/0/id").asLong();
            assertEquals(404, http("POST", "/inbox/" + first + "/read", null, operator, null).status());
            assertFalse(ok(http("POST", "/inbox/" + first + "/read", null, worker, null)).get("readAt").isNull());
            assertEquals(2, ok(get("/inbox?unread=true", worker)).get("total").asInt());
        } finally {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("offsetMinutes", 0L);
            configAdmin.getConfiguration("io.onegrid.clock", null).update(props);
        }
    }
}
