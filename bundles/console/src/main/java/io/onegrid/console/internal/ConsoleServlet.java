package io.onegrid.console.internal;

import java.io.IOException;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * {@code /console/}: the operators' single-page app. The app routes with the URL fragment ({@code #/inbox}), so the
 * server only hands out files: {@code /console/} is {@code index.html}, everything else a file of the bundle's
 * {@code console/} folder or 404. A servlet rather than a whiteboard resource so that every answer carries the
 * Content-Security-Policy.
 */
@Component(service = Servlet.class, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/console/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=onegrid-console"})
public final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient StaticFiles files = new StaticFiles("console", ConsoleServlet.class.getClassLoader());

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path == null) {
            // "/console" without the slash: relative URLs of the page would resolve against "/"
            resp.sendRedirect(req.getContextPath() + req.getServletPath() + "/");
            return;
        }
        String file = path.equals("/") ? "index.html" : path.substring(1);
        var found = files.find(file);
        if (found.isEmpty()) {
            FileSender.notFound(resp, FileSender.CONSOLE_CSP);
            return;
        }
        FileSender.send(req, resp, found.get(), FileSender.CONSOLE_CSP);
    }
}
