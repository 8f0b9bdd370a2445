package io.onegrid.address.internal.doorplate;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a {@link BitMatrix} as a 1-bit greyscale PNG (RFC 2083 / ISO 15948) by hand.
 *
 * <p>Written directly with {@link Deflater} and {@link CRC32} rather than through {@code javax.imageio}: nothing of
 * {@code java.awt} is loaded in the container, so no headless setting or display matters, and the output is a few
 * hundred bytes, byte-for-byte reproducible.
 */
final class BitmapPng {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private BitmapPng() {
    }

    /** The matrix scaled by {@code scale} pixels per cell; set cells are black. */
    static byte[] encode(BitMatrix matrix, int scale) {
        int width = matrix.getWidth() * scale;
        int height = matrix.getHeight() * scale;
        int rowBytes = (width + 7) / 8;

        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 1; // bit depth
        header[9] = 0; // colour type: greyscale, so a 1 bit is white and a 0 bit black
        // compression 0, filter method 0, no interlace: already zero

        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            byte[] row = new byte[1 + rowBytes]; // filter type 0 (None) in front: identical rows deflate to almost nothing
            for (int y = 0; y < matrix.getHeight(); y++) {
                Arrays.fill(row, (byte) 0);
                for (int px = 0; px < width; px++) {
                    if (!matrix.get(px / scale, y)) {
                        row[1 + (px >> 3)] |= (byte) (0x80 >>> (px & 7));
                    }
                }
                for (int repeat = 0; repeat < scale; repeat++) {
                    deflater.setInput(row);
                    while (!deflater.needsInput()) {
                        idat.write(buffer, 0, deflater.deflate(buffer));
                    }
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }

            ByteArrayOutputStream png = new ByteArrayOutputStream(idat.size() + 64);
            png.writeBytes(SIGNATURE);
            chunk(png, "IHDR", header);
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } finally {
            deflater.end(); // frees native zlib memory now instead of at some later GC
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] crcBytes = new byte[4];
        putInt(crcBytes, 0, (int) crc.getValue());
        out.writeBytes(crcBytes);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
