package io.onegrid.sample.brightkitchen.internal;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.api.identity.Permissions;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The console page "明厨亮灶 / Bright kitchen": an entry in the console's menu while this bundle runs. The same service
 * carries the HTTP whiteboard resource properties, so the ES module under {@code /web} in this bundle is served at
 * {@code /plugins/bright-kitchen/} on the console's origin (its Content-Security-Policy allows {@code 'self'} only);
 * it disappears with the bundle.
 */
@Component(service = ConsoleExtension.class, property = {
    "osgi.http.whiteboard.resource.pattern=/plugins/bright-kitchen/*",
    "osgi.http.whiteboard.resource.prefix=/web"})
public final class KitchenConsolePage implements ConsoleExtension {

    static final String URL = "/plugins/bright-kitchen/console.js";

    @Override
    public String id() {
        return "bright-kitchen";
    }

    @Override
    public String titleZh() {
        return "明厨亮灶";
    }

    @Override
    public String titleEn() {
        return "Bright kitchen";
    }

    @Override
    public Kind kind() {
        return Kind.PAGE;
    }

    @Override
    public String url() {
        return URL;
    }

    @Override
    public Optional<String> permission() {
        return Optional.of(Permissions.WORKORDER_READ);
    }
}
