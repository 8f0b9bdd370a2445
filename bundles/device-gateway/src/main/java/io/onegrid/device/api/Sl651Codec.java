package io.onegrid.device.api;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encoding and decoding of SL 651-2014 HEX frames (hydrology telemetry). Stateless and thread-safe; plain Java so that
 * a TCP or UDP listener, a file import or a test can all use it.
 *
 * <pre>
 * 7E7E | centre 1B | station 5B BCD | password 2B | function 1B | direction 4 bits + body length 12 bits | STX 02 |
 * body | end char | CRC-16/MODBUS 2B, high byte first (over every byte from 7E7E to the end char)
 * </pre>
 *
 * Uplink body: serial 2B, send time 6B BCD, then for most functions {@code F1F1} station 5B + type 1B,
 * {@code F0F0} observation time 5B, and elements (identifier 1B, definition 1B: high 5 bits byte count, low 3 bits
 * decimals, BCD value; a first byte FF marks a negative value).
 */
public final class Sl651Codec {

    /** The largest frame the standard allows (body length has 12 bits) plus the header and trailer. */
    public static final int MAX_FRAME = 14 + 4095 + 3;

    private static final int START = 0x7E;
    private static final int STX = 0x02;
    private static final int SYN = 0x16;
    private static final int HEADER = 14; // 7E7E, centre, station 5, password 2, function, direction+length 2, STX

    private Sl651Codec() {
    }

    /** Decodes a frame given as hex text (spaces allowed). */
    public static Sl651Frame decodeHex(String hex) throws Sl651Exception {
        String compact = hex.replaceAll("\\s+", "");
        try {
            return decode(HexFormat.of().parseHex(compact));
        } catch (IllegalArgumentException notHex) {
            throw new Sl651Exception(RejectReason.MALFORMED, "not hex text: " + notHex.getMessage());
        }
    }

    /** Decodes one complete uplink frame. */
    public static Sl651Frame decode(byte[] frame) throws Sl651Exception {
        if (frame.length < HEADER + 3) {
            throw malformed("a frame has at least " + (HEADER + 3) + " bytes, this one " + frame.length);
        }
        if (u(frame, 0) != START || u(frame, 1) != START) {
            throw malformed("a frame starts with 7E7E");
        }
        int directionAndLength = u(frame, 11) << 8 | u(frame, 12);
        int length = directionAndLength & 0x0FFF;
        if (directionAndLength >> 12 != 0) {
            throw malformed("not an uplink frame (direction " + (directionAndLength >> 12) + ")");
        }
        if (u(frame, 13) == SYN) {
            throw malformed("multi-packet frames (SYN) are not supported");
        }
        if (u(frame, 13) != STX) {
            throw malformed("byte 13 must be STX (02)");
        }
        if (frame.length != HEADER + length + 3) {
            throw malformed("body length " + length + " does not match a frame of " + frame.length + " bytes");
        }
        int end = HEADER + length;
        int expected = u(frame, end + 1) << 8 | u(frame, end + 2);
        int actual = crc16(frame, 0, end + 1);
        if (expected != actual) {
            throw new Sl651Exception(RejectReason.BAD_CHECKSUM,
                    String.format("CRC %04X in the frame, %04X computed", expected, actual));
        }
        int endChar = u(frame, end);
        return body(frame, HEADER, end, endChar);
    }

    private static Sl651Frame body(byte[] f, int from, int to, int endChar) throws Sl651Exception {
        int centre = u(f, 2);
        String station = bcd(f, 3, 5);
        if (station == null) {
            throw malformed("the station address is not BCD");
        }
        String password = HexFormat.of().withUpperCase().formatHex(f, 8, 10);
        int function = u(f, 10);
        if (to - from < 8) {
            throw malformed("the body holds at least a serial number and a send time");
        }
        int serial = u(f, from) << 8 | u(f, from + 1);
        LocalDateTime sentAt = time(f, from + 2, 6);
        int p = from + 8;
        char type = 0;
        LocalDateTime observedAt = null;
        Map<Integer, BigDecimal> elements = new LinkedHashMap<>();
        while (p < to) {
            if (p + 1 >= to) {
                throw malformed("an element identifier without its definition at byte " + p);
            }
            int id = u(f, p);
            int def = u(f, p + 1);
            if (id == 0xF1 && def == 0xF1) {
                need(p + 8, to, "station identifier");
                String inner = bcd(f, p + 2, 5);
                if (!station.equals(inner)) {
                    throw malformed("the body names station " + inner + ", the header " + station);
                }
                type = (char) u(f, p + 7);
                p += 8;
            } else if (id == 0xF0 && def == 0xF0) {
                need(p + 7, to, "observation time");
                observedAt = time(f, p + 2, 5);
                p += 7;
            } else {
                int size = def >> 3;
                int decimals = def & 0x07;
                if (size == 0) {
                    throw malformed(String.format("element %02X has length 0", id));
                }
                need(p + 2 + size, to, String.format("element %02X", id));
                elements.put(id, value(f, p + 2, size, decimals, id));
                p += 2 + size;
            }
        }
        return new Sl651Frame(centre, station, password, function, serial, sentAt, type, observedAt, elements,
                endChar);
    }

