package io.onegrid.device.api;

import org.osgi.annotation.versioning.ProviderType;

/** A live subscription; closing it stops and removes its route. */
@ProviderType
public interface MqttSubscription extends AutoCloseable {

    /** The topic filter, e.g. {@code onegrid/+/flood/+/level}. */
    String topicFilter();

    /** Whether its route is running (connected to the broker); false while the broker is unreachable. */
    boolean running();

    @Override
    void close();
}
