package io.onegrid.broker.internal;

import io.onegrid.device.api.DeviceRegistry;

/**
 * The only class of this bundle that uses the device gateway's API; loaded only once a {@link DeviceRegistry} is
 * bound, so that the broker starts without the gateway (its import of {@code io.onegrid.device.api} is optional).
 */
final class RegistryLogins {

    private RegistryLogins() {
    }

    static BrokerAccess.DeviceLogins of(Object registry) {
        DeviceRegistry devices = (DeviceRegistry) registry;
        return devices::verifyCredentials;
    }
}
