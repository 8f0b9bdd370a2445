package io.onegrid.device.opcua.api;

import java.time.Instant;

/**
 * A good numeric value of a monitored variable.
 *
 * @param subscription the subscription's name
 * @param nodeId       the variable, as given to {@code subscribe}
 * @param value        the value (integers, floats, decimals and numeric strings become a double)
 * @param sourceTime   when the device measured it: the source timestamp, or the server's when the source gave none,
 *                     or the time of arrival when neither did
 * @param receivedAt   when the gateway received it
 */
public record OpcUaValue(String subscription, String nodeId, double value, Instant sourceTime, Instant receivedAt) {
}
