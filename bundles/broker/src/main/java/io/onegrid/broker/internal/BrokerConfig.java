package io.onegrid.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code io.onegrid.broker} ({@code etc/io.onegrid.broker.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.broker", name = "OneGrid embedded MQTT broker",
        description = "An MQTT 3.1.1 broker inside OneGrid (Moquette) for single-box installs; larger counties use "
                + "an external broker (uninstall onegrid-broker, set etc/io.onegrid.device.mqtt.cfg)")
public @interface BrokerConfig {

    @AttributeDefinition(name = "Enabled", description = "Run the broker")
    boolean enabled() default true;

    @AttributeDefinition(name = "Host", description = "Address to listen on; 0.0.0.0 for every interface")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "MQTT over TCP")
    int port() default 1883;

    @AttributeDefinition(name = "WebSocket port", min = "0", max = "65535",
            description = "MQTT over WebSocket at path /mqtt on this port; 0: off")
    int websocketPort() default 0;

    @AttributeDefinition(name = "Anonymous clients",
            description = "Who may connect without a user name: loopback (programs on this machine only, such as "
                    + "the device gateway and mosquitto_pub; devices elsewhere need a user), always, or never",
            options = {
                @Option(label = "Only from this machine", value = "loopback"),
                @Option(label = "Always", value = "always"),
                @Option(label = "Never", value = "never")})
    String allowAnonymous() default "loopback";

    @AttributeDefinition(name = "Users", required = false, cardinality = 1000,
            description = "name:password, or name:{sha256}<hex of SHA-256 of the password>; several separated by "
                    + "commas. A client that sends a user name must match one, from any address")
    String[] users() default {};

    @AttributeDefinition(name = "Largest message (bytes)", min = "64",
            description = "A larger MQTT packet closes the client's connection")
    int maxMessageBytes() default 65536;

    @AttributeDefinition(name = "Persistence",
            description = "Keep sessions, subscriptions, queued QoS 1/2 messages and retained messages across "
                    + "restarts (in the data directory); off: in memory only")
    boolean persistence() default false;

    @AttributeDefinition(name = "Data directory", required = false,
            description = "With persistence: where the store lives; empty: ${karaf.data}/onegrid/broker")
    String dataDirectory() default "";
}
