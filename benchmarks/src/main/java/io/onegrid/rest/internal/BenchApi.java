package io.onegrid.rest.internal;

import io.onegrid.api.rest.RestResource;
import io.onegrid.api.security.Authenticator;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * The real {@link ApiServlet} outside OSGi, wired as DS wires it: constructed with a bundle context (of which it reads
 * only its bundle's name and version) and the configuration defaults, resources bound through
 * {@code addResource} (what {@code bindResource} does once it has the service), and the authenticator set into
 * the field {@code bindAuthenticator} fills on first use.
 */
public final class BenchApi {

    private BenchApi() {
    }

    /**
     * @param resources the REST resources, by the symbolic name of the bundle that registers them
     */
    public static HttpServlet servlet(Authenticator authenticator, Map<String, RestResource> resources)
            throws ReflectiveOperationException {
        Bundle rest = bundle("io.onegrid.rest");
        BundleContext context = stub(BundleContext.class, "getBundle", rest);
        ApiServlet servlet = new ApiServlet(context, defaults());
        long serviceId = 100;
        for (Map.Entry<String, RestResource> e : resources.entrySet()) {
            Bundle owner = bundle(e.getKey());
            long id = serviceId++;
            @SuppressWarnings("unchecked")
            ServiceReference<RestResource> ref = (ServiceReference<RestResource>) Proxy.newProxyInstance(
                    BenchApi.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (p, m, args) ->
                            switch (m.getName()) {
                                case "getBundle" -> owner;
                                case "getProperty" -> Constants.SERVICE_ID.equals(args[0]) ? id : null;
                                case "hashCode" -> System.identityHashCode(p);
                                case "equals" -> p == args[0];
                                case "toString" -> "ServiceReference[" + id + "]";
                                default -> throw new UnsupportedOperationException(m.getName());
                            });
            servlet.addResource(e.getValue(), ref);
        }
        Field field = ApiServlet.class.getDeclaredField("authenticator");
        field.setAccessible(true);
        field.set(servlet, authenticator);
        return servlet;
    }

    private static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(BenchApi.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getVersion" -> Version.parseVersion("0.1.0");
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "Bundle[" + symbolicName + "]";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** An interface of which only {@code method} answers (with {@code value}); anything else is a harness bug. */
    private static <T> T stub(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(BenchApi.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> type.getSimpleName() + "[stub]";
                    default -> {
                        if (m.getName().equals(method)) {
                            yield value;
                        }
                        if (m.getName().equals("registerService")) {
                            yield null; // the servlet's "rest" health indicator: no health page here
                        }
                        throw new UnsupportedOperationException(m.getName());
                    }
                }));
    }

    /** {@link RestConfig} as DS hands it over when {@code etc/io.onegrid.rest.cfg} sets nothing. */
    private static RestConfig defaults() {
        return (RestConfig) Proxy.newProxyInstance(RestConfig.class.getClassLoader(), new Class<?>[] {RestConfig.class},
                (p, m, args) -> switch (m.getName()) {
                    case "annotationType" -> RestConfig.class;
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    case "toString" -> "RestConfig[defaults]";
                    default -> m.getDefaultValue();
                });
    }
}
