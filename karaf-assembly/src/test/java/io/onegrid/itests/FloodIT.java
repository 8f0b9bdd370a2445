package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
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
 * Flood sensing end to end: the feature installed at run time, readings published with Debian's
 * {@code mosquitto_pub} to the machine's Mosquitto (127.0.0.1:1883) for the demo station WL-0001 raise one alarm and
 * one work order routed to gridworker1's grid, more readings update it, a garbage payload is counted without
 * stopping the next reading, falling water clears it, and uninstalling and installing the feature keeps every
 * station, alarm and reading. Without a broker or {@code mosquitto_pub} it is skipped (with {@code CI=true} it fails:
 * {@code .ci/run} installs and starts Mosquitto).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FloodIT extends OneGridTestSupport {

    static final String TOPIC = "onegrid/370399101000/flood/WL-0001/level";
    static final String GRID1 = "370399101201001";

    @Inject
    protected FeaturesService features;

    @Inject
    protected org.osgi.service.cm.ConfigurationAdmin configs;

    @Configuration
    public Option[] config() {
        // fast rules for the test: act on the first reading, 10 cm hysteresis
        int sl651 = freePort();
        return oneGrid(editConfigurationFilePut("etc/io.onegrid.device.sl651.cfg", "port", String.valueOf(sl651)),
                org.ops4j.pax.exam.CoreOptions.systemProperty("onegrid.test.sl651Port").value(String.valueOf(sl651)),
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "minDurationSeconds", "0"),
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "hysteresisMetres", "0.1"),
                // a manhole sensor is offline after 3 s of silence, looked for every second
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "offlineScanSeconds", "1"),
                editConfigurationFilePut("etc/io.onegrid.device.cfg", "heartbeatTimeouts", "MANHOLE_SENSOR=3"));
    }

    @Test
    public void readingsOverMqttRaiseOneAlarmAndOneOrderAndClearIt() throws Exception {
        awaitHealthy();
        EnumSet<FeaturesService.Option> noRefresh = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        features.installFeatures(Set.of("onegrid-flood"), noRefresh);
        String admin = login("admin");
        JsonNode station = await("the demo station WL-0001", () -> {
            Answer a = get("/flood/stations/WL-0001", admin);
            return a.status() == 200 ? a.json() : null;
        });
        assertEquals(2.0, station.get("warningLevel").asDouble(), 1e-9);
        assertEquals(3.0, station.get("guaranteeLevel").asDouble(), 1e-9);
        assertEquals(TOPIC, station.get("topic").asText());
        assertEquals(GRID1, station.get("regionCode").asText());

        // no broker: the subscription waits quietly and health stays UP, with the state as a detail
        brokerUrl("tcp://127.0.0.1:" + freePort());
        await("the subscription waiting for the broker", () -> {
            Answer health = get("/health");
            String s = health.json().at("/checks/mqtt/subscriptions/flood-level").asText();
            return health.status() == 200 && "UP".equals(health.json().at("/checks/mqtt/status").asText())
                    && s.contains("waiting") ? true : null;
        });
        boolean ci = "true".equals(System.getenv("CI"));
        boolean broker = brokerAnswers();
        boolean client = new File("/usr/bin/mosquitto_pub").canExecute();
        if (ci) {
            assertTrue("CI needs Mosquitto on 127.0.0.1:1883 and mosquitto_pub (.ci/run starts them)",
                    broker && client);
        }
        Assume.assumeTrue("no MQTT broker on 127.0.0.1:1883 or no mosquitto_pub", broker && client);
        useBroker("tcp://127.0.0.1:1883", admin);

        // other tests of this class add ALARM orders of their own stations
        int alarmOrders = ok(get("/workorders?channel=ALARM", admin)).get("total").asInt();
        // a quiet reading, then water above the warning level (readings ten minutes apart: no rate-of-rise alarm)
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES).minusHours(3);
        publish(reading(t0, 1.0));
        publish(reading(t0.plusHours(1), 2.5));
        JsonNode alarm = await("an active alarm", () -> {
            JsonNode list = ok(get("/flood/alarms?state=active&station=WL-0001", admin));
            return list.size() == 1 && list.get(0).hasNonNull("workOrderId") ? list.get(0) : null;
        });
        long alarmId = alarm.get("id").asLong();
        assertEquals("WL-0001", alarm.get("stationCode").asText());
        assertEquals("LEVEL", alarm.get("type").asText());
        assertEquals("RAISED", alarm.get("state").asText());
        long orderId = alarm.get("workOrderId").asLong();
        JsonNode order = ok(get("/workorders/" + orderId, admin));
        assertEquals("ALARM", order.get("channel").asText());
        assertEquals("0603", order.get("category").asText());
        assertEquals(GRID1, order.get("gridCode").asText());
        assertEquals("gridworker1", order.get("assignee").asText());
        assertEquals("the grid worker sees the order", 200, get("/workorders/" + orderId, login("gridworker1"))
                .status());
        assertEquals(alarmOrders + 1, ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());

        // more readings update the same alarm
        publish(reading(t0.plusMinutes(70), 2.55));
        publish(reading(t0.plusMinutes(80), 2.58));
        await("three readings on the alarm", () -> alarm(admin, alarmId).get("readings").asInt() == 3 ? true : null);
        assertEquals(2.58, alarm(admin, alarmId).get("peakLevel").asDouble(), 1e-9);

        // garbage is counted, and the next good reading still counts
        long malformed = rejected(admin, "MALFORMED");
        publish("garbage{not json");
        await("the garbage counted", () -> rejected(admin, "MALFORMED") > malformed ? true : null);
        publish(reading(t0.plusMinutes(85), 2.6));
        await("the good reading after the garbage", () -> alarm(admin, alarmId).get("readings").asInt() == 4
                ? true : null);

        // scope: another grid's worker does not see the station
        assertEquals(404, get("/flood/stations/WL-0001", login("gridworker2")).status());
        assertEquals(1, ok(get("/flood/stations", login("gridworker1"))).size());

        // the operator acknowledges; falling water (below 2.0 - 0.1) clears it
        Answer ack = http("POST", "/flood/alarms/" + alarmId + "/acknowledge", null, login("operator1"), null);
        assertEquals(ack.body(), 200, ack.status());
        assertEquals("ACKNOWLEDGED", ack.json().get("state").asText());
        publish(reading(t0.plusMinutes(90), 1.95)); // inside the hysteresis band: still active
        publish(reading(t0.plusMinutes(100), 1.5));
        JsonNode cleared = await("the alarm cleared", () -> {
            JsonNode a = alarm(admin, alarmId);
            return "CLEARED".equals(a.get("state").asText()) ? a : null;
        });
        assertTrue(cleared.get("clearNote").asText(), cleared.get("clearNote").asText().contains("1.50"));
        JsonNode trail = await("the clear noted on the order", () -> {
            JsonNode t = ok(get("/workorders/" + orderId + "/trail", admin));
            JsonNode last = t.get(t.size() - 1);
            return "comment".equals(last.get("command").asText()) ? t : null;
        });
        JsonNode note = trail.get(trail.size() - 1);
        assertEquals("system", note.get("actor").asText());
        assertEquals(order.get("state").asText(), note.get("toState").asText());
        assertTrue(note.get("reason").asText(), note.get("reason").asText().startsWith("水位回落至 1.50 m"));
        assertTrue(ok(get("/workorders/" + orderId + "/trail/verify", admin)).get("intact").asBoolean());
        assertEquals("one alarm, one order", alarmOrders + 1, ok(get("/workorders?channel=ALARM", admin)).get("total")
                .asInt());
        assertEquals(1, ok(get("/flood/alarms?station=WL-0001", admin)).size());
        String window = "?from=" + t0.minusMinutes(1) + "&to=" + t0.plusHours(3);
        assertEquals(7, ok(get("/flood/stations/WL-0001/readings" + window.replace("+", "%2B"), admin)).size());
        JsonNode minutes = ok(get("/flood/stations/WL-0001/readings" + window.replace("+", "%2B")
                + "&resolution=minute", admin));
        assertEquals("one bucket per minute with a reading", 7, minutes.size());
        assertEquals(1.5, minutes.get(0).get("level").asDouble(), 1e-9);
        assertEquals(1.5, minutes.get(0).get("min").asDouble(), 1e-9);
        assertEquals(1, minutes.get(0).get("count").asInt());
        JsonNode hours = ok(get("/flood/stations/WL-0001/readings" + window.replace("+", "%2B")
                + "&resolution=hour", admin));
        int inHours = 0;
        double peak = 0;
        for (JsonNode h : hours) {
            inHours += h.get("count").asInt();
            peak = Math.max(peak, h.get("max").asDouble());
        }
        assertEquals("every reading in some hour", 7, inHours);
        assertEquals(2.6, peak, 1e-9);
        assertEquals("the oldest hour holds the first reading", 1.0, hours.get(hours.size() - 1).get("min")
                .asDouble(), 1e-9);
        assertEquals(400, get("/flood/stations/WL-0001/readings?resolution=second", admin).status());

        // uninstall and install again at run time: nothing lost
        features.uninstallFeatures(Set.of("onegrid-flood"), noRefresh);
        assertNotEquals(200, get("/flood/stations", admin).status());
        features.installFeatures(Set.of("onegrid-flood"), noRefresh);
        JsonNode back = await("the stations back", () -> {
            Answer a = get("/flood/stations/WL-0001", admin);
            return a.status() == 200 ? a.json() : null;
        });
        assertEquals(1.5, back.get("lastLevel").asDouble(), 1e-9);
        assertEquals("at the forecast-start level 1.5", "FORECAST", back.get("state").asText());
        assertEquals(1, ok(get("/flood/alarms?station=WL-0001", admin)).size());
        assertEquals("CLEARED", alarm(admin, alarmId).get("state").asText());
        assertEquals(7, ok(get("/flood/stations/WL-0001/readings" + window.replace("+", "%2B"), admin)).size());
        awaitSubscribed();
        publish(reading(t0.plusMinutes(110), 1.4));
        await("a reading after the reinstall", () -> ok(get("/flood/stations/WL-0001/readings"
                + window.replace("+", "%2B"), admin)).size() == 8 ? true : null);
        assertFalse("still no second order", ok(get("/workorders?channel=ALARM", admin)).get("total").asInt()
                > alarmOrders + 1);
    }

    /**
     * SL 651 over TCP: DOMAIN.md's test vector, ended by ENQ, is confirmed and stored as a reading of the demo river
     * station 0012345678; the same frame with a wrong CRC is refused and counted as BAD_CHECKSUM.
     */
    @Test
    public void sl651FramesOverTcpBecomeReadingsAndBadOnesAreCounted() throws Exception {
        awaitHealthy();
        features.installFeatures(Set.of("onegrid-flood"), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        String admin = login("admin");
        await("the river station", () -> get("/flood/stations/0012345678", admin).status() == 200 ? true : null);
        await("the SL 651 listener", () -> get("/health").json().at("/checks/sl651/listener").asText()
                .startsWith("listening") ? true : null);
        String vector = "7E7E010012345678123430002B020003591011154947F1F1001234567848F0F05910111549201900000526"
                + "19000005392300000127381211150320FA";
        String enq = vector.substring(0, vector.length() - 6) + "05";
        byte[] enqBytes = java.util.HexFormat.of().parseHex(enq);
        enq += String.format("%04X", crc16(enqBytes));
        long badChecksums = rejected(admin, "BAD_CHECKSUM");
        try (Socket s = new Socket("127.0.0.1", Integer.getInteger("onegrid.test.sl651Port"))) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(java.util.HexFormat.of().parseHex(vector.substring(0, vector.length() - 4)
                    + "0000"));
            s.getOutputStream().write(java.util.HexFormat.of().parseHex(enq));
            s.getOutputStream().flush();
            byte[] ack = s.getInputStream().readNBytes(25);
            assertEquals("the M2 confirmation", "7E7E0012345678011234308008020003",
                    java.util.HexFormat.of().withUpperCase().formatHex(ack).substring(0, 32));
        }
        await("the wrong CRC counted", () -> rejected(admin, "BAD_CHECKSUM") == badChecksums + 1 ? true : null);
        JsonNode readings = await("the reading", () -> {
            JsonNode r = ok(get("/flood/stations/0012345678/readings?from=2059-10-11T00:00:00%2B08:00"
                    + "&to=2059-10-12T00:00:00%2B08:00&resolution=raw", admin));
            return r.size() == 1 ? r : null;
        });
        assertEquals(0.127, readings.get(0).get("level").asDouble(), 1e-9);
    }

    /**
     * Stations over REST: an operator adds one in his town (bad bodies, another town's operator and a grid worker
     * are refused, changing nothing), changes it; it reports, falls silent and raises one OFFLINE alarm with its work
     * order, reports again and the alarm clears with a note on the order; retired, its readings are refused.
     */
    @Test
    public void stationsAreManagedInScopeAndASilentOneRaisesAnOfflineAlarm() throws Exception {
        awaitHealthy();
        features.installFeatures(Set.of("onegrid-flood"), EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        String admin = login("admin");
        String operator = login("operator1");
        await("the flood API", () -> get("/flood/stations", admin).status() == 200 ? true : null);
        String body = "{\"code\":\"MH-IT01\",\"name\":\"柳树村南街井下液位计\",\"kind\":\"MANHOLE_SENSOR\","
                + "\"regionCode\":\"" + GRID1 + "\",\"lon\":117.306,\"lat\":36.511,\"forecastLevel\":0.8,"
                + "\"warningLevel\":1.2,\"guaranteeLevel\":1.6}";
        assertEquals("a grid worker does not manage stations", 403,
                http("POST", "/flood/stations", "application/json", login("gridworker1"), body).status());
        Answer elsewhere = http("POST", "/flood/stations", "application/json", login("operator2"), body);
        assertEquals(elsewhere.body(), 422, elsewhere.status());
        assertTrue(elsewhere.body(), elsewhere.body().contains("outside your scope"));
        Answer bad = http("POST", "/flood/stations", "application/json", operator, "{\"code\":\"bad code\","
                + "\"kind\":\"PUMP\",\"regionCode\":\"" + GRID1 + "\",\"lon\":500,\"lat\":36.5,"
                + "\"warningLevel\":2.0,\"guaranteeLevel\":1.0}");
        assertEquals(bad.body(), 422, bad.status());
        assertTrue(bad.contentType(), bad.contentType().startsWith("application/problem+json"));
        for (String field : new String[] {"/code", "/name", "/kind", "/lon", "/guaranteeLevel"}) {
            assertTrue(field + " in " + bad.body(), bad.body().contains("\"" + field + "\""));
        }
        assertEquals("nothing stored", 404, get("/flood/stations/MH-IT01", admin).status());
        Answer created = http("POST", "/flood/stations", "application/json", operator, body);
        assertEquals(created.body(), 201, created.status());
        assertEquals("onegrid/370399101000/flood/MH-IT01/level", created.json().get("topic").asText());
        assertEquals(409, http("POST", "/flood/stations", "application/json", operator, body).status());
        Answer changed = http("PUT", "/flood/stations/MH-IT01", "application/json", operator,
                body.replace("\"warningLevel\":1.2", "\"warningLevel\":1.3"));
        assertEquals(changed.body(), 200, changed.status());
        assertEquals(1.3, changed.json().get("warningLevel").asDouble(), 1e-9);
        assertEquals(404, get("/flood/stations/MH-IT01", login("gridworker2")).status());
        assertEquals(200, get("/devices/MH-IT01", login("gridworker1")).status());

        boolean ci = "true".equals(System.getenv("CI"));
        boolean mqtt = brokerAnswers() && new File("/usr/bin/mosquitto_pub").canExecute();
        if (ci) {
            assertTrue("CI needs Mosquitto on 127.0.0.1:1883 and mosquitto_pub (.ci/run starts them)", mqtt);
        }
        if (mqtt) {
            // the containers' gateway listens to the embedded broker; this class publishes through the machine's one
            useBroker("tcp://127.0.0.1:1883", admin);
            String topic = "onegrid/370399101000/flood/MH-IT01/level";
            OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS);
            publish(topic, reading(t0, 0.4));
            JsonNode offline = await("the OFFLINE alarm", () -> {
                for (JsonNode a : ok(get("/flood/alarms?state=active&station=MH-IT01", admin))) {
                    if ("OFFLINE".equals(a.get("type").asText()) && a.hasNonNull("workOrderId")) {
                        return a;
                    }
                }
                return null;
            });
            assertTrue(ok(get("/flood/stations/MH-IT01", admin)).get("offline").asBoolean());
            Thread.sleep(2500); // deliberately: two more scans (every second) must not raise it again
            assertEquals("one OFFLINE alarm while silent", 1, ok(get("/flood/alarms?station=MH-IT01", admin)).size());
            long orderId = offline.get("workOrderId").asLong();
            assertEquals("0504", ok(get("/workorders/" + orderId, admin)).get("category").asText());
            publish(topic, reading(t0.plusSeconds(30), 0.45));
            await("the OFFLINE alarm cleared", () -> "CLEARED".equals(alarm(admin, offline.get("id").asLong())
                    .get("state").asText()) ? true : null);
            JsonNode trail = await("the note on the order", () -> {
                JsonNode t = ok(get("/workorders/" + orderId + "/trail", admin));
                return "comment".equals(t.get(t.size() - 1).get("command").asText()) ? t : null;
            });
            assertTrue(trail.get(trail.size() - 1).get("reason").asText().contains("恢复上报"));
        }

        assertEquals(204, http("DELETE", "/flood/stations/MH-IT01", null, operator, null).status());
        assertEquals(409, http("DELETE", "/flood/stations/MH-IT01", null, operator, null).status());
        assertTrue(ok(get("/flood/stations/MH-IT01", admin)).hasNonNull("retiredAt"));
        for (JsonNode s : ok(get("/flood/stations", admin))) {
            assertNotEquals("retired stations are not listed", "MH-IT01", s.get("code").asText());
        }
        assertEquals(404, get("/devices/MH-IT01", login("gridworker2")).status());
    }

    private static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Points the gateway at another broker (the gateway and the plugin restart with the new configuration). */
    /**
     * Points the gateway at {@code url} and waits until the flood plugin, which restarts with the consumers, is
     * subscribed there and its API answers again: the restart happens asynchronously after the configuration update.
     */
    private void useBroker(String url, String token) throws Exception {
        brokerUrl(url);
        await("the flood plugin subscribed at " + url, () -> {
            JsonNode mqtt = get("/health").json().at("/checks/mqtt");
            return url.equals(mqtt.path("broker").asText()) && mqtt.at("/subscriptions/flood-level").asText()
                    .contains("(connected)") && get("/flood/alarms", token).status() == 200 ? true : null;
        });
    }

    private void brokerUrl(String url) throws Exception {
        org.osgi.service.cm.Configuration c = configs.getConfiguration("io.onegrid.device.mqtt", null);
        java.util.Dictionary<String, Object> p = new java.util.Hashtable<>();
        p.put("brokerUrl", url);
        p.put("maxRetrySeconds", 2);
        c.update(p);
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

    private static String reading(OffsetDateTime ts, double level) {
        return "{\"ts\":\"" + ts + "\",\"level\":" + level + "}";
    }

    /** Waits until the flood subscription is connected to the broker (health detail). */
    private static void awaitSubscribed() throws Exception {
        await("the MQTT subscription", () -> {
            JsonNode health = get("/health").json();
            String s = health.at("/checks/mqtt/subscriptions/flood-level").asText();
            return s.contains("(connected)") ? true : null;
        });
    }

    private static void publish(String payload) throws Exception {
        publish(TOPIC, payload);
    }

    private static void publish(String topic, String payload) throws Exception {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", topic,
                "-m", payload).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("mosquitto_pub: " + out, 0, p.waitFor());
    }

    private static boolean brokerAnswers() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
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
        StringBuilder threads = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().matches("(?i).*(mqtt|flood|camel).*")) {
                threads.append('\n').append(t.getName()).append(' ').append(t.getState());
                for (StackTraceElement e : stack) {
                    threads.append("\n    at ").append(e);
                }
            }
        });
        throw new AssertionError("waited a minute for " + what + "\n" + flowLog(60) + threads);
    }

    /** The last log lines of the flood plugin, the gateway and Camel, for a failure message. */
    private static String flowLog(int max) {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data", "data"), "log", "karaf.log");
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
            java.util.List<String> hits = lines.filter(l -> l.matches("(?i).*(flood|mqtt|paho|camel|device|alarm"
                    + "|exception).*") && !l.contains("OsgiLocator")).collect(java.util.stream.Collectors.toList());
            return String.join("\n", hits.subList(Math.max(0, hits.size() - max), hits.size()));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }
}
