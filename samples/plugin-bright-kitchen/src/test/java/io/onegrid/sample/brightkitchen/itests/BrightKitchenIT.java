package io.onegrid.sample.brightkitchen.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.inject.Inject;
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
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The sample plugin as an integrator meets it: the OneGrid distribution (the tar.gz karaf-assembly builds) boots
 * without it; {@code feature:repo-add} of the sample's feature repository (from a Maven repository laid out under
 * target, as a company's repository would hold it) and {@code feature:install} bring it up at run time; camera events
 * published with {@code mosquitto_pub} to the machine's Mosquitto make exactly one work order, routed to the grid's
 * worker; the console lists the page; {@code feature:uninstall} removes every sample bundle and leaves the core
 * working, with the order and the events kept. Without a broker or {@code mosquitto_pub} the MQTT part is skipped
 * (with {@code CI=true} it fails).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BrightKitchenIT {

    static final String VERSION = System.getProperty("onegrid.version", "0.1.0-SNAPSHOT");
    static final String REPO = "mvn:io.onegrid/onegrid-plugin-bright-kitchen/" + VERSION + "/xml/features";
    static final String BSN = "io.onegrid.sample.brightkitchen";
    static final String TOPIC = "onegrid/370399101000/kitchen/BK-0001/event";
    static final String GRID1 = "370399101201001";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessions;

    @Configuration
    public Option[] config() throws IOException {
        String assembly = Objects.requireNonNull(System.getProperty("onegrid.assembly"), "run through failsafe");
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        Path repo = mavenRepositoryWithTheSample();
        int http = freePort();
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(assembly).toURI().toString())
                    .karafVersion(System.getProperty("karaf.version", "4.4.10")).name("OneGrid")
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(http)),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                    String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                    String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    localRepo),
            // the distribution's own repositories, plus the one holding the sample (no remote repository needed)
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                    "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                            + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                            + repo.toUri() + "@id=bright-kitchen@snapshots"),
            systemProperty("onegrid.test.httpPort").value(String.valueOf(http)),
            systemProperty("pax.exam.service.timeout").value("300000"),
            // Keep Jackson a root feature, so that no feature change refreshes the probe (as the core's ITs do)
            editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "onegrid-jackson")};
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

        boolean ci = "true".equals(System.getenv("CI"));
        boolean mqtt = brokerAnswers() && new File("/usr/bin/mosquitto_pub").canExecute();
        if (ci) {
            assertTrue("CI needs Mosquitto on 127.0.0.1:1883 and mosquitto_pub", mqtt);
        }
        Assume.assumeTrue("no MQTT broker on 127.0.0.1:1883 or no mosquitto_pub", mqtt);
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
        assertTrue("below the threshold: no incident", events.get(0).get("incidentId").isNull());
        assertEquals("one incident, one order", ordersBefore + 1,
                ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());
        JsonNode order = ok(get("/workorders/" + orderId, admin));
        assertEquals("ALARM", order.get("channel").asText());
        assertEquals("0804", order.get("category").asText());
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
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("onegrid.test.httpPort") + "/plugins/bright-kitchen/console.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals("UP", awaitHealthy().get("status").asText());
        assertEquals(200, get("/workorders/" + orderId, login("operator1")).status());
        assertEquals(ordersBefore + 1, ok(get("/workorders?channel=ALARM", admin)).get("total").asInt());
    }

    // ---- helpers (the plugin SDK's testkit offers the same; this sample predates it) ---------------------------

    record Answer(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }


    int sampleBundles() {
        int n = 0;
        for (Bundle b : bundleContext.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                n++;
            }
        }
        return n;
    }

    /** Runs a Karaf shell command as the console would; a failing command fails the test with its output. */
    String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            // as the console's admin: feature:* commands are guarded by the shell's role-based ACL
            javax.security.auth.Subject admin = new javax.security.auth.Subject();
            admin.getPrincipals().add(new UserPrincipal("admin"));
            admin.getPrincipals().add(new RolePrincipal("admin"));
            javax.security.auth.Subject.doAs(admin,
                    (java.security.PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (java.security.PrivilegedActionException e) {
            throw new AssertionError(command + " failed: " + e.getCause() + "\n"
                    + bytes.toString(StandardCharsets.UTF_8), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(command + " failed: " + e + "\n" + bytes.toString(StandardCharsets.UTF_8), e);
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String event(OffsetDateTime ts, String type, double confidence) {
        return "{\"ts\":\"" + ts + "\",\"type\":\"" + type + "\",\"confidence\":" + confidence
                + ",\"snapshot\":\"https://cam.example/bk/" + ts.toEpochSecond() + ".jpg\"}";
    }

    static void publish(String payload) throws Exception {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-q", "1", "-t", TOPIC,
                "-m", payload).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("mosquitto_pub: " + out, 0, p.waitFor());
    }

    static boolean brokerAnswers() {
        try (Socket s = new Socket("127.0.0.1", 1883)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String login(String user) throws Exception {
        Answer a = http("POST", "/auth/login", "{\"username\":\"" + user + "\",\"password\":\"onegrid-demo\"}", null);
        assertEquals(a.body(), 200, a.status());
        return a.json().get("token").asText();
    }

    static Answer get(String path) throws Exception {
        return http("GET", path, null, null);
    }

    static Answer get(String path, String token) throws Exception {
        return http("GET", path, null, token);
    }

    static Answer http(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + System.getProperty("onegrid.test.httpPort") + "/api/v1" + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    static JsonNode ok(Answer a) {
        assertEquals(a.body(), 200, a.status());
        return a.json();
    }

    static JsonNode awaitHealthy() throws Exception {
        return await("OneGrid healthy", () -> {
            try {
                Answer a = get("/health");
                return a.status() == 200 && get("/auth/login").status() != 404 ? a.json() : null;
            } catch (IOException notYet) {
                return null;
            }
        });
    }

    /** Polls for up to two minutes; never a fixed sleep. */
    static <T> T await(String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited two minutes for " + what);
    }
}
