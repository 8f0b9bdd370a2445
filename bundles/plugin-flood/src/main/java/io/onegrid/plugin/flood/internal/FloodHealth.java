package io.onegrid.plugin.flood.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code flood} in {@code /health}: always UP (the readings' way is the broker's business, shown under {@code mqtt});
 * how many readings wait for the writer and how many were stored since start, so a backlog shows.
 */
@Component(service = HealthIndicator.class)
public final class FloodHealth implements HealthIndicator {

    private final FloodService flood;

    @Activate
    public FloodHealth(@Reference FloodService flood) {
        this.flood = flood;
    }

    @Override
    public String name() {
        return "flood";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queued", flood.queued());
        details.put("stored", flood.stored.get());
        details.put("batchSize", flood.config().ingestBatchSize());
        return Health.up(details);
    }
}
