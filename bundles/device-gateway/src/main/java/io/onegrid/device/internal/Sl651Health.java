package io.onegrid.device.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code sl651} in {@code /health}: always UP (stations are optional); whether the listener listens is a detail. */
@Component(service = HealthIndicator.class)
public final class Sl651Health implements HealthIndicator {

    private final Sl651Listener listener;

    @Activate
    public Sl651Health(@Reference Sl651Listener listener) {
        this.listener = listener;
    }

    @Override
    public String name() {
        return "sl651";
    }

    @Override
    public Health check() {
        return Health.up(Map.of("listener", listener.state()));
    }
}
