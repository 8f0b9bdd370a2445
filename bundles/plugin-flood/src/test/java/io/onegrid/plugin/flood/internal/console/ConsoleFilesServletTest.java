package io.onegrid.plugin.flood.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.onegrid.api.console.ConsoleExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class ConsoleFilesServletTest {

    private final ConsoleFilesServlet servlet = new ConsoleFilesServlet();

    private record Sent(int status, Map<String, String> headers, String contentType, String body) {
    }

    private Sent get(String pathInfo, String ifNoneMatch) throws Exception {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getMethod()).thenReturn("GET");
        when(req.getPathInfo()).thenReturn(pathInfo);
        when(req.getHeader("If-None-Match")).thenReturn(ifNoneMatch);
        HttpServletResponse resp = mock(HttpServletResponse.class);
        Map<String, String> headers = new HashMap<>();
        int[] status = {200};
        String[] type = {null};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Mockito.doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(resp)
                .setHeader(Mockito.anyString(), Mockito.anyString());
        Mockito.doAnswer(i -> status[0] = i.getArgument(0)).when(resp).sendError(Mockito.anyInt());
        Mockito.doAnswer(i -> status[0] = i.getArgument(0)).when(resp).setStatus(Mockito.anyInt());
        Mockito.doAnswer(i -> type[0] = i.getArgument(0)).when(resp).setContentType(Mockito.anyString());
        when(resp.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
        servlet.doGet(req, resp);
        return new Sent(status[0], headers, type[0], body.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theModulesAreServedAsJavaScriptWithoutSniffing() throws Exception {
        for (String name : List.of("page.js", "panel.js", "chart.js", "ui.js", "i18n.js")) {
            Sent sent = get("/" + name, null);
            assertEquals(200, sent.status(), name);
            assertEquals("text/javascript;charset=UTF-8", sent.contentType(), name);
            assertEquals("nosniff", sent.headers().get("X-Content-Type-Options"));
            assertTrue(sent.headers().get("ETag").startsWith("\""), name);
            assertFalse(sent.body().contains("innerHTML"), name + " builds markup from strings");
            assertFalse(sent.body().contains("eval("), name);
        }
        Sent css = get("/flood.css", null);
        assertEquals("text/css;charset=UTF-8", css.contentType());
        assertTrue(css.body().contains(".level-chart"));
    }

    @Test
    void aKnownVersionAnswersNotModified() throws Exception {
        String etag = get("/page.js", null).headers().get("ETag");
        Sent again = get("/page.js", etag);
        assertEquals(HttpServletResponse.SC_NOT_MODIFIED, again.status());
        assertEquals("", again.body());
    }

    @Test
    void onlyPlainNamesOfThisFolderAreServed() throws Exception {
        for (String path : new String[] {null, "/", "/../db/flood/V1__flood.sql", "/db/flood/V1__flood.sql",
            "/missing.js", "/.hidden.js", "/page.js/", "/PAGE.JS", "/io/onegrid/plugin/flood/internal/Alarm.class",
            "/page.js?x", "/%2e%2e/page.js"}) {
            assertEquals(404, get(path, null).status(), String.valueOf(path));
        }
    }

    @Test
    void theExtensionsPointAtServedModulesAndNeedTheFloodApisPermission() throws Exception {
        Pattern id = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
        for (ConsoleExtension e : List.<ConsoleExtension>of(new FloodMonitorPage(), new FloodAlarmPanel())) {
            assertTrue(id.matcher(e.id()).matches(), e.id());
            assertTrue(e.url().startsWith(ConsoleFilesServlet.PREFIX) && e.url().endsWith(".js"), e.url());
            assertEquals(200, get("/" + e.url().substring(ConsoleFilesServlet.PREFIX.length()), null).status());
            assertEquals("flood.read", e.permission().orElseThrow());
            assertFalse(e.titleZh().isBlank() || e.titleEn().isBlank());
        }
        assertEquals(ConsoleExtension.Kind.PAGE, new FloodMonitorPage().kind());
        assertEquals(ConsoleExtension.Kind.DASHBOARD_PANEL, new FloodAlarmPanel().kind());
        assertEquals("防汛监测", new FloodMonitorPage().titleZh());
        assertEquals("Water-level alarms", new FloodAlarmPanel().titleEn());
    }

    @Test
    void everyTextKeyExistsInBothLanguages() throws Exception {
        String catalogue = get("/i18n.js", null).body();
        String zh = catalogue.substring(catalogue.indexOf("const zh"), catalogue.indexOf("const en"));
        String en = catalogue.substring(catalogue.indexOf("const en"), catalogue.indexOf("const CATALOGUES"));
        Pattern key = Pattern.compile("'([a-zA-Z0-9_.]+)':");
        List<String> zhKeys = key.matcher(zh).results().map(m -> m.group(1)).sorted().toList();
        List<String> enKeys = key.matcher(en).results().map(m -> m.group(1)).sorted().toList();
        assertEquals(zhKeys, enKeys);
        assertTrue(zhKeys.size() > 40, "keys: " + zhKeys.size());
        // every t('literal') used by the modules is in the catalogue
        for (String module : List.of("page.js", "panel.js", "chart.js")) {
            Pattern used = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'");
            for (String k : used.matcher(get("/" + module, null).body()).results().map(m -> m.group(1)).toList()) {
                assertTrue(zhKeys.contains(k), module + " uses the unknown text key " + k);
            }
        }
    }
}
