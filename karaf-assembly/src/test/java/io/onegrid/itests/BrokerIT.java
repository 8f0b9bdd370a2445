package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.inject.Inject;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The embedded broker of the default distribution (feature onegrid-broker, here on a free port) as a single box uses
 * it: the device gateway subscribed to it, Debian's {@code mosquitto_pub} outside the container publishing levels of
 * the demo station WL-0001 (one alarm, exactly one work order, cleared by a low reading); a client from another
 * address without a user is refused and counted while a configured user gets in; a port changed through ConfigAdmin
 * is bound at once and the old one freed; a taken port is DOWN in health with the reason; with persistence (in
 * karaf.data) a retained message survives a restart of the broker. Without
 * {@code mosquitto_pub} the MQTT parts are skipped (with {@code CI=true} they fail: {@code .ci/run} installs it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrokerIT extends OneGridTestSupport {

    static final String TOPIC = "onegrid/370399101000/flood/WL-0001/level";
    static final String USER = "rtu-0001";
    static final String PASSWORD = "rtu-secret";

    @Inject
    protected ConfigurationAdmin configs;

    @Configuration
    public Option[] config() {
        return oneGrid(
                // act on the first reading, 10 cm hysteresis
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "minDurationSeconds", "0"),
                editConfigurationFilePut("etc/io.onegrid.flood.cfg", "hysteresisMetres", "0.1"));
    }

    @Test
    public void readingsPublishedToTheEmbeddedBrokerRaiseOneAlarmAndOneOrderAndClearIt() throws Exception {
        awaitHealthy();
        assumeMosquittoPub();
        int port = brokerPort();
        // as an integrator would: the gateway's broker is the embedded one
        update("io.onegrid.device.mqtt", "brokerUrl", "tcp://127.0.0.1:" + port, "maxRetrySeconds", 2);
        await("the flood subscription on the embedded broker", () -> {
            JsonNode mqtt = get("/health").json().at("/checks/mqtt");
            return mqtt.at("/broker").asText().equals("tcp://127.0.0.1:" + port)
                    && mqtt.at("/subscriptions/flood-level").asText().contains("(connected)") ? true : null;
        });
        String admin = login("admin");
        await("the demo station WL-0001", () -> get("/flood/stations/WL-0001", admin).status() == 200 ? true : null);
        assertTrue("the gateway is a client of the broker",
                get("/health").json().at("/checks/broker/connectedClients").asInt() >= 1);

        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES).minusHours(3);
        assertEquals(0, publish("127.0.0.1", port, null, null, TOPIC, reading(t0, 1.0)).exit);
        assertEquals(0, publish("127.0.0.1", port, null, null, TOPIC, reading(t0.plusHours(1), 2.5)).exit);
        JsonNode alarm = await("an active alarm with its work order", () -> {
            JsonNode list = ok(get("/flood/alarms?state=active", admin));
            return list.size() == 1 && list.get(0).hasNonNull("workOrderId") ? list.get(0) : null;
        });
        assertEquals("WL-0001", alarm.get("stationCode").asText());
        assertEquals("LEVEL", alarm.get("type").asText());
        JsonNode order = ok(get("/workorders/" + alarm.get("workOrderId").asLong(), admin));
        assertEquals("ALARM", order.get("channel").asText());
        assertEquals("gridworker1", order.get("assignee").asText());

        // a second high reading (a slow rise: no rate-of-rise alarm) updates the alarm, no second order; a low one
        // (below 2.0 - 0.1) clears it
        assertEquals(0, publish("127.0.0.1", port, null, null, TOPIC, reading(t0.plusMinutes(70), 2.55)).exit);
        await("the second reading on the alarm", () -> alarm(admin, alarm.get("id").asLong()).get("readings")
                .asInt() == 2 ? true : null);
        assertEquals(0, publish("127.0.0.1", port, null, null, TOPIC, reading(t0.plusMinutes(80), 1.5)).exit);
        await("the alarm cleared", () -> "CLEARED".equals(alarm(admin, alarm.get("id").asLong()).get("state")
                .asText()) ? true : null);
        assertEquals("exactly one work order", 1, ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());
        assertEquals(1, ok(get("/flood/alarms", admin)).size());
    }

    @Test
    public void aClientFromAnotherAddressNeedsAConfiguredUser() throws Exception {
        awaitHealthy();
        assumeMosquittoPub();
        Optional<InetAddress> lan = nonLoopbackAddress();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue("CI machines have a network address", lan.isPresent());
        }
        Assume.assumeTrue("this machine has no non-loopback IPv4 address", lan.isPresent());
        String host = lan.get().getHostAddress();
        int port = brokerPort();
        // a device's user, as an operator adds it: the SHA-256 of its password, never the password
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        update("io.onegrid.broker", "users", USER + ":{sha256}" + hash);
        await("the broker restarted with one user", () -> {
            JsonNode broker = get("/health").json().at("/checks/broker");
            return broker.at("/users").asInt() == 1 && "listening".equals(broker.at("/state").asText()) ? true : null;
        });
        long refusedBefore = get("/health").json().at("/checks/broker/refusedClients").asLong();

        Published anonymous = publish(host, port, null, null, "onegrid/test/remote", "x");
        assertNotEquals("anonymous from " + host + " is refused: " + anonymous.output, 0, anonymous.exit);
        assertTrue(anonymous.output, anonymous.output.contains("Connection Refused"));
        Published wrong = publish(host, port, USER, "not-the-password", "onegrid/test/remote", "x");
        assertNotEquals("a wrong password is refused: " + wrong.output, 0, wrong.exit);
        assertEquals(refusedBefore + 2, get("/health").json().at("/checks/broker/refusedClients").asLong());

        Published user = publish(host, port, USER, PASSWORD, "onegrid/test/remote", "x");
        assertEquals("the configured user gets in from " + host + ": " + user.output, 0, user.exit);
        assertEquals("anonymous from this machine still works", 0,
                publish("127.0.0.1", port, null, null, "onegrid/test/local", "x").exit);
    }

    @Test
    public void aPortChangedAtRunTimeIsBoundAtOnceAndATakenPortIsDown() throws Exception {
        awaitHealthy();
        int original = brokerPort();
        try {
            int moved = freePort();
            update("io.onegrid.broker", "port", String.valueOf(moved));
            await("the broker on port " + moved, () -> {
                JsonNode broker = get("/health").json().at("/checks/broker");
                return broker.at("/mqtt").asText().endsWith(":" + moved)
                        && "listening".equals(broker.at("/state").asText()) ? true : null;
            });
            assertTrue("port " + moved + " accepts connections", connects(moved));
            assertTrue("the old port " + original + " is free again", !connects(original));
            if (new File("/usr/bin/mosquitto_pub").canExecute()) {
                assertEquals(0, publish("127.0.0.1", moved, null, null, "onegrid/test/moved", "x").exit);
            }

            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress("0.0.0.0", 0));
                int taken = squatter.getLocalPort();
                update("io.onegrid.broker", "port", String.valueOf(taken));
                JsonNode down = await("health DOWN for the taken port " + taken, () -> {
                    Answer health = get("/health");
                    return health.status() == 503
                            && "DOWN".equals(health.json().at("/checks/broker/status").asText())
                            && health.json().at("/checks/broker/mqtt").asText().endsWith(":" + taken)
                            ? health.json().at("/checks/broker") : null;
                });
                String reason = down.get("reason").asText();
                assertTrue(reason, reason.startsWith("port " + taken + " on 0.0.0.0 is taken"));
                assertTrue(reason, reason.contains("etc/io.onegrid.broker.cfg"));
            }
        } finally {
            update("io.onegrid.broker", "port", String.valueOf(original));
        }
        await("the broker back on port " + original, () -> {
            Answer health = get("/health");
            return health.status() == 200 && health.json().at("/checks/broker/mqtt").asText()
                    .endsWith(":" + original) ? true : null;
        });
        assertTrue(connects(original));
    }

    @Test
    public void withPersistenceARetainedMessageSurvivesARestartOfTheBroker() throws Exception {
        awaitHealthy();
        assumeMosquittoPub();
        String before = get("/health").json().at("/checks/broker/since").asText();
        try {
            update("io.onegrid.broker", "persistence", "true");
            JsonNode started = await("the broker with persistence", () -> {
                JsonNode broker = get("/health").json().at("/checks/broker");
                return "listening".equals(broker.at("/state").asText()) && !before.equals(broker.at("/since")
                        .asText()) && !"off".equals(broker.at("/persistence").asText()) ? broker : null;
            });
            assertEquals("in karaf.data", new File(System.getProperty("karaf.data"), "onegrid/broker")
                    .getAbsolutePath(), new File(started.get("persistence").asText()).getAbsolutePath());
            int port = brokerPort();
            Process retain = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-q", "1", "-r", "-t", "onegrid/test/retained", "-m", "kept").redirectErrorStream(true).start();
            assertEquals(new String(retain.getInputStream().readAllBytes(), StandardCharsets.UTF_8), 0,
                    retain.waitFor());

            // any change of the configuration restarts the broker
            update("io.onegrid.broker", "maxMessageBytes", "65535");
            await("the broker restarted", () -> {
                JsonNode broker = get("/health").json().at("/checks/broker");
                return "listening".equals(broker.at("/state").asText()) && !started.get("since").asText()
                        .equals(broker.at("/since").asText()) ? true : null;
            });
            Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-t", "onegrid/test/retained", "-C", "1", "-W", "20").redirectErrorStream(true).start();
            String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(out, 0, sub.waitFor());
            assertEquals("the retained message came back from the store", "kept", out.trim());
        } finally {
            update("io.onegrid.broker", "persistence", "false", "maxMessageBytes", "65536");
        }
        await("the broker without persistence", () -> "off".equals(get("/health").json()
                .at("/checks/broker/persistence").asText()) && get("/health").status() == 200 ? true : null);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private record Published(int exit, String output) {
    }

    private static Published publish(String host, int port, String user, String password, String topic,
            String payload) throws Exception {
        List<String> command = new ArrayList<>(List.of("mosquitto_pub", "-h", host, "-p", String.valueOf(port),
                "-q", "1", "-V", "mqttv311", "-t", topic, "-m", payload));
        if (user != null) {
            command.addAll(List.of("-u", user, "-P", password));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Published(p.waitFor(), out);
    }

    private static void assumeMosquittoPub() {
        boolean client = new File("/usr/bin/mosquitto_pub").canExecute();
        if ("true".equals(System.getenv("CI"))) {
            assertTrue("CI needs mosquitto_pub (.ci/run installs mosquitto-clients)", client);
        }
        Assume.assumeTrue("no mosquitto_pub", client);
    }

    /** The port the broker is configured with now (OneGridTestSupport chose a free one). */
    private int brokerPort() throws IOException {
        Object port = configs.getConfiguration("io.onegrid.broker", null).getProperties().get("port");
        return Integer.parseInt(String.valueOf(port));
    }

    /** Changes some values of a configuration, keeping the others (as editing its etc/*.cfg would). */
    private void update(String pid, Object... keysAndValues) throws IOException {
        org.osgi.service.cm.Configuration c = configs.getConfiguration(pid, null);
        Dictionary<String, Object> p = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        c.update(p);
    }

    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Enumeration<InetAddress> addresses = nic.getInetAddresses();
                for (InetAddress address : Collections.list(addresses)) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode alarm(String token, long id) throws Exception {
        for (JsonNode a : ok(get("/flood/alarms", token))) {
            if (a.get("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("no alarm " + id);
    }

    private static String reading(OffsetDateTime ts, double level) {
        return "{\"ts\":\"" + ts + "\",\"level\":" + level + "}";
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
        throw new AssertionError("waited a minute for " + what + "\nhealth: " + get("/health").body()
                + "\nwarnings and errors in karaf.log:\n" + logProblems(30));
    }
}
