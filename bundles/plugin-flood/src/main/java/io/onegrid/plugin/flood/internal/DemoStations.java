package io.onegrid.plugin.flood.internal;

import io.onegrid.api.identity.RegionService;
import io.onegrid.api.security.Caller;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo county's stations, added once the demo's first town (青石镇 {@value #DEMO_TOWN}, a code of the fictional
 * county 370399 that no real county has) exists — so they appear with {@code onegrid-demo} and never on a real
 * installation. Stations that exist are left alone. Off with {@code demoStations=false} in {@code io.onegrid.flood}.
 * The points lie inside the demo's grid polygons, so their alarms are routed to the grids' workers.
 */
@Component(immediate = true, configurationPid = "io.onegrid.flood")
public final class DemoStations {

    static final String DEMO_TOWN = "370399101000";
    private static final Logger LOG = LoggerFactory.getLogger(DemoStations.class);

    static final List<Station> STATIONS = List.of(
            station("WL-0001", "柳树村沟渠交汇口水尺", "SURFACE_GAUGE", DEMO_TOWN, "370399101201001", 117.305, 36.51,
                    1.5, 2.0, 3.0, 0.5),
            station("MH-0001", "柳树村主街井下液位计", "MANHOLE_SENSOR", DEMO_TOWN, "370399101201002", 117.315, 36.51,
                    0.8, 1.2, 1.6, 0.6),
            station("WL-0002", "桃园村排洪沟水尺", "SURFACE_GAUGE", DEMO_TOWN, "370399101202001", 117.355, 36.51, 1.2,
                    1.8, 2.6, 0.5),
            station("0012345678", "东关社区河道站（SL 651）", "RIVER_STATION", "370399001000", "370399001001001",
                    117.455, 36.51, 2.5, 3.2, 4.0, null));

    private final FloodService flood;
    private final RegionService regions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "onegrid-flood-demo");
        t.setDaemon(true);
        return t;
    });
    private int attempts;

    @Activate
    public DemoStations(@Reference FloodService flood, @Reference RegionService regions, FloodConfig config) {
        this.flood = flood;
        this.regions = regions;
        if (config.demoStations()) {
            timer.execute(this::load);
        }
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    /** Waits for the demo data (loaded on its own thread at the first start) for up to ten minutes. */
    private void load() {
        try {
            if (regions.find(Caller.SYSTEM, DEMO_TOWN).isEmpty()) {
                if (++attempts < 120) {
                    timer.schedule(this::load, 5, TimeUnit.SECONDS);
                }
                return;
            }
            int added = 0;
            for (Station s : STATIONS) {
                if (regions.find(Caller.SYSTEM, s.townCode()).isPresent() && flood.addStation(s)) {
                    added++;
                }
            }
            if (added > 0) {
                LOG.info("Demo flood stations: {} added", added);
            }
        } catch (RuntimeException e) {
            LOG.warn("Adding the demo flood stations failed: {}", e.toString());
        }
    }

    private static Station station(String code, String name, String kind, String town, String region, double lon,
            double lat, Double forecast, double warning, double guarantee, Double rise) {
        return new Station(code, name, kind, town, region, lon, lat, forecast, warning, guarantee, rise, null, null,
                "NO_DATA", 0, Station.topicOf(town, code));
    }
}
