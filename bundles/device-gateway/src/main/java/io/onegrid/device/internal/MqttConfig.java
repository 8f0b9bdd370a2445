package io.onegrid.device.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.device.mqtt} ({@code etc/io.onegrid.device.mqtt.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.device.mqtt", name = "OneGrid MQTT broker connection",
        description = "The broker device plugins subscribe to (camel-paho)")
public @interface MqttConfig {

    @AttributeDefinition(name = "Broker URL",
            description = "tcp://host:1883, or ssl://host:8883 for TLS; several separated by commas for fail-over")
    String brokerUrl() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(name = "User name", required = false, description = "Empty: connect without credentials")
    String userName() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "Client id prefix",
            description = "Each subscription connects as <prefix><name>-<random>, so that two nodes or a restart "
                    + "never take over each other's session")
    String clientIdPrefix() default "onegrid-";

    @AttributeDefinition(name = "QoS", min = "0", max = "2", description = "Quality of service of the subscriptions")
    int qos() default 1;

    @AttributeDefinition(name = "Trust store", required = false,
            description = "ssl:// only: path of a JKS or PKCS12 trust store holding the broker's CA; empty: the JVM's")
    String trustStore() default "";

    @AttributeDefinition(name = "Trust store password", required = false, type = AttributeType.PASSWORD)
    String trustStorePassword() default "";

    @AttributeDefinition(name = "Key store", required = false,
            description = "ssl:// only: path of a key store with this client's certificate (mutual TLS); empty: none")
    String keyStore() default "";

    @AttributeDefinition(name = "Key store password", required = false, type = AttributeType.PASSWORD)
    String keyStorePassword() default "";

    @AttributeDefinition(name = "Verify the broker's host name",
            description = "ssl:// only: check that the broker's certificate names its host")
    boolean tlsHostnameVerification() default true;

    @AttributeDefinition(name = "Longest retry delay (seconds)", min = "1",
            description = "While the broker is unreachable, connecting is retried with a doubling delay up to this")
    int maxRetrySeconds() default 60;
}
