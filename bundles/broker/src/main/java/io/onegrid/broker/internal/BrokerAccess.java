package io.onegrid.broker.internal;

import io.moquette.broker.PeerAwareBroker;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker. The default for a single box: programs on the same machine (the device
 * gateway, a local simulator, {@code mosquitto_pub}) connect without credentials; anything else must send a user
 * name and password from {@code users}. A client that sends a user name is always checked, whatever its address.
 * Passwords are compared in constant time; {@code {sha256}} entries keep the plain password out of the file.
 *
 * <p>With the device gateway installed, a device also gets in with its code as user name and its own secret
 * ({@code PUT /api/v1/devices/{code}/credentials}), checked by the device registry; a configured user of the same
 * name wins.
 */
final class BrokerAccess implements PeerAwareBroker.PeerPolicy {

    /** Checks a device's own secret (the device registry, when the gateway is there). */
    @FunctionalInterface
    interface DeviceLogins {
        boolean verify(String deviceCode, String secret);
    }

    /** Who may connect without a user name. */
    enum Anonymous { LOOPBACK, ALWAYS, NEVER }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerAccess.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;
    private static final String SHA256 = "{sha256}";
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    private final Anonymous anonymous;
    /** user name → SHA-256 of the password */
    private final Map<String, byte[]> users;
    private final AtomicLong refused = new AtomicLong();
    private volatile DeviceLogins devices;
    private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS - 1);

    private BrokerAccess(Anonymous anonymous, Map<String, byte[]> users) {
        this.anonymous = anonymous;
        this.users = users;
    }

    /**
     * Reads the configuration values.
     *
     * @throws IllegalArgumentException naming the bad value (the broker then does not start)
     */
    static BrokerAccess of(String allowAnonymous, String[] userEntries) {
        Anonymous mode;
        try {
            mode = Anonymous.valueOf(allowAnonymous.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("allowAnonymous must be loopback, always or never, not '"
                    + allowAnonymous + "'");
        }
        Map<String, byte[]> users = new LinkedHashMap<>();
        int n = 0;
        for (String value : userEntries == null ? new String[0] : userEntries) {
            // a .cfg file gives one string: entries separated by commas
            for (String entry : value.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                n++;
                int colon = e.indexOf(':');
                if (colon <= 0 || colon == e.length() - 1) {
                    throw new IllegalArgumentException("users entry " + n + " is not name:password");
                }
                String name = e.substring(0, colon);
                String secret = e.substring(colon + 1);
                byte[] hash;
                if (secret.startsWith(SHA256)) {
                    String hex = secret.substring(SHA256.length());
                    if (!HEX64.matcher(hex).matches()) {
                        throw new IllegalArgumentException("users entry " + n + " (" + name
                                + "): {sha256} must be followed by 64 hex digits");
                    }
                    hash = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
                } else {
                    hash = sha256(secret.getBytes(StandardCharsets.UTF_8));
                }
                if (users.put(name, hash) != null) {
                    throw new IllegalArgumentException("users entry " + n + ": user " + name + " appears twice");
                }
            }
        }
        return new BrokerAccess(mode, Map.copyOf(users));
    }

    @Override
    public boolean anonymousAllowed(SocketAddress peer) {
        return switch (anonymous) {
            case ALWAYS -> true;
            case NEVER -> false;
            case LOOPBACK -> isLoopback(peer);
        };
    }

    @Override
    public boolean credentialsValid(SocketAddress peer, String clientId, String userName, byte[] password) {
        byte[] expected = userName == null ? null : users.get(userName);
        DeviceLogins d = devices;
        if (expected == null && d != null && userName != null) {
            boolean ok;
            try {
                // the registry hashes slowly whether or not the device exists: timing tells nothing either
                ok = password != null && d.verify(userName, new String(password, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("Checking device {}'s credentials failed: {}", userName, e.toString());
                ok = false;
            }
            if (!ok) {
                refuse(peer, clientId, "unknown user or device, or wrong secret, for " + userName);
            }
            return ok;
        }
        // hash even for unknown users, so that timing does not tell which names exist
        byte[] given = sha256(password == null ? new byte[0] : password);
        boolean ok = expected != null && password != null && MessageDigest.isEqual(expected, given);
        if (!ok) {
            refuse(peer, clientId, expected == null ? "unknown user " + userName : "wrong password for " + userName);
        }
        return ok;
    }

    @Override
    public void anonymousRefused(SocketAddress peer, String clientId) {
        refuse(peer, clientId, "no user name, and anonymous clients are allowed "
                + (anonymous == Anonymous.NEVER ? "from nowhere" : "from this machine only"));
    }

    /** Counts and logs a refused client: one WARN a minute at most (a device retrying must not flood the log). */
    private void refuse(SocketAddress peer, String clientId, String why) {
        long n = refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarn.get();
        if (now - last > WARN_EVERY_NANOS && lastWarn.compareAndSet(last, now)) {
            LOG.warn("MQTT client {} from {} refused: {} ({} refused since start; more at DEBUG)", clientId, peer,
                    why, n);
        } else {
            LOG.debug("MQTT client {} from {} refused: {}", clientId, peer, why);
        }
    }

    /** Lets devices in with their own secrets ({@code null}: no longer). */
    void devices(DeviceLogins logins) {
        this.devices = logins;
    }

    boolean deviceLogins() {
        return devices != null;
    }

    long refused() {
        return refused.get();
    }

    Anonymous anonymous() {
        return anonymous;
    }

    int userCount() {
        return users.size();
    }

    static boolean isLoopback(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null
                && inet.getAddress().isLoopbackAddress();
    }

    static String sha256Hex(String password) {
        return HexFormat.of().formatHex(sha256(password.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
