package io.onegrid.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.security.Authenticator;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/** The dispatcher against fake servlet requests: routing, body checks and the problem answers. */
class ApiServletTest {

    record Item(String name, int count) {
        Item {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Item> store = new HashMap<>();
    private final AtomicInteger handled = new AtomicInteger();
    private String authorization;
    private ApiServlet servlet;
    private BundleContext context;

    @BeforeEach
    void setUp() {
        context = mock(BundleContext.class);
        Bundle bundle = mock(Bundle.class);
        when(context.getBundle()).thenReturn(bundle);
        when(bundle.getVersion()).thenReturn(Version.parseVersion("1.2.3"));
        when(bundle.getSymbolicName()).thenReturn("io.onegrid.rest");
        RestConfig config = mock(RestConfig.class);
        when(config.maxJsonBytes()).thenReturn(1024);
        when(config.maxUploadBytes()).thenReturn(2048L);
        servlet = new ApiServlet(context, config);
        bind(1L, routes -> {
            routes.get("/items/{name}", req -> {
                Item item = store.get(req.pathParam("name"));
                if (item == null) {
                    throw ProblemException.notFound("No item " + req.pathParam("name"));
                }
                return item;
            }).returns(Item.class).summary("One item").anonymous();
            routes.get("/items/special", req -> Map.of("special", true)).anonymous();
            routes.put("/items/{name}", req -> {
                Item item = req.body(Item.class);
                handled.incrementAndGet();
                store.put(req.pathParam("name"), item);
                return RestResponse.created("/api/v1/items/" + req.pathParam("name"), item);
            }).accepts(Item.class).returns(Item.class).anonymous();
            routes.get("/items", req -> req.pageRequest()).paged().anonymous();
            routes.post("/upload", req -> new String(req.bodyStream().readAllBytes(), StandardCharsets.UTF_8))
                    .consumes("text/csv").anonymous();
            routes.get("/boom", req -> {
                throw new IllegalStateException("secret internals");
            }).anonymous();
            routes.get("/me", req -> Map.of("name", req.requireCaller().name()));
            routes.delete("/items/{name}", req -> store.remove(req.pathParam("name"))).permission("item.delete");
        });
    }

    private void bind(long id, RestResource resource) {
        @SuppressWarnings("unchecked")
        ServiceReference<RestResource> ref = mock(ServiceReference.class);
        Bundle owner = mock(Bundle.class);
        when(owner.getSymbolicName()).thenReturn("test.bundle");
        when(ref.getBundle()).thenReturn(owner);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(id);
        servlet.addResource(resource, ref);
    }

    @Test
    void malformedJsonIsRefusedBeforeTheHandlerRuns() throws Exception {
        Answer a = call("PUT", "/items/a", "application/json", "{\"name\": \"x\", ", null);
        assertEquals(400, a.status);
        assertEquals("application/problem+json", a.contentType);
        JsonNode problem = a.json();
        assertEquals("https://onegrid.io/problems/malformed-json", problem.get("type").asText());
        assertEquals(400, problem.get("status").asInt());
        assertTrue(problem.get("detail").asText().contains("line 1"), problem.toString());
        assertEquals("/api/v1/items/a", problem.get("instance").asText());
        assertEquals(0, handled.get());
        assertTrue(store.isEmpty());
    }

    @Test
    void malformedJsonIsRefusedEvenWhereNoBodyIsExpected() throws Exception {
        assertEquals(400, call("GET", "/items", "application/json", "[1,", null).status);
        assertEquals(400, call("PUT", "/items/a", "application/json", "{\"name\":\"x\",\"count\":1} trailing", null).status);
        assertEquals(400, call("PUT", "/items/a", "application/json", "{\"name\":\"x\",\"name\":\"y\"}", null).status);
    }

    @Test
    void wellFormedButWrongBodiesNameTheMember() throws Exception {
        JsonNode p = call("PUT", "/items/a", "application/json", "{\"name\":\"x\",\"count\":\"many\"}", null).json();
        assertEquals("https://onegrid.io/problems/invalid-request", p.get("type").asText());
        assertEquals("/count", p.get("pointer").asText());
        p = call("PUT", "/items/a", "application/json", "{\"name\":\"x\",\"count\":1,\"colour\":1}", null).json();
        assertTrue(p.get("detail").asText().contains("unknown member 'colour'"), p.toString());
        p = call("PUT", "/items/a", "application/json", "{\"name\":\" \",\"count\":1}", null).json();
        assertTrue(p.get("detail").asText().contains("name must not be blank"), p.toString());
        assertEquals(400, call("PUT", "/items/a", null, null, null).status, "a body is required");
        assertTrue(store.isEmpty());
    }

    @Test
    void goodRequestsReachTheHandler() throws Exception {
        Answer put = call("PUT", "/items/a", "application/json; charset=utf-8", "{\"name\":\"水位计\",\"count\":2}", null);
        assertEquals(201, put.status);
        assertEquals("/api/v1/items/a", put.headers.get("Location"));
        Answer get = call("GET", "/items/a", null, null, null);
        assertEquals(200, get.status);
        assertEquals("水位计", get.json().get("name").asText());
        assertEquals(true, call("GET", "/items/special", null, null, null).json().get("special").asBoolean(),
                "a literal segment wins over a variable");
    }

    @Test
    void protectedRoutesNeedAnAuthenticatorATokenAndThePermission() throws Exception {
        assertEquals(503, call("GET", "/me", null, null, null).status, "no identity service: fail closed");
        Caller reader = new Caller("reader", "Reader", Caller.Kind.USER, 1L, Set.of(), Set.of("item.read"),
                DataScope.none());
        setAuthenticator(token -> "good".equals(token) ? Optional.of(reader) : Optional.empty());
        Answer anonymous = call("GET", "/me", null, null, null);
        assertEquals(401, anonymous.status);
        assertEquals("Bearer realm=\"onegrid\"", anonymous.headers.get("WWW-Authenticate"));
        authorization = "Bearer bad";
        assertEquals(401, call("GET", "/me", null, null, null).status);
        authorization = "Bearer good";
        assertEquals("reader", call("GET", "/me", null, null, null).json().get("name").asText());
        store.put("a", new Item("a", 1));
        Answer forbidden = call("DELETE", "/items/a", null, null, null);
        assertEquals(403, forbidden.status);
        assertEquals("item.delete", forbidden.json().get("permission").asText());
        assertTrue(store.containsKey("a"));
    }

    private void setAuthenticator(Authenticator authenticator) throws Exception {
        var field = ApiServlet.class.getDeclaredField("authenticator");
        field.setAccessible(true);
        field.set(servlet, authenticator);
    }

    @Test
    void unknownPathsMethodsAndMediaTypes() throws Exception {
        assertEquals(404, call("GET", "/nothing", null, null, null).status);
        Answer wrongMethod = call("POST", "/items/a", null, null, null);
        assertEquals(405, wrongMethod.status);
        assertEquals("DELETE, GET, PUT", wrongMethod.headers.get("Allow"));
        assertEquals(415, call("PUT", "/items/a", "text/plain", "hello", null).status);
        assertEquals(415, call("POST", "/upload", "application/json", "{}", null).status);
        assertEquals("a,b\n", call("POST", "/upload", "text/csv", "a,b\n", null).json().asText());
    }

    @Test
    void rawRoutesMayAcceptSeveralMediaTypesAndWholeFamilies() {
        assertTrue(ApiServlet.mediaTypeMatches("text/csv; charset=utf-8", "text/csv"));
        assertTrue(ApiServlet.mediaTypeMatches("IMAGE/PNG", "image/*, video/mp4"));
        assertTrue(ApiServlet.mediaTypeMatches("video/mp4", "image/*, video/mp4"));
        assertFalse(ApiServlet.mediaTypeMatches("video/webm", "image/*, video/mp4"));
        assertFalse(ApiServlet.mediaTypeMatches("imagex/png", "image/*"));
        assertFalse(ApiServlet.mediaTypeMatches(null, "image/*"));
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(2000) + "\",\"count\":1}";
        assertEquals(413, call("PUT", "/items/a", "application/json", big, null).status);
        assertEquals(413, call("POST", "/upload", "text/csv", "y".repeat(3000), null).status);
        assertTrue(store.isEmpty());
    }

    @Test
    void pagingParametersAreChecked() throws Exception {
        JsonNode page = call("GET", "/items", null, null, "page=2&size=5&sort=-name").json();
        assertEquals(2, page.get("page").asInt());
        assertEquals("name", page.get("sort").get(0).get("property").asText());
        assertEquals(400, call("GET", "/items", null, null, "size=100000").status);
        assertEquals(400, call("GET", "/items", null, null, "page=abc").status);
        assertEquals(400, call("GET", "/items", null, null, "sort=name;drop").status);
    }

    @Test
    void unexpectedFailuresLeakNothing() throws Exception {
        Answer a = call("GET", "/boom", null, null, null);
        assertEquals(500, a.status);
        assertFalse(a.body.contains("secret internals"));
        assertTrue(a.json().get("instance").asText().startsWith("urn:uuid:"));
    }

    @Test
    void titlesFollowTheCallersLanguage() throws Exception {
        assertEquals("未找到", call("GET", "/nothing", null, null, null, "zh-CN,zh;q=0.9").json().get("title").asText());
        assertEquals("Not found", call("GET", "/nothing", null, null, null, "en-US").json().get("title").asText());
        assertEquals("Not found", call("GET", "/nothing", null, null, null).json().get("title").asText());
    }

    @Test
    void openApiListsEveryRouteAndDropsThemWithTheirResource() throws Exception {
        JsonNode doc = call("GET", "/openapi.json", null, null, null).json();
        assertEquals("3.0.3", doc.get("openapi").asText());
        JsonNode paths = doc.get("paths");
        for (String p : List.of("/items/{name}", "/items/special", "/items", "/upload", "/openapi.json")) {
            assertTrue(paths.has(p), p + " in " + paths);
        }
        assertEquals("#/components/schemas/Item",
                paths.get("/items/{name}").get("put").get("requestBody").get("content").get("application/json")
                        .get("schema").get("$ref").asText());
        assertEquals("integer", doc.get("components").get("schemas").get("Item").get("properties").get("count")
                .get("type").asText());
        servlet.unbindResource(refWithId(1L));
        assertEquals(404, call("GET", "/items/special", null, null, null).status);
        assertFalse(call("GET", "/openapi.json", null, null, null).json().get("paths").has("/items"));
    }

    @Test
    void bindingTheSameServiceAgainKeepsItsRoutes() throws Exception {
        bind(3L, routes -> routes.get("/again", req -> "first").anonymous());
        bind(3L, routes -> routes.get("/again", req -> "second").anonymous());
        assertEquals("second", call("GET", "/again", null, null, null).json().asText());
    }

    @Test
    void aSecondResourceCannotHijackARoute() throws Exception {
        bind(2L, routes -> routes.get("/items/{other}", req -> "hijacked"));
        store.put("a", new Item("a", 1));
        assertEquals("a", call("GET", "/items/a", null, null, null).json().get("name").asText());
    }

    @Test
    void aResourceThatCannotBeFetchedYetIsRetriedUntilItIsServed() throws Exception {
        ServiceReference<RestResource> ref = refWithId(9L);
        Bundle owner = mock(Bundle.class);
        when(owner.getSymbolicName()).thenReturn("test.bundle");
        when(ref.getBundle()).thenReturn(owner);
        RestResource late = routes -> routes.get("/late", req -> "here").anonymous();
        // SCR hands out null while another thread still activates the component (lock timeout at boot).
        when(context.getService(ref)).thenReturn(null).thenThrow(new IllegalStateException("still busy"))
                .thenReturn(late);
        servlet.bindResource(ref);
        assertEquals(404, call("GET", "/late", null, null, null).status);
        assertEquals(List.of("test.bundle"), servlet.pendingResources());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!servlet.pendingResources().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), servlet.pendingResources());
        assertEquals(200, call("GET", "/late", null, null, null).status);
        servlet.unbindResource(ref);
        verify(context).ungetService(ref);
        assertEquals(404, call("GET", "/late", null, null, null).status);
        servlet.deactivate();
    }

