package io.onegrid.device.opcua.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.device.opcua.api.OpcUaSubscriptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code opcua} in {@code /health}: always UP, since a field server going away is the devices' trouble, not
 * OneGrid's; each subscription's state (SUBSCRIBED, CONNECTING, WAITING with the reason and the next attempt), its
 * values and its refused values by reason are details.
 */
@Component(service = HealthIndicator.class)
public final class OpcUaHealth implements HealthIndicator {

    private final OpcUaSubscriptions subscriptions;

    @Activate
    public OpcUaHealth(@Reference OpcUaSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public String name() {
        return "opcua";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (subscriptions instanceof MiloOpcUaSubscriptions milo) {
            details.put("security", milo.settings().policy() + "/" + milo.settings().mode());
            details.put("subscriptions", milo.state());
        }
        return Health.up(details);
    }
}
