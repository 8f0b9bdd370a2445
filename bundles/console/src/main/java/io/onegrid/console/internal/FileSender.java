package io.onegrid.console.internal;

import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Writes a {@link StaticFiles.File} with the headers both pages share: a strict Content-Security-Policy (scripts,
 * styles and connections only from this server, so injected markup could not run even if some text slipped
 * through unescaped), no MIME sniffing, no framing by other sites, no referrer leaking the doorplate code, and
 * revalidation through the ETag so that a new bundle version is picked up at once.
 */
final class FileSender {

    /** The console: its own scripts, plugin frames from this server, photos as blob: previews. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
            + " blob:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    /** The resident page needs nothing but itself and the API. */
    static final String RESIDENT_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
            + " data: blob:; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private FileSender() {
    }

    static void securityHeaders(HttpServletResponse resp, String csp) {
        resp.setHeader("Content-Security-Policy", csp);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
    }

    static void send(HttpServletRequest req, HttpServletResponse resp, StaticFiles.File file, String csp)
            throws IOException {
        securityHeaders(resp, csp);
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("ETag", file.etag());
        resp.setHeader("Vary", "Accept-Encoding");
        String match = req.getHeader("If-None-Match");
        if (match != null && match.contains(file.etag())) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(file.contentType());
        boolean gzip = file.gzip() != null && acceptsGzip(req.getHeader("Accept-Encoding"));
        byte[] body = gzip ? file.gzip() : file.plain();
        if (gzip) {
            resp.setHeader("Content-Encoding", "gzip");
        }
        resp.setContentLength(body.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(body);
        }
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] token = part.strip().split(";");
            if (token[0].strip().equalsIgnoreCase("gzip")) {
                return token.length < 2 || !token[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }

    static void notFound(HttpServletResponse resp, String csp) throws IOException {
        securityHeaders(resp, csp);
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
