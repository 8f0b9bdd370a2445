package io.onegrid.plugin.flood.internal;

import io.onegrid.device.opcua.api.OpcUaSubscription;
import io.onegrid.device.opcua.api.OpcUaSubscriptions;
import io.onegrid.device.opcua.api.OpcUaValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Water levels from OPC UA variables, one per station ({@code io.onegrid.flood.opcua}): every data change becomes a
 * reading of its station, judged exactly like one from MQTT (unknown stations and implausible levels refused and
 * counted, alarms, work orders). The reading's time is the variable's source timestamp.
 *
 * <p>Optional on two counts: the component needs its configuration, and the service of {@code onegrid-device-opcua};
 * the plugin imports that API dynamically, so it resolves and works without the OPC UA feature.
 */
@Component(service = {}, configurationPid = "io.onegrid.flood.opcua",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = OpcUaReadingsConfig.class)
public final class OpcUaReadings {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaReadings.class);

    /** Where readings go: {@link FloodService#level}. */
    @FunctionalInterface
    interface Levels {
        void level(String source, String station, Instant ts, double metres, Instant receivedAt);
    }

    private final OpcUaSubscription subscription;

    @Activate
    public OpcUaReadings(@Reference FloodService flood, @Reference OpcUaSubscriptions opcua,
            OpcUaReadingsConfig config) {
        this(opcua, config, (source, station, ts, metres, at) -> flood.level(source, station, null, ts, metres, at));
    }

    OpcUaReadings(OpcUaSubscriptions opcua, OpcUaReadingsConfig config, Levels levels) {
        Map<String, String> stationByNode = stations(config.stations());
        String url = config.endpointUrl() == null ? "" : config.endpointUrl().trim();
        this.subscription = opcua.subscribe("flood-levels", url, new ArrayList<>(stationByNode.keySet()),
                Duration.ofMillis(Math.max(0, config.samplingIntervalMillis())), (OpcUaValue v) ->
                        levels.level("opcua " + url + " " + v.nodeId(), stationByNode.get(v.nodeId()),
                                v.sourceTime(), v.value(), v.receivedAt()));
        LOG.info("Flood levels over OPC UA from {}: {}", url, stationByNode);
    }

    @Deactivate
    void deactivate() {
        subscription.close();
    }

    /**
     * Parses {@code code=nodeId} entries (each entry may hold several, separated by commas) into node id → station.
     *
     * @throws IllegalArgumentException with every mistake: an entry without '=', a station or node named twice
     */
    static Map<String, String> stations(String[] entries) {
        Map<String, String> byNode = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String pair : entry.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('='); // the first: node ids hold '=' themselves (ns=2;s=...)
                String code = eq < 0 ? "" : pair.substring(0, eq).trim();
                String node = eq < 0 ? "" : pair.substring(eq + 1).trim();
                if (code.isEmpty() || node.isEmpty()) {
                    problems.add("'" + pair.trim() + "' is not code=nodeId");
                } else if (codes.contains(code)) {
                    problems.add("station " + code + " is mapped twice");
                } else if (byNode.containsKey(node)) {
                    problems.add("node " + node + " is mapped to " + byNode.get(node) + " and " + code);
                } else {
                    codes.add(code);
                    byNode.put(node, code);
                }
            }
        }
        if (byNode.isEmpty() && problems.isEmpty()) {
            problems.add("no station is mapped");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("io.onegrid.flood.opcua stations: " + String.join("; ", problems));
        }
        return byNode;
    }
}
