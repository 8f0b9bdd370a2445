package io.onegrid.device.api;

/**
 * A message that did not reach the broker (see {@link MqttPublisher#publish}); nothing was published, or at QoS 0
 * possibly nothing. Safe to retry.
 *
 * @since 1.2
 */
public class MqttPublishException extends Exception {

    private static final long serialVersionUID = 1L;

    public MqttPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
