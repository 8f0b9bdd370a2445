package io.onegrid.plugin.flood.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * The debounce of one alarm condition of one station: it raises only after the condition held for the minimum
 * duration, and clears only after the clearly-under condition (the hysteresis band below the line) held as long.
 * Durations are measured on the readings' own times, so a burst of buffered readings is judged as it happened. Not
 * thread-safe: one station's readings are handled one at a time.
 */
final class AlarmRule {

    /** What a reading does to the alarm. */
    enum Decision { NONE, RAISE, UPDATE, CLEAR }

    private final Duration minDuration;
    private boolean active;
    private Instant overSince;
    private Instant underSince;

    AlarmRule(Duration minDuration, boolean active) {
        this.minDuration = minDuration;
        this.active = active;
    }

    /**
     * @param over         the alarm condition holds (level at or above the warning level)
     * @param clearlyUnder the clear condition holds (level below the warning level minus the hysteresis)
     */
    Decision step(Instant ts, boolean over, boolean clearlyUnder) {
        if (!active) {
            if (!over) {
                overSince = null;
                return Decision.NONE;
            }
            if (overSince == null || ts.isBefore(overSince)) {
                overSince = ts;
            }
            if (Duration.between(overSince, ts).compareTo(minDuration) < 0) {
                return Decision.NONE;
            }
            active = true;
            overSince = null;
            underSince = null;
            return Decision.RAISE;
        }
        if (!clearlyUnder) {
            underSince = null;
            return Decision.UPDATE;
        }
        if (underSince == null || ts.isBefore(underSince)) {
            underSince = ts;
        }
        if (Duration.between(underSince, ts).compareTo(minDuration) < 0) {
            return Decision.UPDATE;
        }
        active = false;
        underSince = null;
        return Decision.CLEAR;
    }

    boolean active() {
        return active;
    }

    /** The alarm was cleared elsewhere (another node, an operator): start again from quiet. */
    void reset(boolean nowActive) {
        active = nowActive;
        overSince = null;
        underSince = null;
    }

    /** The level rule: over at the warning level, clearly under below it by the hysteresis. */
    static boolean[] level(double level, double warning, double hysteresis) {
        return new boolean[] {level >= warning, level < warning - hysteresis};
    }

    /**
     * The rate-of-rise rule between two readings: metres per hour above the limit. Readings an hour or more apart
     * say nothing about the rate (a gap, not a rise) and count as under.
     */
    static boolean[] rise(Double previousLevel, Instant previousTs, double level, Instant ts, Double limit) {
        if (limit == null || previousLevel == null || previousTs == null || !ts.isAfter(previousTs)
                || Duration.between(previousTs, ts).compareTo(Duration.ofHours(1)) >= 0) {
            return new boolean[] {false, true};
        }
        double hours = Duration.between(previousTs, ts).toMillis() / 3_600_000.0;
        double rate = (level - previousLevel) / hours;
        return new boolean[] {rate > limit, rate <= limit};
    }
}
