package io.onegrid.device.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.device} ({@code etc/io.onegrid.device.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.device", name = "OneGrid device registry",
        description = "Devices reporting to OneGrid and when they count as offline")
public @interface GatewayConfig {

    @AttributeDefinition(name = "Heartbeat timeout (seconds)", min = "1",
            description = "A device that sent no accepted message for this long is offline")
    int heartbeatTimeoutSeconds() default 600;

    @AttributeDefinition(name = "Heartbeat timeout per kind", required = false,
            description = "KIND=seconds entries that override the global timeout for one kind of device, e.g. "
                    + "SURFACE_GAUGE=300, RIVER_STATION=3600 (SL 651 stations often report hourly)")
    String[] heartbeatTimeouts() default {};

    @AttributeDefinition(name = "Last-seen write interval (seconds)", min = "0",
            description = "How often at most a device's last-seen time is written to the database; readings every "
                    + "few seconds from thousands of devices must not become as many updates")
    int lastSeenWriteSeconds() default 10;
}