    /**
     * The centre's confirmation of an uplink frame (M2 mode): a downlink frame to the same station with the same
     * function, echoing the frame's serial number, with the centre's send time, ended by EOT.
     */
    public static byte[] acknowledge(Sl651Frame frame, LocalDateTime now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(26);
        out.write(START);
        out.write(START);
        byte[] station = HexFormat.of().parseHex(frame.station());
        out.write(station, 0, station.length); // downlink: the station's address comes first
        out.write(frame.centre());
        byte[] password = HexFormat.of().parseHex(frame.password());
        out.write(password, 0, password.length);
        out.write(frame.function());
        int body = 8;
        out.write(0x80 | body >> 8); // direction 1000: downlink
        out.write(body & 0xFF);
        out.write(STX);
        out.write(frame.serial() >> 8);
        out.write(frame.serial() & 0xFF);
        String t = String.format("%02d%02d%02d%02d%02d%02d", now.getYear() % 100, now.getMonthValue(),
                now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond());
        byte[] time = HexFormat.of().parseHex(t);
        out.write(time, 0, time.length);
        out.write(Sl651Frame.EOT);
        byte[] bytes = out.toByteArray();
        int crc = crc16(bytes, 0, bytes.length);
        byte[] result = java.util.Arrays.copyOf(bytes, bytes.length + 2);
        result[bytes.length] = (byte) (crc >> 8);
        result[bytes.length + 1] = (byte) crc;
        return result;
    }

    /** CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF, no final XOR. */
    public static int crc16(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /**
     * How many bytes a complete frame starting at {@code data[0]} needs, once its header is in: a stream listener
     * reads this many before decoding. {@code -1} while fewer than 13 bytes have arrived.
     */
    public static int frameLength(byte[] data, int available) {
        if (available < 13) {
            return -1;
        }
        return HEADER + ((data[11] & 0x0F) << 8 | data[12] & 0xFF) + 3;
    }

    private static BigDecimal value(byte[] f, int at, int size, int decimals, int id) throws Sl651Exception {
        boolean negative = u(f, at) == 0xFF && size > 1;
        String digits = negative ? bcd(f, at + 1, size - 1) : bcd(f, at, size);
        if (digits == null) {
            throw malformed(String.format("element %02X is not BCD", id));
        }
        BigDecimal v = new BigDecimal(new java.math.BigInteger(digits), decimals);
        return negative ? v.negate() : v;
    }

    private static LocalDateTime time(byte[] f, int at, int size) throws Sl651Exception {
        String d = bcd(f, at, size);
        if (d == null) {
            throw malformed("a time that is not BCD at byte " + at);
        }
        try {
            return LocalDateTime.of(2000 + Integer.parseInt(d.substring(0, 2)), Integer.parseInt(d.substring(2, 4)),
                    Integer.parseInt(d.substring(4, 6)), Integer.parseInt(d.substring(6, 8)),
                    Integer.parseInt(d.substring(8, 10)), size > 5 ? Integer.parseInt(d.substring(10, 12)) : 0);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw malformed("an impossible time " + d + " at byte " + at);
        }
    }

    /** The BCD digits of {@code size} bytes, or {@code null} when a nibble is above 9. */
    private static String bcd(byte[] f, int at, int size) {
        StringBuilder sb = new StringBuilder(size * 2);
        for (int i = at; i < at + size; i++) {
            int hi = (f[i] >> 4) & 0x0F;
            int lo = f[i] & 0x0F;
            if (hi > 9 || lo > 9) {
                return null;
            }
            sb.append((char) ('0' + hi)).append((char) ('0' + lo));
        }
        return sb.toString();
    }

    private static void need(int end, int to, String what) throws Sl651Exception {
        if (end > to) {
            throw malformed(what + " runs past the end of the body");
        }
    }

    private static int u(byte[] f, int i) {
        return f[i] & 0xFF;
    }

    private static Sl651Exception malformed(String why) {
        return new Sl651Exception(RejectReason.MALFORMED, why);
    }
}
