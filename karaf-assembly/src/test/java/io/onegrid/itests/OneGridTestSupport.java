package io.onegrid.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.KarafDistributionConfigurationFilePutOption;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots the OneGrid distribution built by this module (the tar.gz, exactly as shipped) with free ports, and gives
 * tests what an integrator has: HTTP on the REST API, the feature service, the bundles.
 *
 * <p>Configuration methods run in the test JVM; test methods run inside the container.
 */
public abstract class OneGridTestSupport {

    /** How long the container may take to become healthy; generous for a cold 2-core CI machine. */
    protected static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SL651_CFG = "etc/io.onegrid.device.sl651.cfg";

    @Inject
    protected BundleContext bundleContext;

    /** The distribution and container settings every OneGrid in-container test uses, plus {@code extra}. */
    protected static Option[] oneGrid(Option... extra) {
        String assembly = Objects.requireNonNull(System.getProperty("onegrid.assembly"),
                "run through Maven failsafe: onegrid.assembly names the distribution archive");
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        int http = freePort();
        // The distribution boots the embedded broker on 1883 and the SL 651 listener on 5651; on this machine and in
        // CI Mosquitto owns 127.0.0.1:1883, and tests must not depend on other ports being free either. The gateway
        // subscribes to the embedded broker, as on a fresh single box (FloodIT points it at Mosquitto itself).
        int mqtt = freePort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(assembly).toURI().toString())
                        .karafVersion(System.getProperty("karaf.version", "4.4.10"))
                        .name("OneGrid")
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(http)),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", localRepo),
                systemProperty("onegrid.test.httpPort").value(String.valueOf(http)),
                editConfigurationFilePut("etc/io.onegrid.broker.cfg", "port", String.valueOf(mqtt)),
                editConfigurationFilePut("etc/io.onegrid.device.mqtt.cfg", "brokerUrl", "tcp://127.0.0.1:" + mqtt),
                systemProperty("onegrid.test.mqttPort").value(String.valueOf(mqtt)),
                // The probe waits this long for Pax Exam's own services; the 10 s default is too short for a first
                // boot on a busy 2-core machine (the probe then never starts and the run hangs).
                systemProperty("pax.exam.service.timeout").value("300000"),
                // Keep Jackson as a root feature so that uninstalling onegrid-core never refreshes this probe.
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "onegrid-jackson")));
        // FloodIT chooses the SL 651 port itself (and connects to it)
        boolean ownSl651Port = Arrays.stream(extra).anyMatch(o -> o instanceof
                KarafDistributionConfigurationFilePutOption put
                && put.getConfigurationFilePath().equals(SL651_CFG) && put.getKey().equals("port"));
        if (!ownSl651Port) {
            options.add(editConfigurationFilePut(SL651_CFG, "port", String.valueOf(freePort())));
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(Option[]::new);
    }

    /** Ports handed out by this JVM: a container binds its ports later, so the same one must not be given twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port that is free now, below Linux's ephemeral range (32768–60999): a port the kernel picked for
     * {@code new ServerSocket(0)} may be given to some outgoing connection before the container binds it, which
     * made Pax Web fail to start now and then.
     */
    protected static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }

    // ---- inside the container ------------------------------------------------------------------------------------

    /** An answer of the REST API. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    protected static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort") + "/api/v1";
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The password of every demo account (feature onegrid-demo, in the distribution's boot). */
    protected static final String DEMO_PASSWORD = "onegrid-demo";

    /** Signs in and answers the bearer token. */
    protected static String login(String username) throws Exception {
        Answer answer = http("POST", "/auth/login", "application/json", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + DEMO_PASSWORD + "\"}");
        if (answer.status() != 200) {
            throw new AssertionError("sign-in of " + username + " failed: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("token").asText();
    }

    protected static Answer http(String method, String path, String contentType, String body) throws Exception {
        return http(method, path, contentType, null, body);
    }

    /** A call with an optional bearer token. */
    protected static Answer http(String method, String path, String contentType, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    protected static Answer get(String path) throws Exception {
        return http("GET", path, null, null);
    }

    protected static Answer get(String path, String token) throws Exception {
        return http("GET", path, null, token, null);
    }

    protected static Answer putJson(String path, String json, String token) throws Exception {
        return http("PUT", path, "application/json", token, json);
    }

    protected static Answer postJson(String path, String json, String token) throws Exception {
        return http("POST", path, "application/json", token, json);
    }

    /** Waits until {@code /health} answers UP; fails with the last answer otherwise. Never a fixed sleep. */
    protected static JsonNode awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = get("/health");
                last = answer.status() + " " + answer.body();
                // UP, and sign-in routed: health has been seen UP while the identity routes were still missing
                // (a rare boot race noted in docs/notes-on-shared-docs.md); a login route answering 404 is not ready.
                if (answer.status() == 200 && get("/auth/login").status() != 404) { // 405: routed, POST only
                    return answer.json();
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("OneGrid did not become healthy within " + READY_TIMEOUT + ": " + last
                + "\nwarnings and errors in karaf.log:\n" + logProblems(40));
    }

    /** The last {@code max} WARN and ERROR lines of the container's log, for a failure message. */
    protected static String logProblems(int max) {
        Path log = Path.of(System.getProperty("karaf.log", System.getProperty("karaf.data",
                "data") + "/log"), "karaf.log");
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> problems = lines.filter(l -> l.contains("| WARN ") || l.contains("| ERROR"))
                    .collect(Collectors.toList());
            return String.join("\n", problems.subList(Math.max(0, problems.size() - max), problems.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    protected List<Bundle> oneGridBundles() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("io.onegrid.")) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }
}
