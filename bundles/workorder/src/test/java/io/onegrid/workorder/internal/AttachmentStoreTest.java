package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentStoreTest {

    static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R');
    static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1);
    static final byte[] WEBP = bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ');
    static final byte[] MP4 = bytes(0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0);
    static final byte[] MP3 = bytes('I', 'D', '3', 4, 0, 0, 0, 0, 0, 0x23, 'T', 'S', 'S', 'E');
    static final byte[] MP3_FRAME = bytes(0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    static final byte[] AMR = "#!AMR\n<audio frames>".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT = "这不是图片 just text pretending".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private AttachmentStore store() {
        return new AttachmentStore(root);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void eachTypeIsRecognisedByItsFirstBytesWhateverTheHeaderClaims() {
        assertTrue(AttachmentTypes.matches("image/png", PNG, PNG.length));
        assertTrue(AttachmentTypes.matches("image/jpeg", JPEG, JPEG.length));
        assertTrue(AttachmentTypes.matches("image/webp", WEBP, WEBP.length));
        assertTrue(AttachmentTypes.matches("video/mp4", MP4, MP4.length));
        assertTrue(AttachmentTypes.matches("audio/mp4", MP4, MP4.length));
        assertTrue(AttachmentTypes.matches("audio/mpeg", MP3, MP3.length));
        assertTrue(AttachmentTypes.matches("audio/mpeg", MP3_FRAME, MP3_FRAME.length));
        assertTrue(AttachmentTypes.matches("audio/amr", AMR, AMR.length));
        assertFalse(AttachmentTypes.matches("image/png", JPEG, JPEG.length));
        assertFalse(AttachmentTypes.matches("image/jpeg", PNG, PNG.length));
        assertFalse(AttachmentTypes.matches("image/webp", "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 16),
                "a WAV file is RIFF too");
        for (String type : AttachmentTypes.KNOWN) {
            assertFalse(AttachmentTypes.matches(type, TEXT, TEXT.length), type);
            assertFalse(AttachmentTypes.matches(type, PNG, 3), "too short to tell: " + type);
        }
    }

    @Test
    void anUploadIsStoredUnderItsHashWithItsSizeAndTheSameContentOnce() throws Exception {
        byte[] photo = Arrays.copyOf(PNG, 200_000);
        photo[150_000] = 42;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        AttachmentStore.Received first = store().receive(new ByteArrayInputStream(photo), "image/png; q=1",
                photo.length, AttachmentTypes.DEFAULTS);
        assertEquals(sha, first.sha256());
        assertEquals("image/png", first.mediaType());
        assertEquals(photo.length, first.size());
        assertTrue(store().place(first));
        Path stored = root.resolve(sha.substring(0, 2)).resolve(sha);
        assertArrayEquals(photo, Files.readAllBytes(stored));

        AttachmentStore.Received again = store().receive(new ByteArrayInputStream(photo), "image/png", -1,
                AttachmentTypes.DEFAULTS);
        assertFalse(store().place(again), "already stored");
        assertEquals(List.of(stored), files(), "one file, no temp file left");
    }

    @Test
    void wrongTypesAreRefusedWith415AndLeaveNoFile() throws Exception {
        ProblemException text = assertThrows(ProblemException.class, () -> store().receive(
                new ByteArrayInputStream(TEXT), "image/png", TEXT.length, AttachmentTypes.DEFAULTS));
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, text.type());
        ProblemException notAllowed = assertThrows(ProblemException.class, () -> store().receive(
                new ByteArrayInputStream(TEXT), "text/plain", TEXT.length, AttachmentTypes.DEFAULTS));
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, notAllowed.type());
        ProblemException disabled = assertThrows(ProblemException.class, () -> store().receive(
                new ByteArrayInputStream(MP4), "video/mp4", MP4.length, AttachmentTypes.parse("image/png=100")));
        assertEquals(ProblemType.UNSUPPORTED_MEDIA_TYPE, disabled.type(), "a type left out of the configuration");
        assertEquals(List.of(), files());
    }

    @Test
    void anUploadAboveItsTypesLimitIsAbortedWhileStreamingAndLeavesNoFile() throws Exception {
        AttachmentTypes small = AttachmentTypes.parse("image/jpeg=100000, audio/amr=10");
        int[] read = {0};
        // Endless JPEG-looking bytes with no declared length: only counting while streaming can stop it.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return read[0] < JPEG.length ? JPEG[read[0]++] & 0xFF : (read[0]++ & 0x7F);
            }
        };
        ProblemException big = assertThrows(ProblemException.class, () -> store().receive(endless, "image/jpeg", -1,
                small));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, big.type());
        assertEquals(100_000L, big.extensions().get("limit"));
        assertTrue(read[0] < 200_000, "stopped soon after the limit, read " + read[0]);
        assertEquals(List.of(), files());

        int[] touched = {0};
        InputStream declared = new ByteArrayInputStream(AMR) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                touched[0]++;
                return super.read(b, off, len);
            }
        };
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, assertThrows(ProblemException.class, () -> store().receive(
                declared, "audio/amr", AMR.length, small)).type());
        assertEquals(0, touched[0], "a declared length above the limit is refused before reading");
        assertEquals(List.of(), files());
    }

    @Test
    void theConfigurationNamesOnlyTypesThatCanBeCheckedWithPositiveLimits() {
        assertEquals(10_485_760L, AttachmentTypes.DEFAULTS.limit("image/jpeg"));
        assertEquals(104_857_600L, AttachmentTypes.DEFAULTS.limit("video/mp4"));
        assertEquals(20_971_520L, AttachmentTypes.DEFAULTS.limit("audio/amr"));
        assertEquals(7, AttachmentTypes.DEFAULTS.limits().size());
        assertThrows(IllegalArgumentException.class, () -> AttachmentTypes.parse("image/gif=100"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentTypes.parse("image/png"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentTypes.parse("image/png=0"));
        assertThrows(IllegalArgumentException.class, () -> AttachmentTypes.parse("image/png=ten"));
    }
}
