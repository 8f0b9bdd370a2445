package io.onegrid.plugin.flood.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.flood} ({@code etc/io.onegrid.flood.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.flood", name = "OneGrid flood sensing",
        description = "Water-level readings over MQTT, alarm rules and the work orders they create")
public @interface FloodConfig {

    @AttributeDefinition(name = "Topic filter",
            description = "MQTT topic filter of the level readings; topics are onegrid/{townCode}/flood/{deviceCode}/level")
    String topicFilter() default "onegrid/+/flood/+/level";

    @AttributeDefinition(name = "Hysteresis (m)", min = "0",
            description = "A level alarm clears only once the level is this far below the warning level, so that a "
                    + "gauge hovering at the line does not flap")
    double hysteresisMetres() default 0.05;

    @AttributeDefinition(name = "Minimum duration (seconds)", min = "0",
            description = "How long (by the readings' own times) a condition must hold before an alarm is raised or "
                    + "cleared; 0 acts on the first reading")
    int minDurationSeconds() default 60;

    @AttributeDefinition(name = "Lowest plausible level (m)",
            description = "Readings below are refused as out of range")
    double minLevelMetres() default -20;

    @AttributeDefinition(name = "Highest plausible level (m)",
            description = "Readings above are refused as out of range")
    double maxLevelMetres() default 200;

    @AttributeDefinition(name = "Work-order category",
            description = "Minor category of the orders alarms create (0603 积水内涝 Waterlogging by default)")
    String category() default "0603";

    @AttributeDefinition(name = "Offline work-order category",
            description = "Minor category of the orders a silent station creates (0504 供水设施损坏 by default: a "
                    + "gauge to repair, not water to pump)")
    String offlineCategory() default "0504";

    @AttributeDefinition(name = "Offline scan (seconds)", min = "1",
            description = "How often the stations whose silence limit passed are looked for (an index range)")
    int offlineScanSeconds() default 30;

    @AttributeDefinition(name = "Ingest batch size", min = "1",
            description = "Readings written per database transaction at most; 1 writes each reading in its own. "
                    + "Readings wait in a bounded queue; alarms are still judged reading by reading, in order")
    int ingestBatchSize() default 500;

    @AttributeDefinition(name = "Ingest queue capacity", min = "1",
            description = "Readings waiting to be written at most; when full, the MQTT and SL 651 receivers wait")
    int ingestQueueCapacity() default 20000;

    @AttributeDefinition(name = "Station write interval (seconds)", min = "0",
            description = "How often at most a station's row (last level, arrival, offline deadline) is written; in "
                    + "between the writer keeps it in memory, and writes it before an offline scan and on stop. 0: "
                    + "with every batch")
    int stationWriteSeconds() default 5;

    @AttributeDefinition(name = "Raw retention (days)", min = "2",
            description = "Raw readings are kept this many days (once in the minute aggregates); readings older "
                    + "than one day less are refused as out of range")
    int rawRetentionDays() default 30;

    @AttributeDefinition(name = "Minute retention (days)", min = "1",
            description = "Minute aggregates (min, max, mean, last, count) are kept this many days")
    int minuteRetentionDays() default 730;

    @AttributeDefinition(name = "Hour retention (days)", min = "1",
            description = "Hour aggregates are kept this many days")
    int hourRetentionDays() default 3650;

    @AttributeDefinition(name = "Downsampling interval (seconds)", min = "1",
            description = "How often readings are aggregated and old ones purged")
    int rollupIntervalSeconds() default 60;

    @AttributeDefinition(name = "Downsampling delay (seconds)", min = "0",
            description = "A minute is aggregated once it ended this long ago; a later, older reading makes its "
                    + "minute and hour be aggregated again")
    int rollupDelaySeconds() default 120;

    @AttributeDefinition(name = "Demo stations",
            description = "Add the demo stations (WL-0001, ...) when the demo county's first town exists")
    boolean demoStations() default true;
}
