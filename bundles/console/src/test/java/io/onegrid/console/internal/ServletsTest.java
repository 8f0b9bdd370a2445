package io.onegrid.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class ServletsTest {

    /** A response that records headers and body. */
    private static final class Recorded {
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse resp = mock(HttpServletResponse.class);

        Recorded() throws Exception {
            Mockito.doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(resp)
                    .setHeader(Mockito.anyString(), Mockito.anyString());
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
        }
    }

    private static HttpServletRequest get(String servletPath, String pathInfo) {
        HttpServletRequest req = mock(HttpServletRequest.class);
        when(req.getMethod()).thenReturn("GET");
        when(req.getServletPath()).thenReturn(servletPath);
        when(req.getContextPath()).thenReturn("");
        when(req.getPathInfo()).thenReturn(pathInfo);
        return req;
    }

    @Test
    void everyResidentDeepLinkAnswersThePageWithItsPolicy() throws Exception {
        ResidentServlet servlet = new ResidentServlet();
        for (String path : new String[] {"/37039910120100000001", "/track/AB12CD34", "/"}) {
            Recorded r = new Recorded();
            servlet.doGet(get("/r", path), r.resp);
            String html = r.body.toString(StandardCharsets.UTF_8);
            assertTrue(html.contains("<script type=\"module\" src=\"/r/assets/resident.js\""), html);
            assertEquals(FileSender.RESIDENT_CSP, r.headers.get("Content-Security-Policy"));
            assertEquals("nosniff", r.headers.get("X-Content-Type-Options"));
            verify(r.resp).setContentType("text/html;charset=UTF-8");
        }
        Recorded missing = new Recorded();
        servlet.doGet(get("/r", "/assets/nothing.js"), missing.resp);
        verify(missing.resp).sendError(404);
        assertEquals(FileSender.RESIDENT_CSP, missing.headers.get("Content-Security-Policy"));
    }

    @Test
    void theConsoleServesItsIndexAndRedirectsTheBarePath() throws Exception {
        ConsoleServlet servlet = new ConsoleServlet();
        Recorded index = new Recorded();
        servlet.doGet(get("/console", "/"), index.resp);
        assertTrue(index.body.toString(StandardCharsets.UTF_8).contains("js/app.js"));
        assertTrue(index.headers.get("Content-Security-Policy").contains("script-src 'self'"));

        Recorded bare = new Recorded();
        servlet.doGet(get("/console", null), bare.resp);
        verify(bare.resp).sendRedirect("/console/");

        HttpServletRequest cached = get("/console", "/");
        when(cached.getHeader("If-None-Match")).thenReturn(index.headers.get("ETag"));
        Recorded notModified = new Recorded();
        servlet.doGet(cached, notModified.resp);
        verify(notModified.resp).setStatus(304);
        assertEquals(0, notModified.body.size());

        HttpServletRequest zipped = get("/console", "/js/app.js");
        when(zipped.getHeader("Accept-Encoding")).thenReturn("gzip");
        Recorded gz = new Recorded();
        servlet.doGet(zipped, gz.resp);
        assertEquals("gzip", gz.headers.get("Content-Encoding"));
    }
}
