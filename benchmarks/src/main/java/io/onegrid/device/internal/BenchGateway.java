package io.onegrid.device.internal;

import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/** The device gateway's real registry and MQTT consumers, built for the flood bench outside OSGi. */
public final class BenchGateway {

    private BenchGateway() {
    }

    /** The JDBC registry with the defaults of {@code io.onegrid.device} (10 min heartbeat, last seen every 10 s). */
    public static DeviceRegistry registry(DataSource db) {
        return new JdbcDeviceRegistry(db, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    /** camel-paho consumers on {@code camel} (started), with {@code io.onegrid.device.mqtt}'s defaults but the URL. */
    public static MqttConsumers consumers(CamelContext camel, String brokerUrl, DeviceRegistry registry) {
        MqttConfig config = (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(),
                new Class<?>[] {MqttConfig.class}, (p, m, args) -> switch (m.getName()) {
                    case "brokerUrl" -> brokerUrl;
                    case "annotationType" -> MqttConfig.class;
                    default -> m.getDefaultValue();
                });
        return new CamelMqttConsumers(camel, config, registry);
    }

    /** Stops the consumers' routes and retries (what DS does on deactivation). */
    public static void close(MqttConsumers consumers) {
        ((CamelMqttConsumers) consumers).deactivate();
    }
}
