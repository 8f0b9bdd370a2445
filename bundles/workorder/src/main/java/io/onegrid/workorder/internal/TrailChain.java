package io.onegrid.workorder.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of a trail record: SHA-256 over a canonical encoding of its fields and the previous record's hash. Each
 * text is written as a presence byte, its UTF-8 length and its bytes, and each number at fixed width, so no choice of
 * values can shift a boundary between fields; the format tag keeps it distinct from every other chain of OneGrid.
 */
final class TrailChain {

    private static final byte[] FORMAT = "onegrid-workorder-trail-v1".getBytes(StandardCharsets.US_ASCII);

    private TrailChain() {
    }

    static String hash(String previousHash, long orderId, int seq, long epochMillis, String actor, String actorName,
            String roles, String command, String fromState, String toState, String reason, String detail,
            List<String> attachments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(FORMAT);
            text(out, previousHash);
            out.writeLong(orderId);
            out.writeInt(seq);
            out.writeLong(epochMillis);
            text(out, actor);
            text(out, actorName);
            text(out, roles);
            text(out, command);
            text(out, fromState);
            text(out, toState);
            text(out, reason);
            text(out, detail);
            out.writeInt(attachments.size());
            for (String a : attachments) {
                text(out, a);
            }
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
