package io.onegrid.plugin.flood.internal;

/** Announces alarm transitions (topics {@code io/onegrid/alarm/RAISED|CLEARED}); present only with EventAdmin. */
public interface AlarmEvents {

    void post(String transition, Alarm alarm);
}
