package io.onegrid.plugin.flood.internal;

import java.time.Instant;

/**
 * A water-level station as the API shows it.
 *
 * @param code           the device code (also the {@code {deviceCode}} of its topic)
 * @param kind           {@code SURFACE_GAUGE} (ditch junction), {@code MANHOLE_SENSOR} (pipe junction) or
 *                       {@code RIVER_STATION} (SL 651 telemetry)
 * @param regionCode     the grid (or village, town) it stands in
 * @param forecastLevel  SL 323 forecast-start level SFZ, metres; may be {@code null}
 * @param warningLevel   SL 323 warning level WRZ (警戒水位), metres
 * @param guaranteeLevel SL 323 guaranteed level GRZ (保证水位), metres
 * @param riseLimit      metres per hour that raise a rate-of-rise alarm; {@code null}: none
 * @param state          {@code NO_DATA}, {@code NORMAL}, {@code FORECAST} (at or above SFZ), {@code WARNING},
 *                       {@code GUARANTEE}, from the last reading
 * @param topic          the MQTT topic its readings are published on
 * @param offlineAfterSeconds silence after which it raises an OFFLINE alarm; {@code null}: the device registry's
 *                       heartbeat timeout of its kind
 * @param lastReceivedAt when its newest reading arrived (by OneGrid's clock)
 * @param offline        whether an OFFLINE alarm is active (it stopped reporting)
 * @param retiredAt      when it was taken out of service, or {@code null}
 */
public record Station(String code, String name, String kind, String townCode, String regionCode, double lon,
        double lat, Double forecastLevel, double warningLevel, double guaranteeLevel, Double riseLimit,
        Double lastLevel, Instant lastReadingAt, String state, int activeAlarms, String topic,
        Integer offlineAfterSeconds, Instant lastReceivedAt, boolean offline, Instant retiredAt) {

    /** A station as configured, without what readings and alarms add (the shape before issue #7's second part). */
    public Station(String code, String name, String kind, String townCode, String regionCode, double lon, double lat,
            Double forecastLevel, double warningLevel, double guaranteeLevel, Double riseLimit, Double lastLevel,
            Instant lastReadingAt, String state, int activeAlarms, String topic) {
        this(code, name, kind, townCode, regionCode, lon, lat, forecastLevel, warningLevel, guaranteeLevel, riseLimit,
                lastLevel, lastReadingAt, state, activeAlarms, topic, null, null, false, null);
    }

    /** Whether it is in service. */
    public boolean active() {
        return retiredAt == null;
    }

    /** The kinds of station. */
    public static final java.util.Set<String> KINDS = java.util.Set.of("SURFACE_GAUGE", "MANHOLE_SENSOR",
            "RIVER_STATION");

    static String topicOf(String townCode, String code) {
        return "onegrid/" + townCode + "/flood/" + code + "/level";
    }

    static String stateOf(Double level, Double forecast, double warning, double guarantee) {
        if (level == null) {
            return "NO_DATA";
        }
        if (level >= guarantee) {
            return "GUARANTEE";
        }
        if (level >= warning) {
            return "WARNING";
        }
        return forecast != null && level >= forecast ? "FORECAST" : "NORMAL";
    }
}
