package io.onegrid.device.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Device secrets as PBKDF2-HMAC-SHA256 hashes from the JDK: a random 16-byte salt each, 210,000 iterations (OWASP's
 * figure for this function), stored as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so that a later change of
 * the iteration count still verifies the hashes already stored.
 */
final class SecretHash {

    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Verified against when there is no stored hash, so that timing does not tell which devices have one. */
    private static final String DUMMY = hash("not-a-device-secret", ITERATIONS);

    private SecretHash() {
    }

    /**
     * Remembers secrets that verified, so that a device reconnecting (every device at once after a broker restart)
     * costs one HMAC rather than a PBKDF2 run on the broker's network thread. Keyed by the stored hash too: a new
     * secret or a retired device (no stored hash) never matches an old entry. Only successes are kept; a wrong
     * secret always pays the full price. The HMAC key is random per process.
     */
    static final class Verified {

        private record Entry(String stored, byte[] mac) {
        }

        private final byte[] key = new byte[32];
        private final java.util.Map<String, Entry> entries = new java.util.concurrent.ConcurrentHashMap<>();
        private final int max;

        Verified(int max) {
            RANDOM.nextBytes(key);
            this.max = max;
        }

        boolean verify(String code, String secret, String stored) {
            if (secret == null || stored == null) {
                SecretHash.verify(secret == null ? "" : secret, null); // same cost as a miss
                return false;
            }
            byte[] mac = mac(secret);
            Entry known = entries.get(code);
            if (known != null && known.stored.equals(stored) && MessageDigest.isEqual(known.mac, mac)) {
                return true;
            }
            boolean ok = SecretHash.verify(secret, stored);
            if (ok) {
                if (entries.size() >= max) {
                    entries.clear(); // rare: more devices than the bound; they verify slowly once more
                }
                entries.put(code, new Entry(stored, mac));
            }
            return ok;
        }

        private byte[] mac(String secret) {
            try {
                javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
                hmac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
                return hmac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java 17 has HmacSHA256", e);
            }
        }
    }

    /** Checks a new secret's length. @throws IllegalArgumentException saying what is wrong */
    static void check(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A device secret has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters");
        }
        if (secret.isBlank() || secret.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A device secret has no control characters and is not blank");
        }
    }

    static String hash(String secret) {
        return hash(secret, ITERATIONS);
    }

    static String hash(String secret, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(secret, salt, iterations));
    }

    /** Whether {@code secret} matches {@code stored}; a {@code null} or malformed stored value never matches. */
    static boolean verify(String secret, String stored) {
        if (secret == null) {
            return false;
        }
        String[] parts = (stored == null ? DUMMY : stored).split("\\$");
        boolean ok;
        try {
            if (parts.length != 4 || !SCHEME.equals(parts[0])) {
                parts = DUMMY.split("\\$");
                stored = null;
            }
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            ok = MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return ok && stored != null;
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
