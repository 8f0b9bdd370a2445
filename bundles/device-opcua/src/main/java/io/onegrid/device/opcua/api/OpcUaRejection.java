package io.onegrid.device.opcua.api;

/** Why a data change was not delivered to the listener; each is counted per subscription and reported in health. */
public enum OpcUaRejection {
    /** The server marked the value bad or uncertain (a sensor fault, a lost connection to the device). */
    BAD_STATUS,
    /** The value is empty, not a number (text, a boolean, a structure), NaN or infinite. */
    NOT_NUMERIC,
    /** The listener threw. */
    LISTENER_FAILED
}
