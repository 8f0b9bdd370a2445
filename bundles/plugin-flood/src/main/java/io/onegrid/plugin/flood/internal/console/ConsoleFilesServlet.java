package io.onegrid.plugin.flood.internal.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;

/**
 * {@code /plugins/flood/*}: the ES modules and the style sheet that the console mounts for the flood page and panel,
 * from this bundle's {@code flood-console/} folder. Same origin as the console, so its {@code script-src 'self'}
 * admits them. Code only, no data: the modules read the flood API with the console's bearer token, so the files
 * themselves need no sign-in. Files are read once and kept with their gzip form and an ETag.
 */
@Component(service = Servlet.class, property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/plugins/flood/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=onegrid-flood-console"})
public final class ConsoleFilesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the files are served; the extensions' URLs start with it. */
    static final String PREFIX = "/plugins/flood/";
    private static final String FOLDER = "flood-console/";
    /** Plain file names: no folders, no "..", no hidden files. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml");

    /** One file ready to send. */
    record File(String contentType, byte[] plain, byte[] gzip, String etag) {
    }

    private final transient Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        // a file opened on its own is a document: let it run nothing and be framed by no one
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
        String path = req.getPathInfo();
        Optional<File> found = path == null ? Optional.empty() : find(path.substring(1));
        if (found.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        File file = found.get();
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("ETag", file.etag());
        resp.setHeader("Vary", "Accept-Encoding");
        String match = req.getHeader("If-None-Match");
        if (match != null && match.contains(file.etag())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.contentType());
        String encodings = req.getHeader("Accept-Encoding");
        boolean gzip = encodings != null && encodings.toLowerCase(java.util.Locale.ROOT).contains("gzip");
        byte[] body = gzip ? file.gzip() : file.plain();
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    /** The file called {@code name}, or empty when there is none or the name is not a plain file name. */
    Optional<File> find(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, ConsoleFilesServlet::load);
    }

    private static Optional<File> load(String name) {
        URL url = ConsoleFilesServlet.class.getClassLoader().getResource(FOLDER + name);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] plain = in.readAllBytes();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(plain.length / 3 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                gz.write(plain);
            }
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain), 0, 16)
                    + "\"";
            return Optional.of(new File(type, plain, packed.toByteArray(), etag));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
