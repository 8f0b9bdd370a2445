package io.onegrid.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Authenticator;
import io.onegrid.api.security.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet behind {@code /api/v1/}: routes each request to the {@link RestResource} that declared its path,
 * parses and checks the body before any handler runs, and answers every failure as {@code application/problem+json}.
 */
@Component(service = Servlet.class, configurationPid = "io.onegrid.rest", property = {
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/api/v1/*",
    HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=onegrid-api"})
@Designate(ocd = RestConfig.class)
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String JSON = "application/json;charset=UTF-8";
    static final String API_BASE = "/api/v1";

    private final transient RouteTable table = new RouteTable();
    private final transient ObjectMapper mapper = Json.newMapper();
    private final transient Problems problems = new Problems(mapper);
    private final String version;
    private transient volatile RestConfig config;

    /*
     * Services are taken by reference and fetched here, not injected by SCR: under load at boot, fetching a delayed
     * component can fail (Felix SCR gives up on a component another thread is still activating after
     * ds.lock.timeout.milliseconds and hands out null), and SCR never offers that service again. A resource that
     * could not be fetched is retried until it comes; health reports it meanwhile.
     */
    private final transient BundleContext context;
    private final transient Map<ServiceReference<RestResource>, RestResource> resources = new ConcurrentHashMap<>();
    private final transient Set<ServiceReference<RestResource>> pending = ConcurrentHashMap.newKeySet();
    private transient ScheduledExecutorService retries;
    private final transient ServiceRegistration<HealthIndicator> health;

    /** Provided by the identity bundle; without it only anonymous routes answer (fail closed). */
    private transient volatile ServiceReference<Authenticator> authenticatorRef;
    private transient volatile Authenticator authenticator;

    @Activate
    public ApiServlet(BundleContext context, RestConfig config) {
        this.context = context;
        this.config = config;
        this.version = context.getBundle().getVersion().toString();
        RouteTable.Collector builtIn = table.collector(context.getBundle().getSymbolicName());
        builtIn.get("/openapi.json", req -> OpenApiDocument.build(table.routes(), mapper, version))
                .summary("This API described as OpenAPI 3").tag("meta").anonymous();
        table.put(this, builtIn);
        health = context.registerService(HealthIndicator.class, new HealthIndicator() {
            @Override
            public String name() {
                return "rest";
            }

            @Override
            public Health check() {
                List<String> waiting = pendingResources();
                return waiting.isEmpty() ? Health.up(Map.of("routes", table.routes().size()))
                        : Health.down("REST resources registered but not served yet", Map.of("waiting", waiting));
            }
        }, null);
    }

    @Modified
    void modified(RestConfig newConfig) {
        this.config = newConfig;
    }

    @Deactivate
    synchronized void deactivate() {
        try {
            if (health != null) {
                health.unregister();
            }
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Reference(service = Authenticator.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(ServiceReference<Authenticator> ref) {
        authenticator = null;
        authenticatorRef = ref;
    }

    void unbindAuthenticator(ServiceReference<Authenticator> ref) {
        if (ref.equals(authenticatorRef)) {
            authenticatorRef = null;
            authenticator = null;
            context.ungetService(ref);
        }
    }

    /** The authenticator, fetched on first use (and again if it could not be fetched before). */
    private Authenticator authenticator() {
        Authenticator auth = authenticator;
        ServiceReference<Authenticator> ref = authenticatorRef;
        if (auth == null && ref != null) {
            auth = fetch(ref);
            authenticator = auth;
        }
        return auth;
    }

    @Reference(service = RestResource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void bindResource(ServiceReference<RestResource> ref) {
        RestResource resource = fetch(ref);
        if (resource == null) {
            LOG.warn("REST resource {} of {} is not available yet; retrying until it is", ref.getProperty(
                    Constants.SERVICE_ID), owner(ref));
            pending.add(ref);
            scheduleRetry();
            return;
        }
        resources.put(ref, resource);
        addResource(resource, ref);
    }

    void unbindResource(ServiceReference<RestResource> ref) {
        pending.remove(ref);
        table.remove(ref.getProperty(Constants.SERVICE_ID));
        if (resources.remove(ref) != null) {
            context.ungetService(ref);
        }
    }

    /** Serves the routes {@code resource} declares, under its service id. */
    void addResource(RestResource resource, ServiceReference<?> ref) {
        String owner = owner(ref);
        RouteTable.Collector collector = table.collector(owner);
        try {
            resource.routes(collector);
        } catch (RuntimeException e) {
            LOG.error("REST resource {} of {} failed to declare its routes; none of them is served",
                    resource.getClass().getName(), owner, e);
            return;
        }
        table.put(ref.getProperty(Constants.SERVICE_ID), collector);
    }

    /** The REST resources registered but not yet served, by owning bundle: health reports them. */
    List<String> pendingResources() {
        return pending.stream().map(ApiServlet::owner).sorted().toList();
    }

    private static String owner(ServiceReference<?> ref) {
        return ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName();
    }

    private <S> S fetch(ServiceReference<S> ref) {
        try {
            return context.getService(ref);
        } catch (RuntimeException e) { // a ServiceException from a failing service factory
            LOG.warn("Could not get service {} of {}: {}", ref.getProperty(Constants.SERVICE_ID), owner(ref),
                    e.toString());
            return null;
        }
    }

    private synchronized void scheduleRetry() {
        if (retries == null) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "onegrid-rest-retry");
                t.setDaemon(true);
                return t;
            });
        }
        retries.schedule(this::retryPending, 2, TimeUnit.SECONDS);
    }

    private void retryPending() {
        for (ServiceReference<RestResource> ref : List.copyOf(pending)) {
            RestResource resource = fetch(ref);
            if (resource != null && pending.remove(ref)) {
                resources.put(ref, resource);
                addResource(resource, ref);
                LOG.info("REST resource {} of {} is served now", ref.getProperty(Constants.SERVICE_ID), owner(ref));
            } else if (resource != null) {
                context.ungetService(ref); // unbound meanwhile
            }
        }
        if (!pending.isEmpty()) {
            scheduleRetry();
        }
    }

    RouteTable table() {
        return table;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Locale locale = negotiateLocale(req);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        String instance = req.getRequestURI();
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "no-store");
        try {
            dispatch(req, resp, path, locale);
        } catch (ProblemException e) {
            problems.write(resp, e, instance, locale);
        } catch (Exception e) {
            String incident = "urn:uuid:" + UUID.randomUUID();
            LOG.error("{} {} failed; answered as incident {}", req.getMethod(), instance, incident, e);
            problems.write(resp, new ProblemException(ProblemType.INTERNAL_ERROR,
                    "The request could not be completed; the administrator can find incident " + incident
                            + " in the log"), incident, locale);
        }
    }

    private void dispatch(HttpServletRequest req, HttpServletResponse resp, String path, Locale locale)
            throws Exception {
        String method = req.getMethod();
        RouteTable.Match match = table.match(method, PathTemplate.split(path));
        if (!match.found()) {
            if ("OPTIONS".equals(method) && !match.allowedMethods().isEmpty()) {
                resp.setHeader("Allow", String.join(", ", match.allowedMethods()) + ", OPTIONS");
                resp.setStatus(204);
                return;
            }
            if (match.allowedMethods().isEmpty()) {
                throw ProblemException.notFound("No API endpoint at " + API_BASE + path);
            }
            resp.setHeader("Allow", String.join(", ", match.allowedMethods()));
            throw new ProblemException(ProblemType.METHOD_NOT_ALLOWED, method + " is not supported at " + API_BASE
                    + path + "; use " + String.join(" or ", match.allowedMethods()),
                    Map.of("allowed", List.copyOf(match.allowedMethods())), null);
        }
        RouteDefinition route = match.route();
        Optional<Caller> caller = authenticate(req, resp, route);
        JsonNode json = null;
        InputStream raw = null;
        if (hasBody(req)) {
            String contentType = req.getContentType();
            if (route.consumesType != null) {
                if (!mediaTypeMatches(contentType, route.consumesType)) {
                    throw unsupported(contentType, route.consumesType);
                }
                raw = new LimitedInputStream(req.getInputStream(), config.maxUploadBytes());
            } else if (isJson(contentType)) {
                json = readJson(req);
            } else {
                throw unsupported(contentType, "application/json");
            }
        }
        if (route.acceptsType != null && json == null) {
            throw ProblemException.badRequest("This endpoint needs a JSON body (Content-Type: application/json)");
        }
        Object result = route.handler.handle(new HttpRestRequest(req, path, match.pathParams(), json, raw, locale,
                mapper, caller));
        write(resp, result);
    }

    /**
     * The caller behind the request's bearer token. Routes that are not anonymous need one (401 otherwise) and the
     * route's permission (403 otherwise); anonymous routes get the caller only when a valid token came along.
     */
    private Optional<Caller> authenticate(HttpServletRequest req, HttpServletResponse resp, RouteDefinition route) {
        String header = req.getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : null;
        Authenticator auth = authenticator();
        if (route.anonymous) {
            return token == null || token.isEmpty() || auth == null ? Optional.empty() : auth.authenticate(token);
        }
        if (auth == null) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "Sign-in is not available yet: the identity service is not running");
        }
        Optional<Caller> caller = token == null || token.isEmpty() ? Optional.empty() : auth.authenticate(token);
        if (caller.isEmpty()) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"onegrid\"");
            throw new ProblemException(ProblemType.UNAUTHORIZED, token == null
                    ? "Sign in first: send 'Authorization: Bearer <token>' from POST /api/v1/auth/login"
                    : "The token is unknown, expired or revoked; sign in again");
        }
        if (route.permission != null) {
            Access.require(caller.get(), route.permission);
        }
        return caller;
    }

    private static boolean hasBody(HttpServletRequest req) {
        return req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
    }

    private JsonNode readJson(HttpServletRequest req) throws IOException {
        int max = config.maxJsonBytes();
        byte[] bytes = req.getInputStream().readNBytes(max + 1);
        if (bytes.length > max) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "JSON bodies are limited to " + max + " bytes",
                    Map.of("limit", max), null);
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body is not well-formed JSON" + at + ": "
                    + e.getOriginalMessage(), Map.of(), null);
        }
    }

    private void write(HttpServletResponse resp, Object result) throws IOException {
        if (result == null) {
            resp.setStatus(204);
            return;
        }
        Object body = result;
        if (result instanceof RestResponse r) {
            resp.setStatus(r.status());
            r.headers().forEach(resp::setHeader);
            if (r.writer() != null) {
                resp.setContentType(r.contentType());
                r.writer().writeTo(resp.getOutputStream());
                return;
            }
            body = r.body();
            if (body == null) {
                return;
            }
        } else {
            resp.setStatus(200);
        }
        byte[] bytes = mapper.writeValueAsBytes(body);
        resp.setContentType(JSON);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static ProblemException unsupported(String given, String wanted) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send " + wanted + ", not "
                + (given == null ? "a body without Content-Type" : given), Map.of("accepted", wanted), null);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = baseType(contentType);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * Whether the body's type is one of {@code wanted}: media types separated by commas, each exact or a whole family
     * ({@code image/*}).
     */
    static boolean mediaTypeMatches(String contentType, String wanted) {
        if (contentType == null) {
            return false;
        }
        String given = baseType(contentType);
        for (String w : wanted.split(",")) {
            String type = baseType(w);
            if (type.endsWith("/*") ? given.startsWith(type.substring(0, type.length() - 1)) : given.equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String baseType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Simplified Chinese or English, whichever the caller prefers first; English when it does not say. */
    static Locale negotiateLocale(HttpServletRequest req) {
        if (req.getHeader("Accept-Language") == null) {
            return Locale.ENGLISH;
        }
        for (Enumeration<Locale> locales = req.getLocales(); locales.hasMoreElements(); ) {
            String language = locales.nextElement().getLanguage();
            if ("zh".equals(language)) {
                return Problems.CHINESE;
            }
            if ("en".equals(language)) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }
}
