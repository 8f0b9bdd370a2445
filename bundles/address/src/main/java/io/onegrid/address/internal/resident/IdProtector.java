package io.onegrid.address.internal.resident;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps ID numbers out of a database dump. The number itself is stored encrypted ({@link #encrypt}: AES-256-GCM,
 * {@code v<key version>:<Base64 of nonce | ciphertext | tag>}); look-ups and uniqueness use {@link #lookupHash}, an
 * HMAC-SHA256 under a second key, which is deterministic and useless without that key (a plain hash of 18 digits with
 * a known structure is brute-forced in minutes).
 *
 * <p>Key rotation: construct with the new key as current and the old ones still listed; {@link #decrypt} picks the
 * key by the version prefix and {@link #isCurrent} tells a re-encryption job what is left. The look-up key cannot
 * rotate that way: every stored hash has to be recomputed from the decrypted numbers.
 *
 * <p>Both operations first {@link IdNumbers#normalize normalize} the number, so {@code …002x} and {@code …002X} hash
 * alike. Thread-safe.
 */
public final class IdProtector {

    public static final int KEY_BYTES = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String HMAC = "HmacSHA256";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_VERSION_DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int currentVersion;
    private final Map<Integer, SecretKey> encryptionKeys;
    private final SecretKey lookupKey;

    /** One encryption key (version 1) and the look-up key, 32 bytes each. */
    public IdProtector(byte[] encryptionKey, byte[] lookupKey) {
        this(1, Map.of(1, Objects.requireNonNull(encryptionKey, "encryptionKey")), lookupKey);
    }

    /**
     * @param currentVersion the version new values are encrypted with; must be among {@code encryptionKeys}
     * @param encryptionKeys every key version that may still be found in the database, 32 bytes each
     * @param lookupKey      the HMAC key, 32 bytes, different from every encryption key
     */
    public IdProtector(int currentVersion, Map<Integer, byte[]> encryptionKeys, byte[] lookupKey) {
        Objects.requireNonNull(encryptionKeys, "encryptionKeys");
        checkKey(lookupKey, "look-up key");
        Map<Integer, SecretKey> keys = new TreeMap<>();
        for (Map.Entry<Integer, byte[]> entry : encryptionKeys.entrySet()) {
            int version = entry.getKey();
            if (version < 1 || String.valueOf(version).length() > MAX_VERSION_DIGITS) {
                throw new IllegalArgumentException("key versions run from 1 to 999999");
            }
            checkKey(entry.getValue(), "encryption key v" + version);
            // Reusing one secret for AES and HMAC would tie the two protections together; refuse the copy-paste slip.
            if (MessageDigest.isEqual(entry.getValue(), lookupKey)) {
                throw new IllegalArgumentException("the look-up key must differ from encryption key v" + version);
            }
            keys.put(version, new SecretKeySpec(entry.getValue(), "AES"));
        }
        if (!keys.containsKey(currentVersion)) {
            throw new IllegalArgumentException("no encryption key for the current version " + currentVersion);
        }
        this.currentVersion = currentVersion;
        this.encryptionKeys = Map.copyOf(keys);
        this.lookupKey = new SecretKeySpec(lookupKey, HMAC);
    }

    /** From the Base64 form that {@link #generateKeys()} produces (version 1). */
    public static IdProtector fromBase64(String encryptionKey, String lookupKey) {
        return new IdProtector(decodeKey(encryptionKey, "encryption key"), decodeKey(lookupKey, "look-up key"));
    }

    /** A fresh pair of random keys for a first start. */
    public static Keys generateKeys() {
        Base64.Encoder encoder = Base64.getEncoder();
        return new Keys(encoder.encodeToString(randomBytes(KEY_BYTES)), encoder.encodeToString(randomBytes(KEY_BYTES)));
    }

    /** Two Base64-encoded 256-bit keys. {@code toString()} does not show them. */
    public record Keys(String encryptionKey, String lookupKey) {

        public Keys {
            Objects.requireNonNull(encryptionKey, "encryptionKey");
            Objects.requireNonNull(lookupKey, "lookupKey");
        }

        @Override
        public String toString() {
            return "Keys[encryptionKey=<secret>, lookupKey=<secret>]";
        }
    }

    /** Encrypts a (normalized) number with the current key and a fresh random nonce. */
    public String encrypt(String id) {
        byte[] plain = requireId(id).getBytes(StandardCharsets.UTF_8);
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKeys.get(currentVersion), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(versionTag(currentVersion));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return "v" + currentVersion + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} produced.
     *
     * @throws DecryptionException when the value is malformed, names an unknown key version, was altered, or was
     *                             encrypted under another key
     */
    public String decrypt(String protectedId) {
        Objects.requireNonNull(protectedId, "protectedId");
        int version = version(protectedId);
        SecretKey key = encryptionKeys.get(version);
        if (key == null) {
            throw new DecryptionException("no encryption key for key version " + version);
        }
        String body = protectedId.substring(protectedId.indexOf(':') + 1);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("not a protected ID number: the Base64 part is malformed");
        }
        // The decoder ignores the spare bits of the last character; insisting on the canonical text makes every
        // change to the stored string detectable, not only changes to the bytes.
        if (!Base64.getEncoder().encodeToString(data).equals(body)) {
            throw new DecryptionException("not a protected ID number: the Base64 part is not canonical");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionException("not a protected ID number: too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(versionTag(version));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new DecryptionException(
                    "the protected ID number fails authentication: it was altered or encrypted under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Whether a stored value is encrypted with the current key; {@code false} means a rotation job should redo it. */
    public boolean isCurrent(String protectedId) {
        return version(Objects.requireNonNull(protectedId, "protectedId")) == currentVersion;
    }

    /** HMAC-SHA256 of the normalized number under the look-up key, 64 lower-case hex digits. */
    public String lookupHash(String id) {
        byte[] plain = requireId(id).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(lookupKey);
            return HexFormat.of().formatHex(mac.doFinal(plain));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** Refusal to decrypt. The message never contains the value or the key. */
    public static final class DecryptionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DecryptionException(String message) {
            super(message);
        }
    }

    private static int version(String protectedId) {
        int colon = protectedId.indexOf(':');
        if (!protectedId.startsWith("v") || colon < 2 || colon > 1 + MAX_VERSION_DIGITS) {
            throw new DecryptionException("not a protected ID number: it lacks the key version prefix (v1:…)");
        }
        for (int i = 1; i < colon; i++) {
            char c = protectedId.charAt(i);
            if (c < '0' || c > '9') {
                throw new DecryptionException("not a protected ID number: the key version is not a number");
            }
        }
        return Integer.parseInt(protectedId, 1, colon, 10);
    }

    /** Authenticated with the ciphertext so that the prefix cannot be swapped to another key version. */
    private static byte[] versionTag(int version) {
        return ("v" + version).getBytes(StandardCharsets.US_ASCII);
    }

    private static String requireId(String id) {
        String normalized = IdNumbers.normalize(Objects.requireNonNull(id, "id"));
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("no ID number given");
        }
        return normalized;
    }

    private static void checkKey(byte[] key, String what) {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the " + what + " must be " + KEY_BYTES + " bytes, not " + key.length);
        }
    }

    private static byte[] decodeKey(String base64, String what) {
        Objects.requireNonNull(base64, what);
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // No cause and no input in the message: either could reveal key material in a log.
            throw new IllegalArgumentException("the " + what + " is not valid Base64");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
