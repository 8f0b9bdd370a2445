package io.onegrid.sample.brightkitchen.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.testkit.Mqtt;
import io.onegrid.testkit.OneGridTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The sample plugin as an integrator meets it: the OneGrid distribution (the tar.gz karaf-assembly builds) boots
 * without it; {@code feature:repo-add} of the sample's feature repository (from a Maven repository laid out under
 * target, as a company's repository would hold it) and {@code feature:install} bring it up at run time; camera events
 * published to the distribution's embedded broker (through the test kit's publisher) make exactly one
 * work order, routed to the grid's worker; the console lists the page; {@code feature:uninstall} removes every sample
 * bundle and leaves the core working, with the order and the events kept. Without a broker the MQTT part is skipped
 * (with {@code CI=true} it fails). Built on the SDK's test kit ({@link OneGridTestSupport}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrightKitchenIT extends OneGridTestSupport {

    static final String VERSION = System.getProperty("onegrid.version", "0.1.0-SNAPSHOT");
    static final String REPO = "mvn:io.onegrid/onegrid-plugin-bright-kitchen/" + VERSION + "/xml/features";
    static final String BSN = "io.onegrid.sample.brightkitchen";
    static final String TOPIC = "onegrid/370399101000/kitchen/BK-0001/event";
    static final String GRID1 = "370399101201001";
    static final HttpClient HTTP = HttpClient.newBuilder().build();

    @Inject
    protected SessionFactory sessions;

    @Configuration
    public Option[] config() throws IOException {
        Path repo = mavenRepositoryWithTheSample();
        // The test kit's container (the distribution on free ports, the demo county), but the sample NOT installed at
        // boot: the test installs it at run time, from a repository the container reads besides its own.
        // -Donegrid.test.keepRuntime=true keeps target/exam/<run> (its data/log/karaf.log) for a post-mortem
        Option keep = Boolean.getBoolean("onegrid.test.keepRuntime")
                ? org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder()
                : org.ops4j.pax.exam.CoreOptions.composite();
        return oneGrid(keep, editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.defaultRepositories",
                "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                        + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                        + repo.toUri() + "@id=bright-kitchen@snapshots"));
    }

    /** target/it-repository in Maven layout, holding the built bundle and feature repository (no mvn install). */
    static Path mavenRepositoryWithTheSample() throws IOException {
        Path repo = Path.of(System.getProperty("onegrid.sample.repo")).toAbsolutePath();
        Path dir = repo.resolve("io/onegrid/onegrid-plugin-bright-kitchen/" + VERSION);
        Files.createDirectories(dir);
        Files.copy(Path.of(System.getProperty("onegrid.sample.jar")),
                dir.resolve("onegrid-plugin-bright-kitchen-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(System.getProperty("onegrid.sample.features")),
                dir.resolve("onegrid-plugin-bright-kitchen-" + VERSION + "-features.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        return repo;
    }

    @Test
    public void installsWorksAndUninstallsCleanly() throws Exception {
        awaitHealthy();
        assertTrue("the distribution boots without the sample", sampleBundles() == 0);
        String admin = login("admin");
        int ordersBefore = ok(get("/workorders?channel=ALARM", admin)).get("total").asInt();

        String added = shell("feature:repo-add " + REPO);
        shell("feature:install --no-auto-refresh onegrid-bright-kitchen");
        assertTrue(shell("feature:list -i"), shell("feature:list -i").contains("onegrid-bright-kitchen"));
        assertEquals(added, 1, sampleBundles());
        JsonNode cameras = await("the plugin's REST resource", () -> {
            Answer a = get("/kitchen/cameras", admin);
            return a.status() == 200 && a.json().size() == 1 ? a.json() : null;
        });
        assertEquals(TOPIC, cameras.get(0).get("topic").asText());
        assertEquals(GRID1, cameras.get(0).get("regionCode").asText());
        // the console page: listed for the caller, and its module served on the console's origin
        await("the console extension", () -> {
            for (JsonNode e : ok(get("/console/extensions", admin))) {
                if ("bright-kitchen".equals(e.path("id").asText())) {
                    return true;
                }
            }
            return null;
        });
        HttpResponse<String> module = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("onegrid.test.httpPort") + "/plugins/bright-kitchen/console.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, module.statusCode());
        assertTrue(module.body().contains("export default function mount"));
        assertEquals("bad input is problem+json", 400, get("/kitchen/events?limit=0", admin).status());
        assertTrue(get("/kitchen/events?limit=0", admin).contentType().startsWith("application/problem+json"));
        assertEquals("scope: another grid's worker sees no camera", 0,
                ok(get("/kitchen/cameras", login("gridworker2"))).size());

        boolean mqtt = Mqtt.broker().answers();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue("CI needs an MQTT broker on " + Mqtt.broker().url(), mqtt);
        }
        Assume.assumeTrue("no MQTT broker on " + Mqtt.broker().url(), mqtt);
        await("the MQTT subscription", () -> get("/health").json()
                .at("/checks/mqtt/subscriptions/bright-kitchen").asText().contains("(connected)") ? true : null);

        // one incident (two events five minutes apart), one event below the threshold, one garbage message
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS).minusMinutes(20);
        publish(event(t0, "NO_MASK", 0.93));
        publish(event(t0.plusMinutes(5), "NO_MASK", 0.91));
        publish(event(t0.plusMinutes(6), "SMOKING", 0.4));
        publish("garbage{");
        JsonNode events = await("three events, two on one order", () -> {
            JsonNode list = ok(get("/kitchen/events", admin));
            int withOrder = 0;
            for (JsonNode e : list) {
                withOrder += e.hasNonNull("workOrderId") ? 1 : 0;
            }
            return list.size() == 3 && withOrder == 2 ? list : null;
        });
        long orderId = events.get(1).get("workOrderId").asLong();
        assertEquals(orderId, events.get(2).get("workOrderId").asLong());
        assertFalse("below the threshold: no incident", events.get(0).hasNonNull("incidentId"));
        assertEquals("one incident, one order", ordersBefore + 1,
                ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());
        JsonNode order = ok(get("/workorders/" + orderId, admin));
        assertEquals("ALARM", order.get("channel").asText());
        assertEquals("the category the plugin added", "0891", order.get("category").asText());
        assertEquals(GRID1, order.get("gridCode").asText());
        assertEquals("gridworker1", order.get("assignee").asText());
        assertTrue(order.get("description").asText(), order.get("description").asText().contains("未戴口罩"));
        assertEquals("the grid worker sees it", 200, get("/workorders/" + orderId, login("gridworker1")).status());

        // uninstall at run time: no sample bundle left, the core goes on, the order and the data stay
        shell("feature:uninstall --no-auto-refresh onegrid-bright-kitchen");
        shell("feature:repo-remove " + REPO);
        assertEquals("no sample bundle remains", 0, sampleBundles());
        await("the plugin's routes gone", () -> get("/kitchen/events", admin).status() == 404 ? true : null);
        for (JsonNode e : ok(get("/console/extensions", admin))) {
            assertFalse("the console page is gone", "bright-kitchen".equals(e.path("id").asText()));
        }
        assertEquals("the module is no longer served", 404, moduleStatus());
        assertEquals("UP", awaitHealthy().get("status").asText());
        assertEquals(200, get("/workorders/" + orderId, login("operator1")).status());
        assertEquals(ordersBefore + 1, ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());
    }

    // ---- helpers (REST, sign-in and waiting come from the SDK's OneGridTestSupport) ---------------------------

    int sampleBundles() {
        int n = 0;
        for (Bundle b : bundleContext.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                n++;
            }
        }
        return n;
    }

    /** Runs a Karaf shell command as the console's admin would; a failing command fails the test with its output. */
    String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            // feature:* commands are guarded by the shell's role-based ACL
            Subject admin = new Subject();
            admin.getPrincipals().add(new UserPrincipal("admin"));
            admin.getPrincipals().add(new RolePrincipal("admin"));
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            throw new AssertionError(command + " failed: " + e.getCause() + "\n"
                    + bytes.toString(StandardCharsets.UTF_8), e.getCause());
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String event(OffsetDateTime ts, String type, double confidence) {
        return "{\"ts\":\"" + ts + "\",\"type\":\"" + type + "\",\"confidence\":" + confidence
                + ",\"snapshot\":\"https://cam.example/bk/" + ts.toEpochSecond() + ".jpg\"}";
    }

    static void publish(String payload) throws IOException {
        Mqtt.broker().publish(TOPIC, payload);
    }

    static int moduleStatus() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("onegrid.test.httpPort") + "/plugins/bright-kitchen/console.js")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
