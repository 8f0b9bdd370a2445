package io.onegrid.rest.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/** A servlet request seen through {@link RestRequest}. */
final class HttpRestRequest implements RestRequest {

    private final HttpServletRequest request;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final JsonNode body;
    private final InputStream rawBody;
    private final Locale locale;
    private final ObjectMapper mapper;
    private final Optional<Caller> caller;

    HttpRestRequest(HttpServletRequest request, String path, Map<String, String> pathParams, JsonNode body,
            InputStream rawBody, Locale locale, ObjectMapper mapper, Optional<Caller> caller) {
        this.request = request;
        this.path = path;
        this.pathParams = pathParams;
        this.query = parseQuery(request.getQueryString());
        this.body = body;
        this.rawBody = rawBody;
        this.locale = locale;
        this.mapper = mapper;
        this.caller = caller;
    }

    @Override
    public Optional<Caller> caller() {
        return caller;
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    /** Reads the query string ourselves: {@code getParameter} would consume a form-encoded body. */
    static Map<String, List<String>> parseQuery(String queryString) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return params;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("The query string is not properly percent-encoded near '" + pair + "'");
            }
        }
        return params;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The route has no path variable '" + name + "'");
        }
        return value;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        return Collections.unmodifiableList(query.getOrDefault(name, List.of()));
    }

    @Override
    public Set<String> queryNames() {
        return Collections.unmodifiableSet(query.keySet());
    }

    @Override
    public Optional<Integer> queryInt(String name) {
        Optional<String> text = query(name).filter(s -> !s.isBlank());
        try {
            return text.map(s -> Integer.valueOf(s.strip()));
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "Query parameter '" + name + "' must be an integer, not '" + text.orElse("") + "'",
                    Map.of("parameter", name), null);
        }
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(request.getHeader(name));
    }

    @Override
    public Locale locale() {
        return locale;
    }

    @Override
    public boolean hasBody() {
        return body != null || rawBody != null;
    }

    @Override
    public <T> T body(Class<T> type) {
        if (body == null) {
            throw ProblemException.badRequest("This endpoint needs a JSON body (Content-Type: application/json)");
        }
        try {
            return mapper.readerFor(type).readValue(body);
        } catch (JsonMappingException e) {
            String pointer = Json.pointer(e);
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    (pointer.isEmpty() ? "The body" : "Member '" + pointer + "'") + ": " + Json.reason(e),
                    Map.of("pointer", pointer), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream bodyStream() {
        if (rawBody == null) {
            throw ProblemException.badRequest("This endpoint needs a request body");
        }
        return rawBody;
    }

    @Override
    public PageRequest pageRequest() {
        int page = queryInt("page").orElse(1);
        int size = queryInt("size").orElse(PageRequest.DEFAULT_SIZE);
        try {
            return new PageRequest(page, size, SortOrder.parseList(query("sort").orElse("")));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, e.getMessage(), Map.of(), e);
        }
    }
}
