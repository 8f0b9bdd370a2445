package io.onegrid.sample.brightkitchen.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.sample.brightkitchen} ({@code etc/io.onegrid.sample.brightkitchen.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.sample.brightkitchen", name = "OneGrid sample: bright kitchen (明厨亮灶)",
        description = "AI cameras in canteen kitchens: their MQTT topic, thresholds and the work orders incidents make")
public @interface KitchenConfig {

    @AttributeDefinition(name = "Topic filter",
            description = "MQTT topic filter of the camera events; topics are onegrid/{townCode}/kitchen/{cameraCode}/event")
    String topicFilter() default "onegrid/+/kitchen/+/event";

    @AttributeDefinition(name = "Cameras", required = false,
            description = "One entry per camera: code;townCode;regionCode;lon;lat;name (the region is the grid, else "
                    + "the village, the canteen lies in; it decides who sees the camera and where its orders go). "
                    + "Entries are separated by commas")
    String[] cameras() default {};

    @AttributeDefinition(name = "Minimum confidence", min = "0", max = "1",
            description = "Events below are listed but make no incident and no work order")
    double minConfidence() default 0.8;

    @AttributeDefinition(name = "De-duplication window (minutes)", min = "1",
            description = "An event of the same camera and type within this many minutes of the previous one belongs "
                    + "to the same incident: one incident, one work order")
    int dedupMinutes() default 30;

    @AttributeDefinition(name = "Work-order category",
            description = "Minor category of the orders incidents create (by default 0891 明厨亮灶告警, which the plugin"
                    + " adds)")
    String category() default "0891";

    @AttributeDefinition(name = "Maximum clock skew (minutes)", min = "1",
            description = "Events stamped further in the future than this, or older than a day, are refused as out "
                    + "of range")
    int maxSkewMinutes() default 10;
}
