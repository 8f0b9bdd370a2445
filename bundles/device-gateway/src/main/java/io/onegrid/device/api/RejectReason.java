package io.onegrid.device.api;

/** Why the gateway or a plugin refused a message from a device. Each is counted ({@link DeviceRegistry#reject}). */
public enum RejectReason {
    /** Not a message of the expected shape: bad JSON, a truncated or garbled frame, a missing member. */
    MALFORMED,
    /** A frame whose check (CRC-16/MODBUS for SL 651) does not match its content. */
    BAD_CHECKSUM,
    /** Well formed, but from a device nobody registered (or on another town's topic). */
    UNKNOWN_DEVICE,
    /** Well formed, from a known device, but with a value no sensor can measure (a level of 900 m). */
    OUT_OF_RANGE
}
