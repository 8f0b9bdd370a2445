package io.onegrid.device.opcua.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A live subscription; closing it deletes the subscription on the server and closes the session. */
@ProviderType
public interface OpcUaSubscription extends AutoCloseable {

    /** Where a subscription stands. */
    enum State {
        /** Connecting or subscribing (the first time, or again after the server went away). */
        CONNECTING,
        /** Subscribed: data changes arrive. */
        SUBSCRIBED,
        /** The last attempt failed; the next one is scheduled (see {@link #detail()}). */
        WAITING,
        /** Closed. */
        CLOSED
    }

    String name();

    String endpointUrl();

    List<String> nodeIds();

    State state();

    /** What happened last, for health and logs: the failure that is being retried, or the subscription's size. */
    String detail();

    @Override
    void close();
}
