package io.onegrid.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The base class of an in-container OneGrid test (Pax Exam, JUnit 4):
 *
 * <pre>{@code
 * @RunWith(PaxExam.class)
 * @ExamReactorStrategy(PerClass.class)
 * public class MyPluginIT extends OneGridTestSupport {
 *     @Configuration
 *     public Option[] config() {
 *         return oneGrid(OneGridOptions.pluginUnderTest());
 *     }
 *
 *     @Test
 *     public void answers() throws Exception {
 *         awaitHealthy();
 *         Answer a = await("my route", () -> ok(get("/my/things", token(DemoUser.OPERATOR1))));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #oneGrid} runs in the test JVM; test methods and the helpers below run inside the container, against the
 * REST API on the container's HTTP port, like an integrator's client.
 */
public abstract class OneGridTestSupport {

    /** How long the container may take to become healthy; generous for a cold 2-core CI machine. */
    protected static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** How long {@link #await} waits for a condition by default. */
    protected static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(60);

    /** The password of every demo account (feature onegrid-demo, in the distribution's boot). */
    protected static final String DEMO_PASSWORD = DemoCounty.PASSWORD;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    /** The container's framework, injected by Pax Exam. */
    @Inject
    protected BundleContext bundleContext;

    // ---- in the test JVM ------------------------------------------------------------------------------------------

    /** The distribution and container settings of every OneGrid test, plus {@code extra}; see {@link OneGridOptions}. */
    protected static Option[] oneGrid(Option... extra) {
        return OneGridOptions.oneGrid(extra);
    }

    /** A TCP port free at the time of the call. */
    protected static int freePort() {
        return OneGridOptions.freePort();
    }

    // ---- inside the container -------------------------------------------------------------------------------------

    /**
     * An answer of the REST API.
     *
     * @param status      the HTTP status
     * @param contentType the {@code Content-Type} header, or empty
     * @param body        the body as text
     */
    public record Answer(int status, String contentType, String body) {

        /** The body as JSON; an assertion error when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** Whether the answer is an RFC 9457 problem ({@code application/problem+json}). */
        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    /** The REST API's base URL inside the container, e.g. {@code http://127.0.0.1:34567/api/v1}. */
    protected static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort") + "/api/v1";
    }

    /** Signs a demo account in and answers a fresh bearer token. */
    protected static String login(String username) throws Exception {
        Answer answer = http("POST", "/auth/login", "application/json", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + DEMO_PASSWORD + "\"}");
        if (answer.status() != 200) {
            throw new AssertionError("sign-in of " + username + " failed: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("token").asText();
    }

    /** The bearer token of a demo account, signed in once per test class and reused. */
    protected static String token(DemoUser user) throws Exception {
        String token = TOKENS.get(user.username());
        if (token == null) {
            token = login(user.username());
            TOKENS.put(user.username(), token);
        }
        return token;
    }

    /**
     * Issues an API token (as a device or third-party system would use) through {@code POST /tokens} as the county
     * admin.
     *
     * @param region      the region code the token is bound to
     * @param permissions what the token may do, e.g. {@code workorder.submit}
     * @return the token, to send as {@code Authorization: Bearer}
     */
    protected static String apiToken(String name, String region, String... permissions) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("regionCode", region).put("validDays", 1);
        body.putArray("permissions").addAll(Stream.of(permissions).map(JSON.getNodeFactory()::textNode)
                .collect(Collectors.toList()));
        Answer answer = postJson("/tokens", body.toString(), token(DemoUser.ADMIN));
        if (answer.status() != 201) {
            throw new AssertionError("issuing an API token failed: " + answer.status() + " " + answer.body());
        }
        return answer.json().get("token").asText();
    }

    /** A call without a token. */
    protected static Answer http(String method, String path, String contentType, String body) throws Exception {
        return http(method, path, contentType, null, body);
    }

    /**
     * A call of the REST API.
     *
     * @param path        below {@code /api/v1}, e.g. {@code /workorders?state=SUBMITTED}
     * @param contentType of the body, or {@code null}
     * @param token       a bearer token, or {@code null}
     * @param body        the body, or {@code null}
     */
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

    /** {@code GET} without a token. */
    protected static Answer get(String path) throws Exception {
        return http("GET", path, null, null);
    }

    /** {@code GET} with a bearer token. */
    protected static Answer get(String path, String token) throws Exception {
        return http("GET", path, null, token, null);
    }

    /** {@code PUT} of a JSON body. */
    protected static Answer putJson(String path, String json, String token) throws Exception {
        return http("PUT", path, "application/json", token, json);
    }

    /** {@code POST} of a JSON body. */
    protected static Answer postJson(String path, String json, String token) throws Exception {
        return http("POST", path, "application/json", token, json);
    }

    /** The JSON body of a 2xx answer; an assertion error with the answer otherwise. */
    protected static JsonNode ok(Answer answer) {
        if (answer.status() / 100 != 2) {
            throw new AssertionError("expected success, got " + answer.status() + " " + answer.body());
        }
        return answer.json();
    }

    /** Waits until {@code /health} answers UP and sign-in is routed; fails with the last answer. Never a fixed sleep. */
    protected static JsonNode awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Answer answer = get("/health");
                last = answer.status() + " " + answer.body();
                // UP, and sign-in routed: health has been seen UP while the identity routes were still missing;
                // a login route answering 404 is not ready (405: routed, POST only).
                if (answer.status() == 200 && get("/auth/login").status() != 404) {
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

    /**
     * Polls {@code probe} until it answers non-null (or {@code true}) and returns that; fails after
     * {@link #AWAIT_TIMEOUT} naming {@code what}, with the last exception and the log's problems.
     */
    protected static <T> T await(String what, Callable<T> probe) throws Exception {
        return await(what, AWAIT_TIMEOUT, probe);
    }

    /** {@link #await(String, Callable)} with a timeout of its own. */
    protected static <T> T await(String what, Duration timeout, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(200);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                + "\nwarnings and errors in karaf.log:\n" + logProblems(20));
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
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

    /** The bundles whose symbolic name starts with {@code io.onegrid.}. */
    protected List<Bundle> oneGridBundles() {
        return bundles("io.onegrid.");
    }

    /** The bundles whose symbolic name starts with {@code prefix}. */
    protected List<Bundle> bundles(String prefix) {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(prefix)) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    /** Waits for a service (e.g. one the plugin registers) and answers it. */
    protected <S> S service(Class<S> type) throws Exception {
        return await("a " + type.getName() + " service", () -> {
            ServiceReference<S> ref = bundleContext.getServiceReference(type);
            return ref == null ? null : bundleContext.getService(ref);
        });
    }
}
