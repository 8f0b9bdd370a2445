package ${package}.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.io.File;
import java.util.Hashtable;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The plugin's own Camel context ({@code ${pluginId}}) with the inbox route. Created from DS (OneGrid runs Camel
 * without Blueprint): started first, then the routes are added, since routes added to an unstarted
 * {@link OsgiDefaultCamelContext} never start. Registered as a service so that Karaf's {@code camel:*} commands see it.
 * A changed configuration restarts the component and with it the route.
 */
@Component(service = {}, configurationPid = "${package}")
public final class ${className}Camel {

    private final OsgiDefaultCamelContext camel;
    private final ServiceRegistration<CamelContext> registration;

    @Activate
    public ${className}Camel(BundleContext bundleContext, @Reference ${className}Service service,
            ${className}Config config) throws Exception {
        String inbox = config.inboxDirectory().isBlank()
                ? new File(System.getProperty("karaf.data", "data"), "${pluginId}/inbox").getAbsolutePath()
                : config.inboxDirectory();
        camel = new OsgiDefaultCamelContext(bundleContext);
        camel.setName("${pluginId}");
        camel.start();
        camel.addRoutes(new ${className}Routes(service, inbox, inboxCaller(config.inboxRegion())));
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("camel.context.name", "${pluginId}");
        registration = bundleContext.registerService(CamelContext.class, camel, props);
    }

    /** Who the inbox submits as: the system, limited to the configured region when there is one. */
    static Caller inboxCaller(String region) {
        DataScope scope = region.isBlank() ? DataScope.unrestricted() : DataScope.ofRegion(RegionCode.parse(region));
        return new Caller("${pluginId}-inbox", "${pluginId} inbox", Caller.Kind.SYSTEM, null, Set.of(),
                Set.of(Permissions.WORKORDER_SUBMIT), scope);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        camel.stop();
    }
}
