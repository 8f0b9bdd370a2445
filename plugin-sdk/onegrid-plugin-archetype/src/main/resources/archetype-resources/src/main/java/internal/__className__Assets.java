package ${package}.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * Serves the console page's files from the bundle's {@code static/} folder at {@value #PREFIX}, on the console's own
 * origin (its Content-Security-Policy allows scripts from {@code 'self'} only). A fixed list of files: nothing else of
 * the bundle is reachable.
 */
@Component(service = Servlet.class, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=" + ${className}Assets.PREFIX + "/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=${pluginId}-assets"})
public final class ${className}Assets extends HttpServlet {

    static final String PREFIX = "/plugins/${pluginId}";

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FILES = Map.of("/page.js", "text/javascript; charset=utf-8");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        String type = path == null ? null : FILES.get(path);
        InputStream in = type == null ? null : ${className}Assets.class.getResourceAsStream("/static" + path);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (in == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (in) {
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }
}
