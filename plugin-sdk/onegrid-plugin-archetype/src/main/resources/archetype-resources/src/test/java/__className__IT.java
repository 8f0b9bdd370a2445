package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.testkit.DemoCounty;
import io.onegrid.testkit.DemoUser;
import io.onegrid.testkit.OneGridOptions;
import io.onegrid.testkit.OneGridTestSupport;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Boots the OneGrid distribution with this plugin installed from its feature, as an integrator would, and uses it
 * through the REST API and the inbox folder: one container for the whole class.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ${className}IT extends OneGridTestSupport {

    static final String INBOX = new File("target/it-inbox").getAbsolutePath();
    static final String CHANNEL = "${pluginId}".toUpperCase(Locale.ROOT).replace('-', '_');

    @Configuration
    public Option[] config() {
        return oneGrid(OneGridOptions.pluginUnderTest(),
                editConfigurationFilePut("etc/${package}.cfg", "inboxDirectory", INBOX),
                editConfigurationFilePut("etc/${package}.cfg", "inboxRegion", DemoCounty.TOWN1),
                systemProperty("plugin.inbox").value(INBOX));
    }

    @Test
    public void reportsFromRestAndTheInboxBecomeWorkOrders() throws Exception {
        awaitHealthy();
        String operator = token(DemoUser.OPERATOR1);
        await("the plugin's routes", () -> get("/${pluginId}/status", operator).status() == 200);

        // a report over REST becomes a work order the operator sees
        Answer created = postJson("/${pluginId}/reports", "{\"addressCode\":\"" + DemoCounty.HOUSE1
                + "\",\"description\":\"路灯不亮 street light out\",\"idempotencyKey\":\"it-1\"}", operator);
        assertEquals(created.body(), 201, created.status());
        long orderId = created.json().get("orderId").asLong();
        JsonNode order = ok(get("/workorders/" + orderId, operator));
        assertEquals(CHANNEL, order.get("channel").asText());
        assertEquals(DemoCounty.GRID1, order.get("gridCode").asText());

        // scope: the grid's worker sees it in the plugin's list, another grid's worker does not
        assertEquals(1, ok(get("/${pluginId}/reports", token(DemoUser.GRIDWORKER1))).size());
        assertEquals(0, ok(get("/${pluginId}/reports", token(DemoUser.GRIDWORKER2))).size());

        // refusals: no permission, bad input (problem+json, nothing created)
        Answer forbidden = postJson("/${pluginId}/reports", "{\"addressCode\":\"" + DemoCounty.HOUSE1
                + "\",\"description\":\"x\"}", token(DemoUser.AUDITOR));
        assertEquals(403, forbidden.status());
        Answer invalid = postJson("/${pluginId}/reports", "{\"addressCode\":\"" + DemoCounty.HOUSE1
                + "\",\"description\":\"\"}", operator);
        assertEquals(invalid.body(), 422, invalid.status());
        assertTrue(invalid.isProblem());

        // the Camel route: a file in the inbox becomes a work order, the file moves to .done
        Path inbox = Path.of(System.getProperty("plugin.inbox"));
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve("lights.csv.part");
        Files.writeString(tmp, "# category,addressCode,description\n0502," + DemoCounty.HOUSE1 + ",路灯不亮 (inbox)\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve("lights.csv"));
        String admin = token(DemoUser.ADMIN);
        JsonNode fromInbox = await("the inbox order", () -> {
            JsonNode page = ok(get("/workorders?channel=" + CHANNEL + "&category=0502", admin));
            return page.get("total").asInt() == 1 ? page.get("items").get(0) : null;
        });
        assertEquals("0502", fromInbox.get("category").asText());
        await("the file moved to .done", () -> Files.exists(inbox.resolve(".done/lights.csv")));
        assertEquals(2, ok(get("/${pluginId}/status", admin)).get("accepted").asInt());

        // the console page: listed for the operator, its module served on the console's origin
        JsonNode extensions = ok(get("/console/extensions", operator));
        assertTrue(extensions.toString(), extensions.toString().contains("\"${pluginId}\""));
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                baseUrl().replace("/api/v1", "/plugins/${pluginId}/page.js"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(page.body().contains("export default"));
    }
}
