package io.onegrid.device.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sl651CodecTest {

    /** The test vector of DOMAIN.md: function 30 (test), river station 0012345678, Z = 0.127 m. */
    static final String VECTOR = "7E7E010012345678123430002B020003591011154947F1F1001234567848F0F0591011154920190000"
            + "052619000005392300000127381211150320FA";

    @Test
    void decodesTheTestVector() throws Exception {
        Sl651Frame f = Sl651Codec.decodeHex(VECTOR);
        assertEquals("0012345678", f.station());
        assertEquals(1, f.centre());
        assertEquals("1234", f.password());
        assertEquals(0x30, f.function());
        assertEquals(3, f.serial());
        assertEquals('H', f.stationType());
        assertEquals(LocalDateTime.of(2059, 10, 11, 15, 49, 47), f.sentAt());
        assertEquals(LocalDateTime.of(2059, 10, 11, 15, 49), f.observedAt());
        assertEquals(new BigDecimal("0.127"), f.waterLevel().orElseThrow());
        assertEquals(new BigDecimal("11.15"), f.elements().get(Sl651Frame.BATTERY_VOLTAGE));
        assertEquals(new BigDecimal("0.5"), f.elements().get(0x20));
        assertEquals(new BigDecimal("0.5"), f.elements().get(0x26));
        assertEquals(Sl651Frame.ETX, f.endChar());
        assertFalse(f.wantsAcknowledgement(), "ETX asks for no answer");
    }

    @Test
    void crcIsModbusHighByteFirst() {
        byte[] frame = HexFormat.of().parseHex(VECTOR);
        assertEquals(0x20FA, Sl651Codec.crc16(frame, 0, frame.length - 2));
        // the classic check value of CRC-16/MODBUS
        assertEquals(0x4B37, Sl651Codec.crc16("123456789".getBytes(), 0, 9));
    }

    @Test
    void aWrongCrcIsRejectedAsBadChecksum() {
        String broken = VECTOR.substring(0, VECTOR.length() - 4) + "20FB";
        Sl651Exception e = assertThrows(Sl651Exception.class, () -> Sl651Codec.decodeHex(broken));
        assertEquals(RejectReason.BAD_CHECKSUM, e.reason());
        assertTrue(e.getMessage().contains("20FB"), e.getMessage());
    }

    @Test
    void aChangedLevelWithTheOldCrcIsRejected() {
        String tampered = VECTOR.replace("392300000127", "392300000999");
        assertEquals(RejectReason.BAD_CHECKSUM,
                assertThrows(Sl651Exception.class, () -> Sl651Codec.decodeHex(tampered)).reason());
    }

    @Test
    void truncatedOrGarbledFramesAreMalformed() {
        for (String bad : new String[] {"", "7E7E01", VECTOR.substring(0, 60), "7F" + VECTOR.substring(2),
            VECTOR + "00", "hello"}) {
            assertEquals(RejectReason.MALFORMED,
                    assertThrows(Sl651Exception.class, () -> Sl651Codec.decodeHex(bad)).reason(), bad);
        }
    }

    @Test
    void aDownlinkFrameIsNotAnUplink() {
        assertEquals(RejectReason.MALFORMED, assertThrows(Sl651Exception.class,
                () -> Sl651Codec.decodeHex(withCrc(VECTOR.substring(0, 22) + "802B" + body()))).reason());
    }

    @Test
    void negativeAndOtherElementsDecode() throws Exception {
        // level -1.250 m: FF marks the sign, then N(6,3) in 3 bytes
        String body = "0003591011154947F1F1001234567848F0F05910111549" + "3923FF001250";
        Sl651Frame f = Sl651Codec.decodeHex(frame(body, "03"));
        assertEquals(new BigDecimal("-1.250"), f.waterLevel().orElseThrow());
    }

    @Test
    void aNonBcdValueIsMalformed() {
        String body = "0003591011154947F1F1001234567848F0F05910111549" + "392300000A27";
        assertEquals(RejectReason.MALFORMED,
                assertThrows(Sl651Exception.class, () -> Sl651Codec.decodeHex(frame(body, "03"))).reason());
    }

    @Test
    void anEnqFrameGetsAnM2Acknowledgement() throws Exception {
        String enq = frame(body(), "05");
        Sl651Frame f = Sl651Codec.decodeHex(enq);
        assertTrue(f.wantsAcknowledgement());
        byte[] ack = Sl651Codec.acknowledge(f, LocalDateTime.of(2026, 7, 1, 8, 0, 5));
        String hex = HexFormat.of().withUpperCase().formatHex(ack);
        // 7E7E, station first then centre (downlink), password, function, 8008 (downlink, 8 bytes), STX,
        // the frame's serial, the centre's time, EOT, CRC
        assertTrue(hex.startsWith("7E7E001234567801123430800802" + "0003" + "260701080005" + "04"), hex);
        assertEquals(Sl651Codec.crc16(ack, 0, ack.length - 2), (ack[ack.length - 2] & 0xFF) << 8
                | ack[ack.length - 1] & 0xFF);
        assertEquals(ack.length, 14 + 8 + 3);
    }

    @Test
    void frameLengthIsKnownFromTheHeader() {
        byte[] frame = HexFormat.of().parseHex(VECTOR);
        assertEquals(-1, Sl651Codec.frameLength(frame, 12));
        assertEquals(frame.length, Sl651Codec.frameLength(frame, 13));
        assertArrayEquals(frame, HexFormat.of().parseHex(frame(body(), "03")));
    }

    /** The test vector's body (serial to the last element). */
    static String body() {
        return VECTOR.substring(28, VECTOR.length() - 6);
    }

    /** An uplink frame of the test vector's header around {@code body}, with its end char and a correct CRC. */
    static String frame(String body, String end) {
        String head = "7E7E0100123456781234" + "30" + String.format("%04X", body.length() / 2) + "02";
        return withCrc(head + body + end);
    }

    static String withCrc(String hexWithoutCrc) {
        byte[] b = HexFormat.of().parseHex(hexWithoutCrc);
        return hexWithoutCrc + String.format("%04X", Sl651Codec.crc16(b, 0, b.length));
    }
}
