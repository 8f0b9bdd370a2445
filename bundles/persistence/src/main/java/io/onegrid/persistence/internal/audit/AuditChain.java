package io.onegrid.persistence.internal.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash of an audit record: SHA-256 over a canonical encoding of the record's fields and the previous hash. */
final class AuditChain {

    /** Names the encoding, so that a later one can never produce the same bytes for different content. */
    private static final byte[] FORMAT = "onegrid-audit-v1".getBytes(StandardCharsets.US_ASCII);

    private AuditChain() {
    }

    /**
     * Each text field is written as a presence byte, its UTF-8 length and its bytes, and each number at fixed width,
     * so no choice of field values can shift a boundary between fields (("ab", "c") and ("a", "bc") differ, and so do
     * {@code null} and "").
     */
    static String hash(String previousHash, long id, long epochMillis, String actor, String action, String target,
            String detail, String address) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(FORMAT);
            text(out, previousHash);
            out.writeLong(id);
            out.writeLong(epochMillis);
            text(out, actor);
            text(out, action);
            text(out, target);
            text(out, detail);
            text(out, address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
