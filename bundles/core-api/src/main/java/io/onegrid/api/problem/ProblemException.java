package io.onegrid.api.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by services and REST handlers to refuse a request; the REST layer turns it into an
 * {@code application/problem+json} answer. Anything else thrown becomes an opaque 500, so a handler that means to tell
 * the client something throws this.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> extensions, Throwable cause) {
        super(detail, cause);
        this.type = Objects.requireNonNull(type, "type");
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public ProblemType type() {
        return type;
    }

    /** The {@code detail} member: what went wrong with this very request. */
    public String detail() {
        return getMessage();
    }

    /** Extension members such as {@code errors} or {@code allowed}. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }

    /** Refuses input for the listed reasons; they are reported as the {@code errors} member. */
    public static ProblemException invalid(String detail, List<Violation> violations) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, detail, Map.of("errors", List.copyOf(violations)), null);
    }
}
