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

    @AttributeDefinition(name = "Last-seen write interval (seconds)", min = "0",
            description = "How often at most a device's last-seen time is written to the database; readings every "
                    + "few seconds from thousands of devices must not become as many updates")
    int lastSeenWriteSeconds() default 10;
}
