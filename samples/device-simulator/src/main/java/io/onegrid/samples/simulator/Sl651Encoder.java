package io.onegrid.samples.simulator;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.HexFormat;

/**
 * Encodes SL 651-2014 uplink frames (HEX encoding) the way a river station's RTU sends a timed report (function
 * 0x32): header, serial number, send time, station identifier with type 'H' (river), observation time and element 39
 * (water level, N(7,3) metres), ended by ETX (or ENQ to ask for the centre's confirmation) and CRC-16/MODBUS. Times
 * are the station's clock (China Standard Time, no zone in the frame).
 */
public final class Sl651Encoder {

    /** Function code of a timed report (定时报). */
    public static final int TIMED_REPORT = 0x32;
    public static final int ETX = 0x03;
    public static final int ENQ = 0x05;

    private Sl651Encoder() {
    }

    /**
     * @param centre   the centre's address, 1..255
     * @param station  the station's address, 10 decimal digits
     * @param password 4 hex digits
     */
    public static byte[] levelReport(int centre, String station, String password, int serial, LocalDateTime sentAt,
            LocalDateTime observedAt, double levelMetres, int endChar) {
        if (!station.matches("\\d{10}")) {
            throw new IllegalArgumentException("an SL 651 station address has 10 digits, not " + station);
        }
        if (!password.matches("[0-9A-Fa-f]{4}")) {
            throw new IllegalArgumentException("an SL 651 password has 4 hex digits, not " + password);
        }
        long millimetres = Math.round(levelMetres * 1000);
        if (millimetres < 0 || millimetres > 9_999_999) {
            throw new IllegalArgumentException("level " + levelMetres + " m does not fit N(7,3)");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(serial >> 8 & 0xFF);
        body.write(serial & 0xFF);
        bcd(body, String.format("%02d%02d%02d%02d%02d%02d", sentAt.getYear() % 100, sentAt.getMonthValue(),
                sentAt.getDayOfMonth(), sentAt.getHour(), sentAt.getMinute(), sentAt.getSecond()));
        body.write(0xF1);
        body.write(0xF1);
        bcd(body, station);
        body.write('H');
        body.write(0xF0);
        body.write(0xF0);
        bcd(body, String.format("%02d%02d%02d%02d%02d", observedAt.getYear() % 100, observedAt.getMonthValue(),
                observedAt.getDayOfMonth(), observedAt.getHour(), observedAt.getMinute()));
        body.write(0x39);
        body.write(4 << 3 | 3); // 4 bytes, 3 decimals
        bcd(body, String.format("%08d", millimetres));
        byte[] b = body.toByteArray();

        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x7E);
        f.write(0x7E);
        f.write(centre);
        bcd(f, station);
        byte[] pw = HexFormat.of().parseHex(password);
        f.write(pw, 0, 2);
        f.write(TIMED_REPORT);
        f.write(b.length >> 8 & 0x0F); // direction 0000: uplink
        f.write(b.length & 0xFF);
        f.write(0x02); // STX
        f.write(b, 0, b.length);
        f.write(endChar);
        byte[] frame = f.toByteArray();
        int crc = crc16(frame);
        byte[] out = java.util.Arrays.copyOf(frame, frame.length + 2);
        out[frame.length] = (byte) (crc >> 8);
        out[frame.length + 1] = (byte) crc;
        return out;
    }

    /** CRC-16/MODBUS (reflected 0xA001, initial 0xFFFF). */
    public static int crc16(byte[] data) {
        int crc = 0xFFFF;
        for (byte d : data) {
            crc ^= d & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? crc >>> 1 ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    private static void bcd(ByteArrayOutputStream out, String digits) {
        for (int i = 0; i < digits.length(); i += 2) {
            out.write((digits.charAt(i) - '0') << 4 | digits.charAt(i + 1) - '0');
        }
    }
}
