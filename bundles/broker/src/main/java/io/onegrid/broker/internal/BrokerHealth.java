package io.onegrid.broker.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code broker} in {@code /health}: DOWN with the reason when the embedded broker should run but does not (its port
 * is taken, its users are malformed), since then no device can report; UP while it listens or when it is disabled.
 */
@Component(service = HealthIndicator.class)
public final class BrokerHealth implements HealthIndicator {

    private final EmbeddedBroker broker;

    @Activate
    public BrokerHealth(@Reference EmbeddedBroker broker) {
        this.broker = broker;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public Health check() {
        String problem = broker.problem();
        return problem == null ? Health.up(broker.details()) : Health.down(problem, broker.details());
    }
}
