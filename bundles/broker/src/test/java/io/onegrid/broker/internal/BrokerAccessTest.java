package io.onegrid.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BrokerAccessTest {

    static final InetSocketAddress LOCAL4 = new InetSocketAddress("127.0.0.1", 50000);
    static final InetSocketAddress LOCAL6 = new InetSocketAddress("::1", 50000);
    static final InetSocketAddress LAN = new InetSocketAddress("192.168.1.20", 50000);

    @Test
    void anonymousOnlyFromThisMachineByDefault() {
        BrokerAccess access = BrokerAccess.of("loopback", new String[0]);
        assertTrue(access.anonymousAllowed(LOCAL4));
        assertTrue(access.anonymousAllowed(LOCAL6));
        assertTrue(access.anonymousAllowed(new InetSocketAddress("127.0.0.2", 1)));
        assertFalse(access.anonymousAllowed(LAN));
        assertFalse(access.anonymousAllowed(null));
        access.anonymousRefused(LAN, "sensor");
        assertEquals(1, access.refused());
    }

    @Test
    void alwaysAndNever() {
        assertTrue(BrokerAccess.of("ALWAYS", null).anonymousAllowed(LAN));
        assertFalse(BrokerAccess.of(" never ", null).anonymousAllowed(LOCAL4));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BrokerAccess.of("sometimes", null));
        assertTrue(bad.getMessage().contains("loopback, always or never"), bad.getMessage());
    }

    @Test
    void usersWithPlainAndHashedPasswordsFromAnyAddress() {
        String hash = BrokerAccess.sha256Hex("s3cret:with colon");
        // one .cfg string with commas, and a second array element
        BrokerAccess access = BrokerAccess.of("never",
                new String[] {"sensor1:pass1, sensor2:{sha256}" + hash.toUpperCase(), "sensor3:x"});
        assertEquals(3, access.userCount());
        assertTrue(access.credentialsValid(LAN, "c", "sensor1", bytes("pass1")));
        assertTrue(access.credentialsValid(LAN, "c", "sensor2", bytes("s3cret:with colon")));
        assertTrue(access.credentialsValid(LOCAL4, "c", "sensor3", bytes("x")));
        assertEquals(0, access.refused());

        assertFalse(access.credentialsValid(LOCAL4, "c", "sensor1", bytes("pass2")), "wrong password, even locally");
        assertFalse(access.credentialsValid(LAN, "c", "sensor1", null), "no password");
        assertFalse(access.credentialsValid(LAN, "c", "nobody", bytes("pass1")), "unknown user");
        assertFalse(access.credentialsValid(LAN, "c", "sensor2", bytes(hash)), "the hash is not the password");
        assertEquals(4, access.refused());
    }

    @Test
    void malformedUsersAreRefusedWithTheirNumber() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrokerAccess.of("loopback",
                new String[] {"a:b, justaname"})).getMessage().contains("users entry 2 is not name:password"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrokerAccess.of("loopback",
                new String[] {":nopass"})).getMessage().contains("entry 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrokerAccess.of("loopback",
                new String[] {"a:{sha256}abc"})).getMessage().contains("64 hex digits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BrokerAccess.of("loopback",
                new String[] {"a:x", "a:y"})).getMessage().contains("appears twice"));
        assertEquals(0, BrokerAccess.of("loopback", new String[] {" , "}).userCount());
    }

    /** A registry that knows two devices' secrets, counting the checks. */
    static final class FakeDevices implements BrokerAccess.DeviceLogins {
        final java.util.Map<String, String> secrets = new java.util.HashMap<>(java.util.Map.of(
                "WL-0001", "secret of gauge one", "sensor1", "device secret"));
        int checks;

        @Override
        public boolean verify(String code, String secret) {
            checks++;
            return secret != null && secret.equals(secrets.get(code));
        }
    }

    @Test
    void devicesGetInWithTheirOwnSecretsWhileARegistryIsBound() {
        BrokerAccess access = BrokerAccess.of("never", new String[] {"sensor1:pass1"});
        assertFalse(access.deviceLogins());
        assertFalse(access.credentialsValid(LAN, "c", "WL-0001", bytes("secret of gauge one")), "no registry yet");

        FakeDevices devices = new FakeDevices();
        access.devices(devices);
        assertTrue(access.deviceLogins());
        assertTrue(access.credentialsValid(LAN, "c", "WL-0001", bytes("secret of gauge one")));
        assertFalse(access.credentialsValid(LAN, "c", "WL-0001", bytes("secret of gauge two")), "wrong secret");
        assertFalse(access.credentialsValid(LAN, "c", "WL-0001", null), "no secret");
        assertFalse(access.credentialsValid(LAN, "c", "WL-0404", bytes("secret of gauge one")), "unknown device");
        assertTrue(access.credentialsValid(LAN, "c", "sensor1", bytes("pass1")), "a configured user is not a device");
        assertFalse(access.credentialsValid(LAN, "c", "sensor1", bytes("device secret")), "the configured user wins");
        assertEquals(3, devices.checks, "the registry is asked for names not configured, and only with a secret");
        assertEquals(5, access.refused(), "every refusal counted, the one before the registry too");

        access.devices((code, secret) -> {
            throw new IllegalStateException("database down");
        });
        assertFalse(access.credentialsValid(LAN, "c", "WL-0001", bytes("secret of gauge one")), "fails closed");

        access.devices(null);
        assertFalse(access.credentialsValid(LAN, "c", "WL-0001", bytes("secret of gauge one")), "unbound again");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
