package io.onegrid.persistence.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.onegrid.api.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final String G = AuditRecord.GENESIS_HASH;

    @Test
    void fieldBoundariesCannotBeShifted() {
        String base = AuditChain.hash(G, 1, 0, "ab", "c", null, null, null);
        assertNotEquals(base, AuditChain.hash(G, 1, 0, "a", "bc", null, null, null));
        assertNotEquals(AuditChain.hash(G, 1, 0, "a", "b", "", null, null),
                AuditChain.hash(G, 1, 0, "a", "b", null, "", null), "an empty text moved to the next field");
        assertNotEquals(AuditChain.hash(G, 1, 0, "a", "b", "", null, null),
                AuditChain.hash(G, 1, 0, "a", "b", null, null, null), "empty is not absent");
        assertNotEquals(AuditChain.hash(G, 12, 3, "a", "b", null, null, null),
                AuditChain.hash(G, 1, 23, "a", "b", null, null, null));
    }

    /** The encoding is part of every stored chain: changing it would make every existing record look tampered with. */
    @Test
    void encodingIsStable() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("onegrid-audit-v1".getBytes(StandardCharsets.US_ASCII));
        writeText(out, G);
        out.writeLong(7);
        out.writeLong(1_700_000_000_123L);
        writeText(out, "alice");
        writeText(out, "auth.login");
        out.writeByte(0);
        writeText(out, "高青县");
        out.writeByte(0);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertEquals(expected, AuditChain.hash(G, 7, 1_700_000_000_123L, "alice", "auth.login", null, "高青县", null));
    }

    private static void writeText(DataOutputStream out, String s) throws Exception {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(1);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
