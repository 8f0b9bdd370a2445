package ${package}.internal;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.api.identity.Permissions;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The plugin's page in the web console's menu, for callers who may read work orders. The console imports the ES
 * module {@code page.js} that {@link ${className}Assets} serves and calls its {@code mount(element, context)}.
 */
@Component(service = ConsoleExtension.class)
public final class ${className}ConsolePage implements ConsoleExtension {

    @Override
    public String id() {
        return "${pluginId}";
    }

    @Override
    public String titleZh() {
        return "${pluginId} 上报";
    }

    @Override
    public String titleEn() {
        return "${pluginId} reports";
    }

    @Override
    public Kind kind() {
        return Kind.PAGE;
    }

    @Override
    public String url() {
        return ${className}Assets.PREFIX + "/page.js";
    }

    @Override
    public Optional<String> permission() {
        return Optional.of(Permissions.WORKORDER_READ);
    }
}
