package io.onegrid.device.api;

import java.time.Instant;

/**
 * A device known to the gateway.
 *
 * @param code       the device code, unique in the installation (e.g. {@code WL-0001}, or an SL 651 station address)
 * @param kind       what it is (plugin's vocabulary, e.g. {@code SURFACE_GAUGE}, {@code MANHOLE_SENSOR})
 * @param townCode   the 12-digit code of its town (the {@code {townCode}} of its MQTT topic)
 * @param regionCode where it stands: its grid, village or town code; decides who sees it
 * @param lon        longitude (WGS-84), may be {@code null}
 * @param lat        latitude (WGS-84), may be {@code null}
 * @param protocol   how it reports: {@code MQTT}, {@code SL651}, {@code OPCUA}, ...
 * @param plugin     the plugin that owns it (e.g. {@code flood})
 * @param lastSeen   when it last sent an accepted message, {@code null} if never
 * @param online     whether it reported within the heartbeat timeout
 */
public record Device(String code, String kind, String townCode, String regionCode, Double lon, Double lat,
        String protocol, String plugin, Instant lastSeen, boolean online) {
}
