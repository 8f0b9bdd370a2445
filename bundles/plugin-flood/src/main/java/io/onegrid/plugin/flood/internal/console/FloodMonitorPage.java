package io.onegrid.plugin.flood.internal.console;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.plugin.flood.internal.FloodPermissions;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The console page 防汛监测 / Flood monitoring: the stations in scope with their state, and a station's level chart
 * and alarms ({@code #/ext/flood-monitor/{code}}). Shown to whoever may read the flood API ({@code flood.read}).
 */
@Component(service = ConsoleExtension.class)
public final class FloodMonitorPage implements ConsoleExtension {

    static final String ID = "flood-monitor";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleZh() {
        return "防汛监测";
    }

    @Override
    public String titleEn() {
        return "Flood monitoring";
    }

    @Override
    public Kind kind() {
        return Kind.PAGE;
    }

    @Override
    public String url() {
        return ConsoleFilesServlet.PREFIX + "page.js";
    }

    @Override
    public Optional<String> permission() {
        return Optional.of(FloodPermissions.READ);
    }
}
