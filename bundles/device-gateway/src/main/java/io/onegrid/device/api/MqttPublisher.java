package io.onegrid.device.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes to the broker configured in {@code io.onegrid.device.mqtt} (URL, credentials, TLS: the same as the
 * {@link MqttConsumers}), e.g. a command to a device or a retained set-point. One connection, opened on the first
 * publication and kept (Paho reconnects it). When the configuration changes, the service is re-registered.
 *
 * @since 1.2
 */
@ProviderType
public interface MqttPublisher {

    /**
     * Publishes one message and returns once the broker has it (QoS 1 and 2) or it is written (QoS 0).
     *
     * @param topic    a topic, without wildcards
     * @param payload  the payload, may be empty (an empty retained message clears the topic's retained one)
     * @param qos      0, 1 or 2
     * @param retained whether the broker keeps it for later subscribers
     * @throws IllegalArgumentException for a topic with wildcards or empty, a QoS other than 0–2, a null payload
     * @throws MqttPublishException     when the broker is unreachable, refuses the connection, or does not
     *                                  acknowledge in time; the message says which and names the broker
     */
    void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttPublishException;

    /** The broker URL in use (without credentials). */
    String brokerUrl();
}
