package io.onegrid.device.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.device.sl651} ({@code etc/io.onegrid.device.sl651.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.device.sl651", name = "OneGrid SL 651-2014 listener",
        description = "TCP listener for hydrology telemetry stations (RTUs) speaking SL 651-2014 in HEX")
public @interface Sl651Config {

    @AttributeDefinition(name = "Enabled", description = "Listen for SL 651 stations")
    boolean enabled() default true;

    @AttributeDefinition(name = "Host", description = "Address to listen on; 0.0.0.0 for every interface")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "The standard fixes no port; the RTUs' centre address settings must name this one")
    int port() default 5651;

    @AttributeDefinition(name = "Idle timeout (seconds)", min = "0",
            description = "Close a connection that sent nothing for this long (0: never); RTUs reconnect")
    int idleSeconds() default 600;
}
