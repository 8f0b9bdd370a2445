package io.onegrid.plugin.flood.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code io.onegrid.flood.opcua} ({@code etc/io.onegrid.flood.opcua.cfg}): water levels read from
 * an OPC UA server (a SCADA system, a PLC). Without this configuration, or without the feature
 * {@code onegrid-device-opcua}, the flood plugin reads no OPC UA.
 */
@ObjectClassDefinition(id = "io.onegrid.flood.opcua", name = "OneGrid flood sensing over OPC UA",
        description = "Station levels from OPC UA variables (security and credentials: io.onegrid.device.opcua)")
public @interface OpcUaReadingsConfig {

    @AttributeDefinition(name = "Endpoint URL", description = "opc.tcp://host:4840/path of the OPC UA server")
    String endpointUrl();

    @AttributeDefinition(name = "Stations", description = "station code=node id, one per entry or separated by "
            + "commas, e.g. WL-0001=ns=2;s=WL-0001/level, WL-0002=ns=3;i=1002. The variable holds the level in metres")
    String[] stations();

    @AttributeDefinition(name = "Sampling interval (ms)", min = "0",
            description = "How often the server samples the variables; each change becomes a reading")
    int samplingIntervalMillis() default 1000;
}
