package io.onegrid.device.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the messages of one MQTT subscription, one at a time, in arrival order. */
@ConsumerType
@FunctionalInterface
public interface MqttHandler {

    /**
     * Handles one message. An exception is logged and counted as {@link RejectReason#MALFORMED} by the gateway; the
     * subscription goes on with the next message either way.
     *
     * @param topic   the topic the message was published on (not the filter)
     * @param payload the raw payload
     */
    void handle(String topic, byte[] payload) throws Exception;
}
