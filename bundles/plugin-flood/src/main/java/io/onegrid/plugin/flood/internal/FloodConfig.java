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

    @AttributeDefinition(name = "Demo stations",
            description = "Add the demo stations (WL-0001, ...) when the demo county's first town exists")
    boolean demoStations() default true;
}
