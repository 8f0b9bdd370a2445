package io.onegrid.plugin.flood.internal.console;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.plugin.flood.internal.FloodPermissions;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The dashboard panel 水位告警 / Water-level alarms: the active flood alarms in scope, refreshed every 15 seconds, each
 * linking to its station page and its work order. Same permission as the flood API it reads.
 */
@Component(service = ConsoleExtension.class)
public final class FloodAlarmPanel implements ConsoleExtension {

    static final String ID = "flood-alarms";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleZh() {
        return "水位告警";
    }

    @Override
    public String titleEn() {
        return "Water-level alarms";
    }

    @Override
    public Kind kind() {
        return Kind.DASHBOARD_PANEL;
    }

    @Override
    public String url() {
        return ConsoleFilesServlet.PREFIX + "panel.js";
    }

    @Override
    public Optional<String> permission() {
        return Optional.of(FloodPermissions.READ);
    }
}
