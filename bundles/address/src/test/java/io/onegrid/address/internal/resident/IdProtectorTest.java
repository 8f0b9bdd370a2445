package io.onegrid.address.internal.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.resident.IdProtector.DecryptionException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class IdProtectorTest {

    private static final String DOMAIN_EXAMPLE = "11010519491231002X";
    private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final byte[] encryptionKey = key(1);
    private final byte[] lookupKey = key(2);
    private final IdProtector protector = new IdProtector(encryptionKey, lookupKey);

    private static byte[] key(int seed) {
        byte[] key = new byte[IdProtector.KEY_BYTES];
        new Random(seed).nextBytes(key);
        return key;
    }

    private static List<String> someIds(int count) {
        Random random = new Random(42);
        List<String> ids = new ArrayList<>(List.of(DOMAIN_EXAMPLE));
        while (ids.size() < count) {
            LocalDate birth = LocalDate.of(1920, 1, 1).plusDays(random.nextInt(36_000));
            ids.add(IdNumbersTest.number(String.format("%02d0102", List.of(11, 32, 37, 44, 51, 65).get(random.nextInt(6))),
                    birth, random.nextInt(1000)));
        }
        return ids;
    }

    @Test
    void encryptedNumbersDecryptToThemselves() {
        for (String id : someIds(500)) {
            String stored = protector.encrypt(id);
            assertTrue(stored.startsWith("v1:"), stored);
            assertEquals(id, protector.decrypt(stored));
            assertTrue(protector.isCurrent(stored));
            // 12-byte nonce + 18 bytes + 16-byte tag
            assertEquals(12 + 18 + 16, Base64.getDecoder().decode(stored.substring(3)).length);
        }
    }

    @Test
    void aFreshProtectorWithTheSameKeysDecrypts() {
        String stored = protector.encrypt(DOMAIN_EXAMPLE);
        IdProtector again = new IdProtector(encryptionKey.clone(), lookupKey.clone());
        assertEquals(DOMAIN_EXAMPLE, again.decrypt(stored));
        assertEquals(protector.lookupHash(DOMAIN_EXAMPLE), again.lookupHash(DOMAIN_EXAMPLE));
    }

    @Test
    void twoEncryptionsDifferButTheLookupHashIsTheSame() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertTrue(seen.add(protector.encrypt(DOMAIN_EXAMPLE)), "a nonce repeated");
        }
        assertEquals(protector.lookupHash(DOMAIN_EXAMPLE), protector.lookupHash(DOMAIN_EXAMPLE));
    }

    @Test
    void theLookupHashIsHmacSha256OfTheNormalizedNumber() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(lookupKey, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(DOMAIN_EXAMPLE.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(expected, protector.lookupHash(DOMAIN_EXAMPLE));
        assertEquals(expected, protector.lookupHash("110105 19491231 002x"), "written differently, same number");
        assertTrue(expected.matches("[0-9a-f]{64}"));
        assertEquals(DOMAIN_EXAMPLE, protector.decrypt(protector.encrypt("11010519491231002x")));
    }

    @Test
    void lookupHashesDependOnTheNumberAndTheKey() {
        Set<String> hashes = new HashSet<>();
        List<String> ids = someIds(500);
        for (String id : ids) {
            hashes.add(protector.lookupHash(id));
        }
        assertEquals(new HashSet<>(ids).size(), hashes.size());
        IdProtector otherLookupKey = new IdProtector(encryptionKey, key(3));
        assertNotEquals(protector.lookupHash(DOMAIN_EXAMPLE), otherLookupKey.lookupHash(DOMAIN_EXAMPLE));
        IdProtector otherEncryptionKey = new IdProtector(key(4), lookupKey);
        assertEquals(protector.lookupHash(DOMAIN_EXAMPLE), otherEncryptionKey.lookupHash(DOMAIN_EXAMPLE),
                "the look-up hash does not involve the encryption key");
    }

    @Test
    void changingAnyByteOfTheCiphertextIsDetected() {
        String stored = protector.encrypt(DOMAIN_EXAMPLE);
        byte[] bytes = Base64.getDecoder().decode(stored.substring(3));
        for (int i = 0; i < bytes.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) mask;
                String text = "v1:" + Base64.getEncoder().encodeToString(tampered);
                DecryptionException e = assertThrows(DecryptionException.class, () -> protector.decrypt(text),
                        "byte " + i);
                assertTrue(e.getMessage().contains("altered or encrypted under another key"), e.getMessage());
            }
        }
    }

    @Test
    void changingAnyCharacterOfTheStoredTextIsDetected() {
        String stored = protector.encrypt(DOMAIN_EXAMPLE);
        for (int i = 0; i < stored.length(); i++) {
            char was = stored.charAt(i);
            int at = BASE64_ALPHABET.indexOf(was);
            for (char replacement : new char[] {BASE64_ALPHABET.charAt((at + 1 + 64) % 64), '=', '*', '2'}) {
                if (replacement == was) {
                    continue;
                }
                String text = stored.substring(0, i) + replacement + stored.substring(i + 1);
                assertThrows(DecryptionException.class, () -> protector.decrypt(text), text);
            }
        }
        assertThrows(DecryptionException.class, () -> protector.decrypt(stored.substring(0, stored.length() - 4)));
        assertThrows(DecryptionException.class, () -> protector.decrypt(stored + "AAAA"));
        for (String garbage : List.of("", "v1:", "v1", "1:" + stored.substring(3), "v:abc", "vx:" + stored.substring(3),
                "v1:AAAA", DOMAIN_EXAMPLE, "v1234567:" + stored.substring(3))) {
            assertThrows(DecryptionException.class, () -> protector.decrypt(garbage), garbage);
        }
    }

    @Test
    void aWrongKeyIsDetected() {
        String stored = protector.encrypt(DOMAIN_EXAMPLE);
        IdProtector wrong = new IdProtector(key(5), lookupKey);
        DecryptionException e = assertThrows(DecryptionException.class, () -> wrong.decrypt(stored));
        assertTrue(e.getMessage().contains("another key"), e.getMessage());
        assertFalse(e.getMessage().contains(stored.substring(3)), "the message does not repeat the value");
    }

    @Test
    void theVersionPrefixIsAuthenticated() {
        // Same key bytes under both versions: only the authenticated prefix tells them apart.
        IdProtector rotated = new IdProtector(2, Map.of(1, encryptionKey, 2, encryptionKey.clone()), lookupKey);
        String stored = rotated.encrypt(DOMAIN_EXAMPLE);
        assertTrue(stored.startsWith("v2:"));
        assertEquals(DOMAIN_EXAMPLE, rotated.decrypt(stored));
        assertThrows(DecryptionException.class, () -> rotated.decrypt("v1:" + stored.substring(3)));
        assertThrows(DecryptionException.class, () -> rotated.decrypt("v3:" + stored.substring(3)),
                "no key for version 3");
    }

    @Test
    void keysRotateByVersion() {
        String old = protector.encrypt(DOMAIN_EXAMPLE);
        byte[] newKey = key(6);
        IdProtector rotated = new IdProtector(2, Map.of(1, encryptionKey, 2, newKey), lookupKey);
        assertFalse(rotated.isCurrent(old));
        String redone = rotated.encrypt(rotated.decrypt(old));
        assertTrue(redone.startsWith("v2:") && rotated.isCurrent(redone));
        assertEquals(DOMAIN_EXAMPLE, rotated.decrypt(redone));
        assertThrows(DecryptionException.class, () -> protector.decrypt(redone), "the old protector lacks v2");
        IdProtector retired = new IdProtector(2, Map.of(2, newKey), lookupKey);
        assertThrows(DecryptionException.class, () -> retired.decrypt(old), "v1 was dropped");
    }

    @Test
    void theStoredValueNeverContainsTheNumberInClear() {
        for (String id : someIds(300)) {
            String stored = protector.encrypt(id);
            byte[] decoded = Base64.getDecoder().decode(stored.substring(3));
            String asLatin1 = new String(decoded, StandardCharsets.ISO_8859_1);
            assertFalse(stored.contains(id));
            // Any 6 consecutive characters of the number, in the text or in the raw bytes.
            for (int from = 0; from + 6 <= id.length(); from++) {
                String window = id.substring(from, from + 6);
                assertFalse(asLatin1.contains(window), () -> "plain digits " + window + " in the ciphertext");
                assertFalse(stored.contains(window), () -> "plain digits " + window + " in the stored text");
            }
        }
    }

    @Test
    void keysMustBe32BytesAndDistinct() {
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            byte[] bad = new byte[length];
            assertThrows(IllegalArgumentException.class, () -> new IdProtector(bad, lookupKey), "enc " + length);
            assertThrows(IllegalArgumentException.class, () -> new IdProtector(encryptionKey, bad), "mac " + length);
        }
        assertThrows(NullPointerException.class, () -> new IdProtector(null, lookupKey));
        assertThrows(NullPointerException.class, () -> new IdProtector(encryptionKey, null));
        assertThrows(IllegalArgumentException.class, () -> new IdProtector(encryptionKey, encryptionKey.clone()),
                "one key for both purposes");
        assertThrows(IllegalArgumentException.class, () -> new IdProtector(3, Map.of(1, encryptionKey), lookupKey),
                "the current version needs a key");
        assertThrows(IllegalArgumentException.class, () -> new IdProtector(0, Map.of(0, encryptionKey), lookupKey));
    }

    @Test
    void generatedKeysWorkFromTheirBase64Form() {
        IdProtector.Keys keys = IdProtector.generateKeys();
        byte[] enc = Base64.getDecoder().decode(keys.encryptionKey());
        byte[] mac = Base64.getDecoder().decode(keys.lookupKey());
        assertEquals(32, enc.length);
        assertEquals(32, mac.length);
        assertFalse(java.util.Arrays.equals(enc, mac));
        IdProtector.Keys other = IdProtector.generateKeys();
        assertNotEquals(keys.encryptionKey(), other.encryptionKey());
        assertFalse(keys.toString().contains(keys.encryptionKey()) || keys.toString().contains(keys.lookupKey()));

        IdProtector fromText = IdProtector.fromBase64(keys.encryptionKey(), keys.lookupKey() + "\n");
        IdProtector fromBytes = new IdProtector(enc, mac);
        assertEquals(DOMAIN_EXAMPLE, fromBytes.decrypt(fromText.encrypt(DOMAIN_EXAMPLE)));
        assertArrayEquals(enc, Base64.getDecoder().decode(keys.encryptionKey()));
    }

    @Test
    void badBase64KeysAreRefusedWithoutEchoingThem() {
        String secretish = "not-base64-!!-secret";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdProtector.fromBase64(secretish, IdProtector.generateKeys().lookupKey()));
        assertFalse(e.getMessage().contains(secretish));
        assertThrows(IllegalArgumentException.class, () -> IdProtector.fromBase64(
                Base64.getEncoder().encodeToString(new byte[16]), IdProtector.generateKeys().lookupKey()));
    }

    @Test
    void emptyInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> protector.encrypt(" "));
        assertThrows(IllegalArgumentException.class, () -> protector.lookupHash(""));
        assertThrows(NullPointerException.class, () -> protector.encrypt(null));
        assertThrows(NullPointerException.class, () -> protector.decrypt(null));
    }
}
