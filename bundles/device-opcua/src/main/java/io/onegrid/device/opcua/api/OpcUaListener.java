package io.onegrid.device.opcua.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives the good numeric values of one subscription, one at a time. */
@ConsumerType
@FunctionalInterface
public interface OpcUaListener {

    /**
     * Handles one value. An exception is logged and counted ({@link OpcUaRejection#LISTENER_FAILED}); the next value
     * is delivered either way. Keep it short: the subscription's notifications wait for it.
     */
    void value(OpcUaValue value) throws Exception;
}
