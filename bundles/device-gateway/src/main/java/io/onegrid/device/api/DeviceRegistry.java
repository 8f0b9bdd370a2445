package io.onegrid.device.api;

import io.onegrid.api.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The devices that report to OneGrid, stored in the database ({@code og_device}), and the count of refused messages
 * per reason. Plugins register their devices here and call {@link #seen} for every accepted message and
 * {@link #reject} for every refused one, so that an operator sees in one place which devices are silent and what
 * arrives broken.
 */
@ProviderType
public interface DeviceRegistry {

    /**
     * Adds the device, or updates its kind, place and protocol when its code is known (last seen is kept).
     *
     * @return the stored device
     */
    Device register(Device device);

    /** The device, or empty. Not scope-checked: for plugins, not for callers. */
    Optional<Device> find(String code);

    /** The devices in the caller's scope (by their region), ordered by code. */
    List<Device> list(Caller caller);

    /** Records an accepted message from the device at {@code at}. Unknown codes are ignored. */
    void seen(String code, Instant at);

    /**
     * Counts a refused message and logs it (rate-limited) with the reason.
     *
     * @param source what sent it: a device code, an MQTT topic, a remote address
     * @param detail why, for the log
     */
    void reject(RejectReason reason, String source, String detail);

    /** Refused messages per reason since the gateway started, every reason present (0 when none). */
    Map<RejectReason, Long> rejections();

    /**
     * How long a device of this kind may stay silent before it counts as offline: the kind's own timeout from the
     * gateway's configuration ({@code io.onegrid.device}, {@code heartbeatTimeouts}), else the global one.
     *
     * @since 1.1
     */
    default Duration heartbeatTimeout(String kind) {
        return Duration.ofMinutes(10);
    }

    /**
     * Takes a device out of service: no longer listed (nor counted as offline); {@link #find} still answers it.
     * Registering it again puts it back in service.
     *
     * @return false when there is no such device in service
     * @since 1.1
     */
    default boolean retire(String code, Instant at) {
        return false;
    }

    /**
     * Sets (or replaces) the device's own secret, with which it signs in to the broker under its code as user name.
     * Only a slow salted hash is stored; no method ever returns it.
     *
     * @return false when there is no such device in service
     * @throws IllegalArgumentException when the secret is shorter than 12 or longer than 256 characters
     * @throws UnsupportedOperationException when this registry keeps no credentials
     * @since 1.2
     */
    default boolean setCredentials(String code, String secret) {
        throw new UnsupportedOperationException("This device registry keeps no credentials");
    }

    /**
     * Whether {@code secret} is the secret of the device {@code code}, in service. False for an unknown or retired
     * device, one without credentials, or a {@code null} secret.
     *
     * @since 1.2
     */
    default boolean verifyCredentials(String code, String secret) {
        return false;
    }

    /**
     * The codes of the devices in the caller's scope that have credentials (for listings).
     *
     * @since 1.2
     */
    default java.util.Set<String> withCredentials(Caller caller) {
        return java.util.Set.of();
    }
}
