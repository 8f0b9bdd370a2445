package io.onegrid.identity.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private static final int ITERATIONS = 10_000;
    private static final String PASSWORD = "correct horse battery staple";

    private final PasswordHasher hasher = new PasswordHasher(ITERATIONS);

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String stored(int iterations, byte[] salt, String hashHex) {
        return "pbkdf2-sha256$" + iterations + "$" + b64(salt) + "$" + b64(HexFormat.of().parseHex(hashHex));
    }

    // ---- round trip and format -----------------------------------------------------------------------------

    @Test
    void aHashVerifiesWithItsPasswordOnly() {
        String stored = hasher.hash(PASSWORD);
        assertTrue(hasher.verify(PASSWORD, stored));
        assertFalse(hasher.verify("correct horse battery stapler", stored));
        assertFalse(hasher.verify("Correct horse battery staple", stored), "case matters");
        assertFalse(hasher.verify("correct horse battery staple ", stored), "a trailing space matters");
        assertFalse(hasher.verify("", stored));
    }

    @Test
    void theStoredFormCarriesSchemeIterationsSaltAndHash() {
        String stored = hasher.hash(PASSWORD);
        String[] parts = stored.split("\\$", -1);
        assertEquals(4, parts.length, stored);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(String.valueOf(ITERATIONS), parts[1]);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "16-byte salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "256-bit hash");
        assertFalse(stored.contains(PASSWORD));
        assertFalse(stored.contains("="), "base64 without padding");
    }

    @Test
    void theSameStoredFormVerifiesUnderAnyConfiguredCost() {
        String stored = hasher.hash(PASSWORD);
        assertTrue(new PasswordHasher(20_000).verify(PASSWORD, stored), "the stored form carries its own cost");
    }

    @Test
    void everyHashGetsAFreshSalt() {
        Set<String> hashes = new HashSet<>();
        Set<String> salts = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String stored = hasher.hash(PASSWORD);
            hashes.add(stored.split("\\$")[3]);
            salts.add(stored.split("\\$")[2]);
            assertTrue(hasher.verify(PASSWORD, stored));
        }
        assertEquals(8, salts.size(), "salts differ");
        assertEquals(8, hashes.size(), "so the hashes of one password differ");
    }

    /** PBKDF2-HMAC-SHA256 test vectors (RFC 7914 section 11 and the widely published "password"/"salt" ones). */
    @Test
    void verifiesPublishedPbkdf2Sha256Vectors() {
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        String c1 = stored(1, salt, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
        String c4096 = stored(4096, salt, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
        String rfc7914 = stored(1, salt, "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
        assertTrue(hasher.verify("password", c1));
        assertTrue(hasher.verify("password", c4096));
        assertTrue(hasher.verify("passwd", rfc7914));
        assertFalse(hasher.verify("passwd", c1));
        assertFalse(hasher.verify("password", rfc7914));
        // the same hash claimed for a different cost does not verify
        assertFalse(hasher.verify("password", c1.replace("$1$", "$2$")));
    }

    @Test
    void aChinesePasswordIsHashedAsUtf8() {
        // Expected value computed with an independent PBKDF2 implementation (Python hashlib / OpenSSL).
        String stored = stored(ITERATIONS, "onegrid-test-slt".getBytes(StandardCharsets.US_ASCII),
                "4f9a970d3dd966e508ce952442cf113478ea2ec95ba8929547a36f7489a48870");
        assertTrue(hasher.verify("网格员密码2024!", stored));
        assertFalse(hasher.verify("网格员密码2025!", stored));
        String fresh = hasher.hash("网格员密码2024!");
        assertTrue(hasher.verify("网格员密码2024!", fresh));
        assertArrayEquals("网格员".getBytes(StandardCharsets.UTF_8), PasswordHasher.utf8("网格员"));
    }

    // ---- tampered and malformed stored forms -----------------------------------------------------------------

    @Test
    void aTamperedHashFails() {
        String stored = hasher.hash(PASSWORD);
        String[] parts = stored.split("\\$");
        byte[] hash = Base64.getDecoder().decode(parts[3]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        for (int bit = 0; bit < 8; bit++) {
            byte[] h = hash.clone();
            h[h.length - 1] ^= (byte) (1 << bit);
            assertFalse(hasher.verify(PASSWORD, parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + b64(h)));
            byte[] s = salt.clone();
            s[0] ^= (byte) (1 << bit);
            assertFalse(hasher.verify(PASSWORD, parts[0] + "$" + parts[1] + "$" + b64(s) + "$" + parts[3]));
        }
        assertFalse(hasher.verify(PASSWORD, parts[0] + "$" + (ITERATIONS + 1) + "$" + parts[2] + "$" + parts[3]),
                "changed cost");
        assertFalse(hasher.verify(PASSWORD, parts[0] + "$" + parts[1] + "$" + parts[2] + "$"
                + b64(Arrays.copyOf(hash, 31))), "truncated hash");
        assertFalse(hasher.verify(PASSWORD, "pbkdf2-sha512$" + parts[1] + "$" + parts[2] + "$" + parts[3]),
                "other scheme");
        assertTrue(hasher.verify(PASSWORD, stored), "the original still verifies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "$", "$$$", "plain-text-password", "pbkdf2-sha256", "pbkdf2-sha256$10000",
        "pbkdf2-sha256$10000$c2FsdA", "pbkdf2-sha256$10000$c2FsdA$", "pbkdf2-sha256$$c2FsdA$abcd",
        "pbkdf2-sha256$ten$c2FsdA$abcd", "pbkdf2-sha256$0$c2FsdA$abcd", "pbkdf2-sha256$-5$c2FsdA$abcd",
        "pbkdf2-sha256$99999999999$c2FsdA$abcd", "pbkdf2-sha256$10000$$abcd", "pbkdf2-sha256$10000$!!!$abcd",
        "pbkdf2-sha256$10000$c2FsdA$###", "pbkdf2-sha256$10000$c2FsdA$abcd$extra", "PBKDF2-SHA256$10000$c2FsdA$abcd",
        "{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"})
    void aMalformedStoredFormNeverMatchesAndNeverThrows(String stored) {
        assertFalse(assertDoesNotThrow(() -> hasher.verify(PASSWORD, stored)), stored);
    }

    @Test
    void aMissingStoredFormNeverMatches() {
        assertFalse(assertDoesNotThrow(() -> hasher.verify(PASSWORD, null)));
    }

    // ---- cost --------------------------------------------------------------------------------------------------

    @Test
    void needsRehashWhenTheConfiguredIterationsGrow() {
        String stored = hasher.hash(PASSWORD);
        assertFalse(hasher.needsRehash(stored), "same cost");
        assertTrue(new PasswordHasher(ITERATIONS + 1).needsRehash(stored), "cost raised");
        assertTrue(new PasswordHasher(600_000).needsRehash(stored));
        String stronger = new PasswordHasher(20_000).hash(PASSWORD);
        assertFalse(hasher.needsRehash(stronger), "lowering the configured cost does not downgrade stored hashes");
        assertTrue(hasher.verify(PASSWORD, stronger));
        assertTrue(hasher.needsRehash("pbkdf2-sha256$10000$c2FsdA"), "an incomplete form needs a new hash");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, 1000, 9_999})
    void refusesFewerThanTenThousandIterations(int iterations) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(iterations));
        assertTrue(e.getMessage().contains(String.valueOf(iterations)), e.getMessage());
    }

    @Test
    void acceptsTenThousandIterations() {
        assertDoesNotThrow(() -> new PasswordHasher(10_000));
    }

    @Test
    void burnRunsWithoutTouchingAnything() {
        assertDoesNotThrow(() -> hasher.burn(PASSWORD));
        assertDoesNotThrow(() -> hasher.burn(""));
    }

    // ---- policy ------------------------------------------------------------------------------------------------

    @Test
    void policyAcceptsReasonablePasswords() {
        for (String ok : List.of("0123456789", "x".repeat(200), "网格员的密码一二三四", "Zhang.San-2024", "correct horse")) {
            assertNull(PasswordHasher.checkPolicy("zhangsan", ok), ok);
        }
    }

    @Test
    void policyRefusesShortLongAndMissingPasswords() {
        assertNotEquals(null, PasswordHasher.checkPolicy("zhangsan", null));
        assertEquals("at least 10 characters", PasswordHasher.checkPolicy("zhangsan", ""));
        assertEquals("at least 10 characters", PasswordHasher.checkPolicy("zhangsan", "123456789"));
        assertEquals("at least 10 characters", PasswordHasher.checkPolicy("zhangsan", "网格员密码"));
        assertEquals("at most 200 characters", PasswordHasher.checkPolicy("zhangsan", "x".repeat(201)));
    }

    @Test
    void policyRefusesTheUserNameInAnyCase() {
        assertEquals("must differ from the user name", PasswordHasher.checkPolicy("wangfang2024", "wangfang2024"));
        assertEquals("must differ from the user name", PasswordHasher.checkPolicy("wangfang2024", "WangFang2024"));
        assertNull(PasswordHasher.checkPolicy("wangfang2024", "wangfang20245"), "containing it is allowed");
        assertNull(PasswordHasher.checkPolicy(null, "wangfang2024"), "no user name to compare with");
    }
}
