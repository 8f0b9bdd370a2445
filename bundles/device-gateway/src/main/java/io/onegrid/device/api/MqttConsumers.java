package io.onegrid.device.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * MQTT consumers on the broker configured in {@code io.onegrid.device.mqtt} (URL, credentials, TLS). Each
 * subscription is its own Camel route on camel-paho: a broken message never stops it, and while the broker is
 * unreachable the gateway retries quietly with back-off. When the configuration changes, the service is re-registered
 * and plugins subscribe again.
 */
@ProviderType
public interface MqttConsumers {

    /**
     * Subscribes.
     *
     * @param name        a short unique name (the route id is {@code mqtt-<name>})
     * @param topicFilter an MQTT topic filter, wildcards {@code +} and {@code #} allowed
     */
    MqttSubscription subscribe(String name, String topicFilter, MqttHandler handler);

    /** The broker URL in use, for health details and logs (without credentials). */
    String brokerUrl();
}
