package io.onegrid.api.rest;

import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.security.Caller;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** The request as a handler sees it. Malformed input has been refused before a handler runs. */
@ProviderType
public interface RestRequest {

    String method();

    /** The path below {@code /api/v1}, e.g. {@code /settings/county.name}. */
    String path();

    /** A variable of the route's path template. */
    String pathParam(String name);

    Optional<String> query(String name);

    List<String> queryAll(String name);

    /**
     * The names of every query parameter of the request, so that a handler taking a family of parameters (such as
     * {@code field.<name>=value}) can refuse the ones it does not know instead of silently ignoring them.
     */
    Set<String> queryNames();

    /** An integer query parameter; a value that is not an integer is refused with 400. */
    Optional<Integer> queryInt(String name);

    Optional<String> header(String name);

    /** The caller's preferred language among those OneGrid speaks (Simplified Chinese and English). */
    Locale locale();

    /** Whether the request carries a body. */
    boolean hasBody();

    /**
     * The JSON body mapped to {@code type} (records and plain classes). A missing body, unknown members or values of the
     * wrong type are refused with 400 {@code invalid-request} naming the member.
     */
    <T> T body(Class<T> type);

    /** The raw body of a route declared with {@link Route#consumes(String)}. */
    InputStream bodyStream();

    /** The {@code page}, {@code size} and {@code sort} query parameters; bad values are refused with 400. */
    PageRequest pageRequest();

    /**
     * The authenticated caller. Always present on routes that are not {@link Route#anonymous()}; on anonymous routes
     * present only when the request carried a valid token.
     */
    Optional<Caller> caller();

    /** The caller of a route that requires sign-in. */
    default Caller requireCaller() {
        return caller().orElseThrow(() -> new io.onegrid.api.problem.ProblemException(
                io.onegrid.api.problem.ProblemType.UNAUTHORIZED, "Sign in first"));
    }

    /** The client's address, for audit records and rate limits. */
    String remoteAddress();
}
