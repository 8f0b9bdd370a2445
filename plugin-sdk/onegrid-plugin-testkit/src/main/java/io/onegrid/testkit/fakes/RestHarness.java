package io.onegrid.testkit.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.rest.RestHandler;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Route;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Calls a {@link RestResource}'s routes in a unit test the way OneGrid's REST bundle serves them, without HTTP:
 * sign-in required unless the route is {@link Route#anonymous()} (401), the route's {@link Route#permission} (403),
 * a JSON body mapped strictly to the declared type (400 naming the member), {@link Route#consumes} checked (415),
 * {@link ProblemException}s answered with their status. A handler's other exceptions propagate, so the test fails
 * with their stack trace (the REST bundle would answer an opaque 500).
 *
 * <pre>{@code
 * RestHarness api = RestHarness.of(new MyResource(service));
 * Reply r = api.get("/my/things?size=5").as(Callers.inRegion("op", DemoCounty.TOWN1, "my.read")).send();
 * assertEquals(200, r.status());
 * }</pre>
 */
public final class RestHarness {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Declared> routes = new ArrayList<>();

    private RestHarness() {
    }

    /** Collects the routes of {@code resources}, as the REST bundle does when their services are bound. */
    public static RestHarness of(RestResource... resources) {
        RestHarness harness = new RestHarness();
        for (RestResource resource : resources) {
            resource.routes(harness.new Collector());
        }
        return harness;
    }

    /** The declared routes as {@code METHOD /path}, e.g. {@code GET /my/things/{id}}. */
    public List<String> routes() {
        return routes.stream().map(r -> r.method + " " + r.path).toList();
    }

    /** A {@code GET}; the path is below {@code /api/v1} and may carry a query string. */
    public Call get(String path) {
        return new Call("GET", path);
    }

    /** A {@code POST}. */
    public Call post(String path) {
        return new Call("POST", path);
    }

    /** A {@code PUT}. */
    public Call put(String path) {
        return new Call("PUT", path);
    }

    /** A {@code PATCH}. */
    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    /** A {@code DELETE}. */
    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    /**
     * An answer.
     *
     * @param status  the HTTP status the REST bundle would send
     * @param value   what the handler returned (the body of a {@link RestResponse}), or {@code null}
     * @param body    the body as the client would read it (JSON text, or a streamed body's bytes as UTF-8)
     * @param headers the headers a {@link RestResponse} set
     * @param problem the refusal, or {@code null}
     */
    public record Reply(int status, Object value, String body, Map<String, String> headers, ProblemException problem) {

        /** The body as JSON. */
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** The problem's type slug (e.g. {@code forbidden}), or {@code null} for a success. */
        public String problemType() {
            return problem == null ? null : problem.type().slug();
        }
    }

    /** One request being put together. */
    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private Caller caller;
        private byte[] body;
        private Locale locale = Locale.SIMPLIFIED_CHINESE;

        Call(String method, String pathAndQuery) {
            this.method = method;
            int q = pathAndQuery.indexOf('?');
            this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            if (q >= 0) {
                for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                    if (!pair.isEmpty()) {
                        int eq = pair.indexOf('=');
                        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                        query.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
                    }
                }
            }
        }

        /** The authenticated caller (no call: anonymous). */
        public Call as(Caller caller) {
            this.caller = caller;
            return this;
        }

        /** A request header. */
        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** The caller's language (default Simplified Chinese, as the REST bundle's). */
        public Call locale(Locale locale) {
            this.locale = locale;
            return this;
        }

        /** A JSON body. */
        public Call json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** A JSON body serialised from an object (a record, a map). */
        public Call json(Object value) {
            try {
                return json(MAPPER.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        /** A raw body of a content type. */
        public Call body(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            this.body = bytes.clone();
            return this;
        }

        /** Dispatches the request and answers the reply. */
        public Reply send() throws Exception {
            try {
                return dispatch(this);
            } catch (ProblemException e) {
                return new Reply(e.type().status(), null, problemBody(e), Map.of(), e);
            }
        }
    }

    private Reply dispatch(Call call) throws Exception {
        String[] segments = call.path.split("/", -1);
        Declared found = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Declared route : sorted()) {
            Map<String, String> p = route.match(segments);
            if (p != null) {
                pathKnown = true;
                if (route.method.equals(call.method)) {
                    found = route;
                    params = p;
                    break;
                }
            }
        }
        if (found == null) {
            throw new ProblemException(pathKnown ? ProblemType.METHOD_NOT_ALLOWED : ProblemType.NOT_FOUND,
                    (pathKnown ? "No " + call.method + " on " : "No route for ") + call.path);
        }
        if (!found.anonymous && call.caller == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Sign in first");
        }
        if (found.permission != null) {
            Access.require(call.caller, found.permission);
        }
        String contentType = call.headers.getOrDefault("Content-Type", "");
        if (found.consumes != null && call.body != null && !consumes(found.consumes, contentType)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This endpoint reads " + found.consumes);
        }
        if (found.accepts != null && call.body == null) {
            throw ProblemException.badRequest("This endpoint needs a JSON body (Content-Type: application/json)");
        }
        Object result = found.handler.handle(new Request(call, found, params));
        if (result == null) {
            return new Reply(204, null, "", Map.of(), null);
        }
        if (result instanceof RestResponse response) {
            String text;
            if (response.writer() != null) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                response.writer().writeTo(out);
                text = out.toString(StandardCharsets.UTF_8);
            } else {
                text = response.body() == null ? "" : MAPPER.writeValueAsString(response.body());
            }
            return new Reply(response.status(), response.body(), text, response.headers(), null);
        }
        return new Reply(200, result, MAPPER.writeValueAsString(result), Map.of(), null);
    }

    private static boolean consumes(String declared, String contentType) {
        String actual = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (String type : declared.split(",")) {
            String t = type.trim().toLowerCase(Locale.ROOT);
            if (t.equals(actual) || (t.endsWith("/*") && actual.startsWith(t.substring(0, t.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static String problemBody(ProblemException e) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemType.BASE_URI + e.type().slug());
        problem.put("status", e.type().status());
        problem.put("detail", e.detail());
        problem.putAll(e.extensions());
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** Literal segments before variables, as the REST bundle orders routes. */
    private List<Declared> sorted() {
        List<Declared> list = new ArrayList<>(routes);
        list.sort((a, b) -> {
            for (int i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
                boolean va = a.segments[i].startsWith("{");
                boolean vb = b.segments[i].startsWith("{");
                if (va != vb) {
                    return va ? 1 : -1;
                }
            }
            return 0;
        });
        return list;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static final class Declared implements Route {
        final String method;
        final String path;
        final String[] segments;
        final RestHandler handler;
        boolean anonymous;
        String permission;
        Class<?> accepts;
        String consumes;

        Declared(String method, String path, RestHandler handler) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a route path starts with /: " + path);
            }
            this.method = method;
            this.path = path;
            this.segments = path.split("/", -1);
            this.handler = handler;
        }

        Map<String, String> match(String[] actual) {
            if (actual.length != segments.length) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                    if (actual[i].isEmpty()) {
                        return null;
                    }
                    params.put(segments[i].substring(1, segments[i].length() - 1), decode(actual[i]));
                } else if (!segments[i].equals(actual[i])) {
                    return null;
                }
            }
            return params;
        }

        @Override
        public Route summary(String summary) {
            return this;
        }

        @Override
        public Route tag(String tag) {
            return this;
        }

        @Override
        public Route queryParam(String name, String description) {
            return this;
        }

        @Override
        public Route paged() {
            return this;
        }

        @Override
        public Route accepts(Class<?> bodyType) {
            this.accepts = bodyType;
            return this;
        }

        @Override
        public Route consumes(String mediaType) {
            this.consumes = mediaType;
            return this;
        }

        @Override
        public Route returns(Class<?> type) {
            return this;
        }

        @Override
        public Route returnsPage(Class<?> itemType) {
            return this;
        }

        @Override
        public Route anonymous() {
            this.anonymous = true;
            return this;
        }

        @Override
        public Route permission(String permission) {
            this.permission = permission;
            return this;
        }
    }

    private final class Collector implements Routes {
        private Route add(String method, String path, RestHandler handler) {
            for (Declared r : routes) {
                if (r.method.equals(method) && r.path.equals(path)) {
                    throw new IllegalStateException("declared twice: " + method + " " + path);
                }
            }
            Declared route = new Declared(method, path, handler);
            routes.add(route);
            return route;
        }

        @Override
        public Route get(String path, RestHandler handler) {
            return add("GET", path, handler);
        }

        @Override
        public Route post(String path, RestHandler handler) {
            return add("POST", path, handler);
        }

        @Override
        public Route put(String path, RestHandler handler) {
            return add("PUT", path, handler);
        }

        @Override
        public Route patch(String path, RestHandler handler) {
            return add("PATCH", path, handler);
        }

        @Override
        public Route delete(String path, RestHandler handler) {
            return add("DELETE", path, handler);
        }
    }

    private static final class Request implements RestRequest {
        private final Call call;
        private final Map<String, String> params;

        Request(Call call, Declared route, Map<String, String> params) {
            this.call = call;
            this.params = params;
        }

        @Override
        public String method() {
            return call.method;
        }

        @Override
        public String path() {
            return call.path;
        }

        @Override
        public String pathParam(String name) {
            String value = params.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the route has no variable {" + name + "}");
            }
            return value;
        }

        @Override
        public Optional<String> query(String name) {
            List<String> values = call.query.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        @Override
        public List<String> queryAll(String name) {
            return List.copyOf(call.query.getOrDefault(name, List.of()));
        }

        @Override
        public Set<String> queryNames() {
            return new LinkedHashSet<>(call.query.keySet());
        }

        @Override
        public Optional<Integer> queryInt(String name) {
            Optional<String> text = query(name).filter(s -> !s.isBlank());
            try {
                return text.map(s -> Integer.valueOf(s.strip()));
            } catch (NumberFormatException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Query parameter '" + name
                        + "' must be an integer, not '" + text.orElse("") + "'", Map.of("parameter", name), null);
            }
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(call.headers.get(name));
        }

        @Override
        public Locale locale() {
            return call.locale;
        }

        @Override
        public boolean hasBody() {
            return call.body != null;
        }

        @Override
        public <T> T body(Class<T> type) {
            if (call.body == null) {
                throw ProblemException.badRequest("This endpoint needs a JSON body (Content-Type: application/json)");
            }
            try {
                return MAPPER.readerFor(type).readValue(call.body);
            } catch (JsonMappingException e) {
                String pointer = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                        : String.valueOf(r.getIndex())).reduce("", (a, b) -> a + "/" + b);
                throw new ProblemException(ProblemType.INVALID_REQUEST, (pointer.isEmpty() ? "The body"
                        : "Member '" + pointer + "'") + ": " + e.getOriginalMessage(), Map.of("pointer", pointer), null);
            } catch (JsonProcessingException e) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not JSON: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public InputStream bodyStream() {
            if (call.body == null) {
                throw ProblemException.badRequest("This endpoint needs a request body");
            }
            return new ByteArrayInputStream(call.body);
        }

        @Override
        public PageRequest pageRequest() {
            int page = queryInt("page").orElse(1);
            int size = queryInt("size").orElse(PageRequest.DEFAULT_SIZE);
            try {
                return new PageRequest(page, size, SortOrder.parseList(query("sort").orElse("")));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, e.getMessage(), Map.of(), e);
            }
        }

        @Override
        public Optional<Caller> caller() {
            return Optional.ofNullable(call.caller);
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }
    }
}
