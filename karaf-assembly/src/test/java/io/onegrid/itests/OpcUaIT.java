package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Flood levels over OPC UA end to end: the device simulator (samples/device-simulator, its own process) serves the
 * demo station WL-0001 as an OPC UA variable; the test installs {@code onegrid-flood} and then
 * {@code onegrid-device-opcua} at run time (both in the distribution's system/, so no Maven repository is needed, and
 * in this order to show the plugin picks up the OPC UA API without a refresh), maps the station's node, and: a level
 * above the warning level (2.0 m) raises one alarm and exactly one work order; a bad value is counted and the next
 * good one still counts; falling water clears the alarm; the server stopped and started again is reconnected to and
 * the next change is stored. Prints the cost of installing the OPC UA feature (time, resident memory).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OpcUaIT extends OneGridTestSupport {

    static final String NODE = "ns=2;s=WL-0001/level";

    @Inject
    protected FeaturesService features;

    @Inject
    protected ConfigurationAdmin configs;

    private Process simulator;
    private BlockingQueue<String> simulatorOut;

    @Configuration
    public Option[] config() {
        String jar = new File(System.getProperty("onegrid.simulator",
                "../samples/device-simulator/target/onegrid-device-simulator.jar")).getAbsolutePath();
        return oneGrid(editConfigurationFilePut("etc/io.onegrid.flood.cfg", "minDurationSeconds", "0"),
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "hysteresisMetres", "0.1"),
                // the broker is not needed here: the MQTT subscription waits quietly
                editConfigurationFilePut("etc/io.onegrid.device.mqtt.cfg", "brokerUrl",
                        "tcp://127.0.0.1:" + freePort()),
                editConfigurationFilePut("etc/io.onegrid.device.opcua.cfg", "maxRetrySeconds", "2"),
                editConfigurationFilePut("etc/io.onegrid.device.opcua.cfg", "publishingIntervalMillis", "200"),
                systemProperty("onegrid.test.simulator").value(jar),
                systemProperty("onegrid.test.opcuaPort").value(String.valueOf(freePort())),
                systemProperty("onegrid.test.reportDir").value(new File("target").getAbsolutePath()));
    }

    @After
    public void stopSimulator() {
        if (simulator != null) {
            simulator.destroyForcibly();
        }
    }

    @Test
    public void levelsFromAnOpcUaServerRaiseOneAlarmAndOneOrderAndSurviveAServerRestart() throws Exception {
        awaitHealthy();
        EnumSet<FeaturesService.Option> noRefresh = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        features.installFeatures(Set.of("onegrid-flood"), noRefresh);
        String admin = login("admin");
        await("the demo station WL-0001", () -> get("/flood/stations/WL-0001", admin).status() == 200 ? true : null,
                admin);

        // the cost of the OPC UA feature, installed into the running container (RSS and heap after a full GC)
        long[] before = memory();
        long installStart = System.nanoTime();
        features.installFeatures(Set.of("onegrid-device-opcua"), noRefresh);
        long installMs = (System.nanoTime() - installStart) / 1_000_000;
        assertTrue(features.isInstalled(features.getFeature("onegrid-device-opcua")));
        await("the opcua health check", () -> get("/health").json().at("/checks/opcua/status").asText()
                .equals("UP") ? true : null, admin);
        long readyMs = (System.nanoTime() - installStart) / 1_000_000;
        long[] after = memory();
        String cost = String.format("feature:install onegrid-device-opcua: %d ms (health check up after %d ms); "
                + "RSS %d -> %d MB, heap used %d -> %d MB%n", installMs, readyMs, before[0] / 1024, after[0] / 1024,
                before[1] >> 20, after[1] >> 20);
        System.out.print(cost);
        Files.writeString(Path.of(System.getProperty("onegrid.test.reportDir"), "opcua-install-cost.txt"), cost);

        int port = Integer.getInteger("onegrid.test.opcuaPort");
        startSimulator(port);
        Dictionary<String, Object> map = new Hashtable<>();
        map.put("endpointUrl", "opc.tcp://127.0.0.1:" + port + "/onegrid");
        map.put("stations", "WL-0001=" + NODE);
        map.put("samplingIntervalMillis", 100);
        configs.getConfiguration("io.onegrid.flood.opcua", null).update(map);
        awaitSubscribed(admin);

        // readings laid out an hour apart in the past, like FloodIT's, so that only the level rule speaks (the
        // station's rate-of-rise rule looks at readings less than an hour apart)
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES).minusHours(6);

        // above the warning level: one alarm, one work order for gridworker1's grid
        command("set WL-0001 2.5 " + t0.plusHours(1));
        JsonNode alarm = await("an active alarm with its order", () -> {
            JsonNode list = ok(get("/flood/alarms?state=active", admin));
            return list.size() == 1 && list.get(0).hasNonNull("workOrderId") ? list.get(0) : null;
        }, admin);
        long alarmId = alarm.get("id").asLong();
        assertEquals("WL-0001", alarm.get("stationCode").asText());
        assertEquals("LEVEL", alarm.get("type").asText());
        assertEquals(2.5, alarm.get("peakLevel").asDouble(), 1e-9);
        JsonNode order = ok(get("/workorders/" + alarm.get("workOrderId").asLong(), admin));
        assertEquals("ALARM", order.get("channel").asText());
        assertEquals("gridworker1", order.get("assignee").asText());
        assertEquals("exactly one work order", 1, ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());

        // a sensor fault is refused with its reason and counted; the next good value still counts
        long malformed = rejected(admin, "MALFORMED");
        command("fault WL-0001");
        await("the bad value counted", () -> rejected(admin, "MALFORMED") > malformed
                && get("/health").json().at("/checks/opcua/subscriptions/flood-levels/rejected/BAD_STATUS").asInt()
                        == 1 ? true : null, admin);

        // falling water clears it
        command("set WL-0001 1.5 " + t0.plusHours(2));
        JsonNode cleared = await("the alarm cleared", () -> {
            JsonNode a = alarm(admin, alarmId);
            return "CLEARED".equals(a.get("state").asText()) ? a : null;
        }, admin);
        assertTrue(cleared.get("clearNote").asText(), cleared.get("clearNote").asText().contains("1.50"));

        // the server goes away and comes back on the same port: reconnected, the next change is stored
        simulator.destroy();
        assertTrue(simulator.waitFor(20, TimeUnit.SECONDS));
        await("the loss noticed", () -> !"SUBSCRIBED".equals(opcuaState()) ? true : null, admin);
        startSimulator(port);
        awaitSubscribed(admin);
        command("set WL-0001 1.8 " + t0.plusHours(3));
        String window = ("?from=" + t0 + "&to=" + t0.plusHours(4)).replace("+", "%2B");
        JsonNode readings = await("the reading after the restart", () -> {
            JsonNode r = ok(get("/flood/stations/WL-0001/readings" + window, admin));
            return r.size() == 3 ? r : null;
        }, admin);
        assertEquals("newest first", 1.8, readings.get(0).get("level").asDouble(), 1e-9);
        assertEquals(1.5, readings.get(1).get("level").asDouble(), 1e-9);
        assertEquals(2.5, readings.get(2).get("level").asDouble(), 1e-9);
        assertEquals("still exactly one work order", 1, ok(get("/workorders?channel=ALARM", admin)).get("total")
                .asInt());
        assertEquals(1, ok(get("/flood/alarms", admin)).size());
    }

    private void startSimulator(int port) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        simulator = new ProcessBuilder(java, "-Xmx96m", "-jar", System.getProperty("onegrid.test.simulator"),
                "--codes", "WL-0001", "--manual", "--speed", "1", "--interval", "3600", "--opcua-port",
                String.valueOf(port)).redirectErrorStream(true).start();
        simulatorOut = new LinkedBlockingQueue<>();
        Process p = simulator;
        BlockingQueue<String> out = simulatorOut;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (Exception e) {
                out.add("(simulator output closed: " + e + ")");
            }
        }, "simulator-output");
        reader.setDaemon(true);
        reader.start();
        expect("ready", 60);
    }

    /** Sends a command to the simulator and waits for its "ok". */
    private void command(String line) throws Exception {
        OutputStream in = simulator.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        expect("ok " + line, 20);
    }

    private void expect(String line, int seconds) throws Exception {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = simulatorOut.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) {
                continue;
            }
            seen.append('\n').append(l);
            if (l.equals(line)) {
                return;
            }
        }
        throw new AssertionError("the simulator did not say '" + line + "' within " + seconds + " s:" + seen);
    }

    private static String opcuaState() throws Exception {
        return get("/health").json().at("/checks/opcua/subscriptions/flood-levels/state").asText();
    }

    private static void awaitSubscribed(String admin) throws Exception {
        await("the OPC UA subscription", () -> "SUBSCRIBED".equals(opcuaState()) ? true : null, admin);
    }

    /** Resident memory (kB) of this JVM and used heap (bytes), after a full collection. */
    private static long[] memory() throws Exception {
        System.gc();
        Thread.sleep(500);
        System.gc();
        Runtime r = Runtime.getRuntime();
        return new long[] {rssKb(), r.totalMemory() - r.freeMemory()};
    }

    private static long rssKb() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static JsonNode alarm(String token, long id) throws Exception {
        for (JsonNode a : ok(get("/flood/alarms", token))) {
            if (a.get("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("no alarm " + id);
    }

    private static long rejected(String token, String reason) throws Exception {
        return ok(get("/devices/rejections", token)).at("/byReason/" + reason).asLong();
    }

    private static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    /** Polls for up to a minute; never a fixed sleep. On failure: OPC UA health, alarms, readings, log problems. */
    private static <T> T await(String what, Callable<T> probe, String admin) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        try {
            last = get("/health").json().at("/checks/opcua").toString() + "\nalarms: "
                    + get("/flood/alarms", admin).body() + "\nreadings: "
                    + get("/flood/stations/WL-0001/readings", admin).body();
        } catch (Exception e) {
            last = e.toString();
        }
        throw new AssertionError("waited a minute for " + what + "\nopcua health: " + last + "\n" + logProblems(40));
    }
}
