package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.security.Caller;
import io.onegrid.testkit.DemoCounty;
import io.onegrid.testkit.fakes.Callers;
import io.onegrid.testkit.fakes.FakeWorkOrderIntake;
import io.onegrid.testkit.fakes.RestHarness;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

/** The REST resource and the service on the test kit's fakes: no container, milliseconds. */
class ${className}ResourceTest {

    static ${className}Config config() {
        return new ${className}Config() {
            @Override public String inboxDirectory() { return ""; }
            @Override public String inboxRegion() { return ""; }
            @Override public String defaultCategory() { return "1002"; }
            @Override public int recentLimit() { return 2; }
            @Override public Class<? extends Annotation> annotationType() { return ${className}Config.class; }
        };
    }

    final FakeWorkOrderIntake intake = new FakeWorkOrderIntake();
    final ${className}Service service = new ${className}Service(intake, config());
    final RestHarness api = RestHarness.of(new ${className}Resource(service));

    final Caller operator = Callers.inRegion("operator1", DemoCounty.TOWN1, Permissions.WORKORDER_SUBMIT,
            Permissions.WORKORDER_READ);
    final Caller otherTown = Callers.inRegion("operator2", DemoCounty.TOWN2, Permissions.WORKORDER_READ);

    @Test
    void aReportBecomesAWorkOrderOnThePluginsChannel() throws Exception {
        RestHarness.Reply reply = api.post("/${pluginId}/reports").as(operator)
                .json(new Report(null, DemoCounty.HOUSE1, "路灯不亮", "r-1")).send();
        assertEquals(201, reply.status(), reply.body());
        assertEquals("/workorders/1", reply.headers().get("Location"));
        assertEquals("CREATED", reply.json().get("outcome").asText());
        assertEquals(${className}Service.CHANNEL, intake.submissions().get(0).channel());
        assertEquals("1002", intake.submissions().get(0).category(), "the configured default category");

        // the same key again creates nothing
        assertEquals("REPLAYED", api.post("/${pluginId}/reports").as(operator)
                .json(new Report(null, DemoCounty.HOUSE1, "路灯不亮", "r-1")).send().json().get("outcome").asText());
        assertEquals(1, intake.orders().size());
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        assertEquals(401, api.post("/${pluginId}/reports").json(new Report(null, DemoCounty.HOUSE1, "x", null))
                .send().status());
        assertEquals(403, api.post("/${pluginId}/reports").as(otherTown)
                .json(new Report(null, DemoCounty.HOUSE1, "x", null)).send().status());
        RestHarness.Reply invalid = api.post("/${pluginId}/reports").as(operator)
                .json(new Report("12", null, "", null)).send();
        assertEquals(422, invalid.status());
        assertEquals("validation-failed", invalid.problemType());
        assertEquals(400, api.post("/${pluginId}/reports").as(operator).json("{\"where\":\"?\"}").send().status());
        assertTrue(intake.orders().isEmpty());
        assertEquals(0, service.accepted());
        assertEquals(1, service.rejected(), "the intake's refusal is counted (401, 403 and 400 stop before the service)");
    }

    @Test
    void theListShowsOnlyReportsInTheCallersScope() throws Exception {
        api.post("/${pluginId}/reports").as(operator).json(new Report(null, DemoCounty.HOUSE1, "一", "a")).send();
        assertEquals(1, api.get("/${pluginId}/reports").as(operator).send().json().size());
        assertEquals(0, api.get("/${pluginId}/reports").as(otherTown).send().json().size());
        for (String key : new String[] {"b", "c"}) {
            api.post("/${pluginId}/reports").as(operator).json(new Report(null, DemoCounty.HOUSE1, key, key)).send();
        }
        assertEquals(2, service.recent(operator).size(), "only recentLimit reports are kept");
    }

    @Test
    void inboxLinesAreParsedAndKeyedByFileAndLine() {
        Report r = Report.parseLine("0502, 37039910120100000001 ,路灯不亮, 已三天", "lights.csv:3");
        assertEquals("0502", r.category());
        assertEquals("37039910120100000001", r.addressCode());
        assertEquals("路灯不亮, 已三天", r.description());
        assertEquals("lights.csv:3", r.idempotencyKey());
        assertEquals(null, Report.parseLine(",370399101201,积水", "a b.csv:1").category());
        assertEquals("a_b.csv:1", Report.parseLine(",370399101201,积水", "a b.csv:1").idempotencyKey());
        assertThrows(ProblemException.class, () -> Report.parseLine("0502,370399101201", "x.csv:1"));
        assertFalse(${className}Routes.isReport("# category,addressCode,description"));
        assertFalse(${className}Routes.isReport("  \r"));
        assertTrue(${className}Routes.isReport("0502,370399101201,积水"));
    }
}