    private static ServiceReference<RestResource> refWithId(long id) {
        @SuppressWarnings("unchecked")
        ServiceReference<RestResource> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(id);
        return ref;
    }

    final class Answer {
        int status = 200;
        String contentType;
        String body = "";
        final Map<String, String> headers = new HashMap<>();

        JsonNode json() throws IOException {
            return json.readTree(body);
        }
    }

    private Answer call(String method, String path, String contentType, String body, String query) throws Exception {
        return call(method, path, contentType, body, query, null);
    }

    private Answer call(String method, String path, String contentType, String body, String query, String language)
            throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        when(req.getMethod()).thenReturn(method);
        when(req.getPathInfo()).thenReturn(path);
        when(req.getRequestURI()).thenReturn("/api/v1" + path);
        when(req.getQueryString()).thenReturn(query);
        when(req.getContentType()).thenReturn(contentType);
        when(req.getContentLengthLong()).thenReturn((long) bytes.length);
        when(req.getHeader("Accept-Language")).thenReturn(language);
        when(req.getHeader("Authorization")).thenReturn(authorization);
        if (language != null) {
            when(req.getLocales()).thenReturn(Collections.enumeration(List.of(Locale.forLanguageTag(language.split(",")[0]))));
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        when(req.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        });
        Answer answer = new Answer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HttpServletResponse resp = mock(HttpServletResponse.class);
        doAnswer(i -> answer.status = i.getArgument(0)).when(resp).setStatus(anyInt());
        doAnswer(i -> answer.contentType = i.getArgument(0)).when(resp).setContentType(anyString());
        doAnswer(i -> answer.headers.put(i.getArgument(0), i.getArgument(1))).when(resp).setHeader(anyString(), any());
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
        servlet.service(req, resp);
        answer.body = out.toString(StandardCharsets.UTF_8);
        return answer;
    }
}
