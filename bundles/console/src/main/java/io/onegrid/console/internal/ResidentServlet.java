package io.onegrid.console.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * {@code /r/*}: the residents' page behind the doorplate QR codes. {@code /r/{code}} and {@code /r/track/{tracking}}
 * are deep links into one small page, so every such path answers the same HTML; the page reads the path itself. Its
 * script and style live under {@code /r/assets/}. No sign-in and no data here: the page fetches the public API.
 */
@Component(service = Servlet.class, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/r/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=onegrid-resident"})
public final class ResidentServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String ASSETS = "/assets/";

    private final transient StaticFiles files = new StaticFiles("resident", ResidentServlet.class.getClassLoader());

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String file = path.startsWith(ASSETS) ? path.substring(ASSETS.length()) : "index.html";
        var found = files.find(file);
        if (found.isEmpty()) {
            FileSender.notFound(resp, FileSender.RESIDENT_CSP);
            return;
        }
        FileSender.send(req, resp, found.get(), FileSender.RESIDENT_CSP);
    }
}
