package io.onegrid.device.api;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded uplink frame of SL 651-2014 (HEX encoding).
 *
 * @param centre          the centre station address (1 to 255)
 * @param station         the telemetry station address, 10 BCD digits (e.g. {@code 0012345678})
 * @param password        the frame's password, 4 hex digits
 * @param function        the function code (0x30 test, 0x32 timed, 0x2F keep-alive, ...)
 * @param serial          the frame's serial number
 * @param sentAt          when the station sent it (station clock, no zone: the standard has none)
 * @param stationType     the station type character ('H' river, 'P' rain, 'K' reservoir, 'G' groundwater), or
 *                        {@code 0} when the body carries none (keep-alive)
 * @param observedAt      the observation time, or {@code null} when the body carries none
 * @param elements        the BCD elements by identifier (0x39 water level, 0x38 battery voltage, ...), scaled by
 *                        their decimals; in the order of the frame
 * @param endChar         the end character (0x03 ETX, 0x05 ENQ, 0x17 ETB, ...)
 */
public record Sl651Frame(int centre, String station, String password, int function, int serial,
        LocalDateTime sentAt, char stationType, LocalDateTime observedAt, Map<Integer, BigDecimal> elements,
        int endChar) {

    /** Element 39: water level Z in metres, N(7,3). */
    public static final int WATER_LEVEL = 0x39;
    /** Element 38: battery voltage in volts, N(4,2). */
    public static final int BATTERY_VOLTAGE = 0x38;
    /** End character ETX: the message ends, no more blocks follow. */
    public static final int ETX = 0x03;
    /** End character ENQ: the station asks the centre to answer (M2 mode confirmation). */
    public static final int ENQ = 0x05;
    /** End character EOT: ends a downlink answer and the exchange. */
    public static final int EOT = 0x04;

    public Sl651Frame {
        elements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(elements));
    }

    /** The water level in metres, when the frame carries element 39. */
    public Optional<BigDecimal> waterLevel() {
        return Optional.ofNullable(elements.get(WATER_LEVEL));
    }

    /**
     * Whether the station waits for the centre's confirmation: its end character is ENQ. (A station in M1 or M3 mode,
     * or one that does not want an answer, ends with ETX; answering those would confuse some RTUs.)
     */
    public boolean wantsAcknowledgement() {
        return endChar == ENQ;
    }
}
