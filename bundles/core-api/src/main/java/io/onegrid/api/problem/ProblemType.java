package io.onegrid.api.problem;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable kind of problem: its {@code type} URI never changes once published, so that clients can branch on it.
 * Bundles and plugins may define their own; the slug should then start with the plugin's name
 * ({@code flood-station-offline}).
 *
 * @param slug   lower-case, dash-separated identifier, e.g. {@code malformed-json}
 * @param status the HTTP status this kind of problem answers with
 */
public record ProblemType(String slug, int status) {

    /** Base of every OneGrid problem type URI. */
    public static final String BASE_URI = "https://onegrid.io/problems/";

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public static final ProblemType MALFORMED_JSON = new ProblemType("malformed-json", 400);
    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", 400);
    public static final ProblemType VALIDATION_FAILED = new ProblemType("validation-failed", 422);
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406);
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409);
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", 415);
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", 429);
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", 500);
    public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType("service-unavailable", 503);

    public ProblemType {
        Objects.requireNonNull(slug, "slug");
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("Problem type slug must be lower-case words joined by dashes: " + slug);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem answers with a 4xx or 5xx status, not " + status);
        }
    }

    /** The absolute {@code type} URI of RFC 9457. */
    public String uri() {
        return BASE_URI + slug;
    }
}
