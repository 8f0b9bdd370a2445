package io.onegrid.plugin.flood.internal;

import java.time.Instant;

/**
 * A flood alarm. One is active (RAISED or ACKNOWLEDGED) per station and type at most; readings while it is active
 * update it (last and peak level, severity, count) instead of raising another.
 *
 * @param type      {@code LEVEL} (above the warning level) or {@code RISE} (rising faster than the station's limit)
 * @param severity  {@code WARNING}, or {@code GUARANTEE} once the level reached the guarantee level
 * @param state     {@code RAISED}, {@code ACKNOWLEDGED}, {@code CLEARED}
 * @param readings  how many readings it has seen while active
 * @param clearNote what happened at the clear; kept here because the kernel's command API has no comment command
 *                  to add it to the order's trail
 */
public record Alarm(long id, String stationCode, String regionCode, String type, String severity, String state,
        Instant raisedAt, Instant updatedAt, int readings, double firstLevel, double peakLevel, double lastLevel,
        Instant acknowledgedAt, String acknowledgedBy, Instant clearedAt, String clearNote, Long workOrderId,
        String workOrderNumber) {

    public boolean active() {
        return !"CLEARED".equals(state);
    }
}
