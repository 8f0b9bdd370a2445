package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The flood plugin's console page and dashboard panel (issue #7) in headless Chromium against the booted distribution:
 * {@code onegrid-flood} is installed unless the distribution boots it already; a week of readings for the demo station
 * WL-0001 goes through the distribution's embedded broker with {@code mosquitto_pub}, the last ones above the warning
 * level, so an alarm and its work order exist; then {@code src/test/browser/flood-walk.mjs} signs in as operator1 and
 * sees the alarm on the dashboard panel, opens the station page with its chart and threshold lines, acknowledges the
 * alarm (a town leader sees no such button, another grid's worker neither the alarm nor the station), and does it
 * again in English. Screenshots go to {@code target/browser-screenshots/flood/}.
 *
 * <p>Needs {@code mosquitto_pub}, node and {@code /usr/bin/chromium}; without them it is skipped, or fails when
 * {@code CI=true}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FloodConsoleBrowserIT extends OneGridTestSupport {

    private static final String TOPIC = "onegrid/370399101000/flood/WL-0001/level";
    private static final long WALK_MINUTES = 10;

    @Inject
    protected FeaturesService features;

    /** Runs in the test JVM (working directory: karaf-assembly): hands absolute paths to the container. */
    @Configuration
    public Option[] config() {
        return oneGrid(
                // act on the first reading above the warning level
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "minDurationSeconds", "0"),
                systemProperty("onegrid.test.browserSource").value(new File("src/test/browser").getAbsolutePath()),
                systemProperty("onegrid.test.browserWork").value(new File("target/browser").getAbsolutePath()),
                systemProperty("onegrid.test.screenshots")
                        .value(new File("target/browser-screenshots/flood").getAbsolutePath()),
                systemProperty("onegrid.test.ci").value(String.valueOf("true".equals(System.getenv("CI")))));
    }

    @Test
    public void theOperatorSeesTheAlarmOnTheDashboardAndTheStationChartInBothLanguages() throws Exception {
        awaitHealthy();
        boolean ci = Boolean.getBoolean("onegrid.test.ci");
        // booted by default or not: both work
        if (!features.isInstalled(features.getFeature("onegrid-flood"))) {
            features.installFeatures(Set.of("onegrid-flood"), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        String admin = login("admin");
        String operator = login("operator1");
        await("the demo station WL-0001", () -> get("/flood/stations/WL-0001", admin).status() == 200 ? true : null);

        // the page and the panel are listed for the caller, gated by flood.read, served as modules
        JsonNode listed = await("the flood extensions", () -> {
            JsonNode all = get("/console/extensions", operator).json();
            List<String> ids = new ArrayList<>();
            all.forEach(e -> ids.add(e.get("id").asText() + ":" + e.get("kind").asText() + ":" + e.get("module")
                    .asText() + ":" + e.path("permission").asText()));
            return ids.contains("flood-monitor:PAGE:module:flood.read")
                    && ids.contains("flood-alarms:DASHBOARD_PANEL:module:flood.read") ? all : null;
        });
        assertTrue(listed.toString(), listed.toString().contains("\"url\":\"/plugins/flood/page.js\""));
        HttpClient client = HttpClient.newHttpClient();
        String root = "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort");
        HttpResponse<String> module = client.send(HttpRequest.newBuilder(URI.create(root + "/plugins/flood/panel.js"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals("nosniff", module.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create(root + "/plugins/flood/..%2Fdb%2Fflood"
                + "%2FV1__flood.sql")).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

        boolean broker = brokerAnswers();
        boolean publisher = new File("/usr/bin/mosquitto_pub").canExecute();
        if (ci) {
            assertTrue("CI needs the embedded broker and mosquitto_pub", broker && publisher);
        }
        Assume.assumeTrue("the embedded broker does not answer or no mosquitto_pub", broker && publisher);
        BrowserSupport.requireBrowser(ci);
        await("the MQTT subscription", () -> get("/health").json().at("/checks/mqtt/subscriptions/flood-level")
                .asText().contains("(connected)") ? true : null);

        // a week every three hours below the warning level (2.0 m), then three readings above it, 70 minutes apart
        // (never "less than an hour apart", so no rate-of-rise alarm)
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES);
        List<String> lines = new ArrayList<>();
        OffsetDateTime first = now.minusDays(7).plusHours(1);
        for (OffsetDateTime t = first; t.isBefore(now.minusHours(5)); t = t.plusHours(3)) {
            double hours = ChronoUnit.MINUTES.between(first, t) / 60.0;
            lines.add(reading(t, 1.2 + 0.4 * Math.sin(hours / 9.0)));
        }
        lines.add(reading(now.minusMinutes(210), 2.2));
        lines.add(reading(now.minusMinutes(140), 2.4));
        lines.add(reading(now.minusMinutes(70), 2.5));
        publish(lines);
        String window = "?limit=10000&from=" + first.minusMinutes(1).toString().replace("+", "%2B");
        await(lines.size() + " readings stored", () -> get("/flood/stations/WL-0001/readings" + window, admin).json()
                .size() == lines.size() ? true : null);
        JsonNode alarm = await("the alarm with its work order", () -> {
            JsonNode active = get("/flood/alarms?state=active&station=WL-0001", admin).json();
            return active.size() == 1 && active.get(0).hasNonNull("workOrderId") ? active.get(0) : null;
        });
        assertEquals("LEVEL", alarm.get("type").asText());
        assertEquals("RAISED", alarm.get("state").asText());
        // the plugin writes station rows every few seconds (batched ingest); the page shows the state it loads
        await("WL-0001 in the WARNING state", () -> "WARNING".equals(get("/flood/stations/WL-0001", admin).json()
                .path("state").asText()) ? true : null);

        Path source = Path.of(System.getProperty("onegrid.test.browserSource"));
        Path work = Path.of(System.getProperty("onegrid.test.browserWork"));
        Path shots = Path.of(System.getProperty("onegrid.test.screenshots"));
        BrowserSupport.prepare(source, work, ci);
        BrowserSupport.emptyFolder(shots);
        List<String> output = BrowserSupport.run(work, WALK_MINUTES, "node", "flood-walk.mjs", root,
                shots.toString(), "WL-0001", alarm.get("workOrderNumber").asText());
        Files.write(shots.resolve("walk.log"), output, StandardCharsets.UTF_8);
        String summary = output.stream().filter(l -> l.startsWith("FLOOD-WALK ")).reduce((a, b) -> b).orElse("");
        assertTrue("the walk failed:\n" + String.join("\n", output), summary.startsWith("FLOOD-WALK OK"));
        long screenshots;
        try (var files = Files.list(shots)) {
            screenshots = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.png")).count();
        }
        assertTrue("screenshots: " + screenshots, screenshots >= 8);
        // the button in the browser really acknowledged it
        JsonNode after = get("/flood/alarms?state=active&station=WL-0001", admin).json();
        assertEquals("ACKNOWLEDGED", after.get(0).get("state").asText());
        assertEquals("operator1", after.get(0).get("acknowledgedBy").asText());
    }

    private static String reading(OffsetDateTime ts, double level) {
        return "{\"ts\":\"" + ts + "\",\"level\":" + String.format(java.util.Locale.ROOT, "%.3f", level) + "}";
    }

    /** One mosquitto_pub for all lines (-l: a message per line, in order, over one connection). */
    private static void publish(List<String> payloads) throws Exception {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(mqttPort()), "-q", "1",
                "-t", TOPIC, "-l")
                .redirectErrorStream(true).start();
        p.getOutputStream().write((String.join("\n", payloads) + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("mosquitto_pub: " + out, 0, p.waitFor());
    }

    /** The embedded broker's port: OneGridTestSupport gives every container a free one. */
    private static int mqttPort() {
        return Integer.parseInt(System.getProperty("onegrid.test.mqttPort"));
    }

    private static boolean brokerAnswers() {
        try (Socket s = new Socket("127.0.0.1", mqttPort())) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls for up to a minute; never a fixed sleep. */
    private static <T> T await(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("waited a minute for " + what + "\n" + logProblems(40));
    }
}
