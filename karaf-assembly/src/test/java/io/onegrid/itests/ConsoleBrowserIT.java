package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.api.console.ConsoleExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The web console and the resident page in headless Chromium against the booted distribution (issue #6): runs the
 * Playwright walk of {@code src/test/browser/walk.mjs} with node, saves a screenshot of every step in
 * {@code target/browser-screenshots/} and reports the page weights. Also shows a plugin's console page appearing
 * while its service is registered and leaving with it.
 *
 * <p>Needs node (with npm for the first run) and {@code /usr/bin/chromium}; without them the walk is skipped, or fails
 * when {@code CI=true}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleBrowserIT extends OneGridTestSupport {

    private static final long WALK_MINUTES = 10;

    /** Runs in the test JVM (working directory: karaf-assembly): hands absolute paths to the container. */
    @Configuration
    public Option[] config() {
        return oneGrid(
                systemProperty("onegrid.test.browserSource").value(new File("src/test/browser").getAbsolutePath()),
                systemProperty("onegrid.test.browserWork").value(new File("target/browser").getAbsolutePath()),
                systemProperty("onegrid.test.screenshots")
                        .value(new File("target/browser-screenshots").getAbsolutePath()),
                systemProperty("onegrid.test.ci").value(String.valueOf("true".equals(System.getenv("CI")))));
    }

    /** A plugin's page as a plugin would register it. */
    private record TestPage(String id, String titleZh, String titleEn, Kind kind, String url,
            Optional<String> permission) implements ConsoleExtension {
    }

    /**
     * What a plugin serves itself through the whiteboard: the ES module of its console page, which draws one
     * paragraph with textContent.
     */
    public static final class PluginModule extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/javascript;charset=UTF-8");
            resp.getWriter().write("export default function mount(element, context) {\n"
                    + "  const p = document.createElement('p');\n  p.id = 'it-plugin-content';\n"
                    + "  p.textContent = 'plugin page mounted (' + context.lang + ')';\n  element.append(p);\n}\n");
        }
    }

    private ServiceRegistration<Servlet> servePluginModule() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", "/plugins/it-console-page/page.js");
        props.put("osgi.http.whiteboard.servlet.name", "it-console-page");
        return bundleContext.registerService(Servlet.class, new PluginModule(), props);
    }

    private ServiceRegistration<ConsoleExtension> register(String id, Optional<String> permission) {
        return bundleContext.registerService(ConsoleExtension.class, new TestPage(id, "测试插件", "Test plugin",
                ConsoleExtension.Kind.PAGE, "/plugins/" + id + "/page.js", permission), new Hashtable<>());
    }

    private static boolean listed(String token, String id) throws Exception {
        Answer answer = get("/console/extensions", token);
        assertEquals(answer.body(), 200, answer.status());
        for (JsonNode e : answer.json()) {
            if (id.equals(e.get("id").asText())) {
                return true;
            }
        }
        return false;
    }

    @Test
    public void aPluginPageIsListedOnlyWhileItsServiceIsRegistered() throws Exception {
        awaitHealthy();
        String operator = login("operator1");
        String worker = login("gridworker1");
        assertFalse(listed(operator, "it-flood"));
        ServiceRegistration<ConsoleExtension> flood = register("it-flood", Optional.empty());
        ServiceRegistration<ConsoleExtension> dispatchOnly = register("it-dispatch",
                Optional.of("workorder.dispatch"));
        try {
            assertTrue(listed(operator, "it-flood"));
            assertTrue(listed(operator, "it-dispatch"));
            assertTrue(listed(worker, "it-flood"));
            assertFalse("grid workers do not dispatch", listed(worker, "it-dispatch"));
            JsonNode first = get("/console/extensions", operator).json().get(0);
            assertEquals("module", first.get("module").asText());
        } finally {
            flood.unregister();
            dispatchOnly.unregister();
        }
        assertFalse(listed(operator, "it-flood"));
        assertFalse(listed(operator, "it-dispatch"));
        assertEquals(401, get("/console/extensions").status());
    }

    @Test
    public void theConsoleAndResidentPagesAnswerWithTheirPolicy() throws Exception {
        awaitHealthy();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        String root = "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort");
        for (String path : new String[] {"/console/", "/r/37039910120100000001", "/r/track/ABCD1234"}) {
            var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(path, 200, response.statusCode());
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(path + ": " + csp, csp.contains("script-src 'self'"));
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(response.body().contains("<script type=\"module\""));
        }
    }

    @Test
    public void aResidentReportWalksTheLoopInTheBrowser() throws Exception {
        awaitHealthy();
        Path source = Path.of(System.getProperty("onegrid.test.browserSource"));
        Path work = Path.of(System.getProperty("onegrid.test.browserWork"));
        Path shots = Path.of(System.getProperty("onegrid.test.screenshots"));
        boolean ci = Boolean.getBoolean("onegrid.test.ci");
        BrowserSupport.requireBrowser(ci);
        BrowserSupport.prepare(source, work, ci);
        BrowserSupport.emptyFolder(shots); // only files: the flood walk keeps its own in flood/

        ServiceRegistration<Servlet> module = servePluginModule();
        ServiceRegistration<ConsoleExtension> plugin = register("it-console-page", Optional.empty());
        List<String> output;
        try {
            output = BrowserSupport.run(work, WALK_MINUTES, "node", "walk.mjs",
                    "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort"), shots.toString(),
                    "it-console-page");
        } finally {
            plugin.unregister();
            module.unregister();
        }
        Files.write(shots.resolve("walk.log"), output, StandardCharsets.UTF_8);
        String summary = output.stream().filter(l -> l.startsWith("BROWSER-WALK ")).reduce((a, b) -> b).orElse("");
        assertTrue("the walk failed:\n" + String.join("\n", output), summary.startsWith("BROWSER-WALK OK"));
        assertTrue(summary, summary.contains(" dialogs=0 "));
        long screenshots;
        try (var files = Files.list(shots)) {
            screenshots = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.png")).count();
        }
        assertTrue("screenshots: " + screenshots, screenshots >= 11);
        long residentBytes = Long.parseLong(summary.replaceAll(".*residentBytes=(\\d+).*", "$1"));
        assertTrue("resident page " + residentBytes + " bytes", residentBytes < 150 * 1024);
    }
}
