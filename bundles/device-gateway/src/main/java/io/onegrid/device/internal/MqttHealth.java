package io.onegrid.device.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mqtt} in {@code /health}: always UP, since the broker is optional (a fresh single box has none, and the core
 * works without it); whether each subscription is connected, and the refused messages, are details.
 */
@Component(service = HealthIndicator.class)
public final class MqttHealth implements HealthIndicator {

    private final MqttConsumers consumers;
    private final DeviceRegistry registry;

    @Activate
    public MqttHealth(@Reference MqttConsumers consumers, @Reference DeviceRegistry registry) {
        this.consumers = consumers;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "mqtt";
    }

    @Override
    public Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("broker", consumers.brokerUrl());
        if (consumers instanceof CamelMqttConsumers camel) {
            details.put("subscriptions", camel.state());
        }
        Map<String, Object> rejected = new LinkedHashMap<>();
        registry.rejections().forEach((r, n) -> rejected.put(r.name(), n));
        details.put("rejected", rejected);
        return Health.up(details);
    }
}
