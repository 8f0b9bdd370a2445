package io.onegrid.samples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.device.api.Sl651Codec;
import io.onegrid.device.api.Sl651Frame;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The simulator's frames, read back by the gateway's own decoder. */
class Sl651EncoderTest {

    private static final LocalDateTime SENT = LocalDateTime.of(2026, 7, 1, 8, 5, 9);
    private static final LocalDateTime OBSERVED = LocalDateTime.of(2026, 7, 1, 8, 5);

    @Test
    void theGatewayDecodesALevelReport() throws Exception {
        byte[] frame = Sl651Encoder.levelReport(1, "0012345678", "1234", 0x0103, SENT, OBSERVED, 2.417,
                Sl651Encoder.ETX);
        Sl651Frame f = Sl651Codec.decode(frame);
        assertEquals(1, f.centre());
        assertEquals("0012345678", f.station());
        assertEquals("1234", f.password());
        assertEquals(0x32, f.function());
        assertEquals(0x0103, f.serial());
        assertEquals(SENT, f.sentAt());
        assertEquals('H', f.stationType());
        assertEquals(OBSERVED, f.observedAt());
        assertEquals(new BigDecimal("2.417"), f.waterLevel().orElseThrow());
        assertEquals(Sl651Frame.ETX, f.endChar());
        assertEquals(frame.length, Sl651Codec.frameLength(frame, frame.length));
    }

    @Test
    void theLayoutIsTheStandardOne() {
        byte[] frame = Sl651Encoder.levelReport(1, "0012345678", "1234", 3, SENT, OBSERVED, 0.127,
                Sl651Encoder.ENQ);
        String hex = HexFormat.of().withUpperCase().formatHex(frame);
        // header: 7E7E, centre 01, station, password, function 32, uplink body of 29 bytes (001D), STX
        assertTrue(hex.startsWith("7E7E01001234567812343200" + "1D02"), hex);
        // serial, send time, station identifier with type H, observation time, element 39 N(7,3), ENQ
        assertTrue(hex.contains("0003260701080509F1F1001234567848F0F02607010805392300000127" + "05"), hex);
        int crc = Sl651Encoder.crc16(java.util.Arrays.copyOf(frame, frame.length - 2));
        assertEquals(String.format("%04X", crc), hex.substring(hex.length() - 4));
    }

    @Test
    void crcMatchesTheGateway() {
        byte[] data = HexFormat.of().parseHex("7E7E010012345678123430002B02");
        assertEquals(Sl651Codec.crc16(data, 0, data.length), Sl651Encoder.crc16(data));
    }

    @Test
    void everyLevelOfAStormSurvivesTheRoundTrip() throws Exception {
        for (int mm = 0; mm <= 9_999; mm += 37) {
            double level = mm / 1000.0;
            Sl651Frame f = Sl651Codec.decode(Sl651Encoder.levelReport(1, "0000000001", "1234", mm, SENT, OBSERVED,
                    level, Sl651Encoder.ETX));
            assertEquals(level, f.waterLevel().orElseThrow().doubleValue(), 1e-9);
        }
    }

    @Test
    void refusesWhatAFrameCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> Sl651Encoder.levelReport(1, "WL-0001", "1234", 1, SENT,
                OBSERVED, 1, Sl651Encoder.ETX));
        assertThrows(IllegalArgumentException.class, () -> Sl651Encoder.levelReport(1, "0000000001", "12", 1, SENT,
                OBSERVED, 1, Sl651Encoder.ETX));
        assertThrows(IllegalArgumentException.class, () -> Sl651Encoder.levelReport(1, "0000000001", "1234", 1,
                SENT, OBSERVED, -0.5, Sl651Encoder.ETX));
    }
}
