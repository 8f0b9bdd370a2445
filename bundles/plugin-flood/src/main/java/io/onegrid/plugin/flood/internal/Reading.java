package io.onegrid.plugin.flood.internal;

import java.time.Instant;

/** One stored reading: the observation time the device gave, the level in metres, when OneGrid received it. */
public record Reading(Instant ts, double level, Instant receivedAt) {
}
