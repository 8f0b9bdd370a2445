package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttPublishException;
import io.onegrid.device.api.MqttSubscription;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher against the machine's Mosquitto (127.0.0.1:1883), received back through the gateway's camel-paho
 * consumers. Skipped where no broker answers, unless {@code CI=true}, where that is a failure.
 */
class MqttPublisherTest {

    static final String LOCAL = "tcp://127.0.0.1:1883";

    DefaultCamelContext camel;
    CamelMqttConsumers consumers;
    PahoMqttPublisher publisher;
    final String base = "onegrid-test/" + UUID.randomUUID();

    static MqttConfig config(String brokerUrl) {
        return (MqttConfig) Proxy.newProxyInstance(MqttConfig.class.getClassLoader(), new Class<?>[] {MqttConfig.class},
                (p, m, args) -> switch (m.getName()) {
                    case "brokerUrl" -> brokerUrl;
                    case "maxRetrySeconds" -> 1;
                    case "annotationType" -> MqttConfig.class;
                    default -> m.getDefaultValue();
                });
    }

    static void requireBroker() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 1000);
        } catch (java.io.IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but no MQTT broker on 127.0.0.1:1883", e);
            }
            Assumptions.abort("No MQTT broker on 127.0.0.1:1883");
        }
    }

    @BeforeEach
    void setUp() {
        requireBroker();
        camel = new DefaultCamelContext();
        camel.start();
        DeviceRegistry noRegistry = (DeviceRegistry) Proxy.newProxyInstance(DeviceRegistry.class.getClassLoader(),
                new Class<?>[] {DeviceRegistry.class}, (p, m, args) -> null);
        consumers = new CamelMqttConsumers(camel, config(LOCAL), noRegistry);
        publisher = new PahoMqttPublisher(config(LOCAL));
    }

    @AfterEach
    void tearDown() {
        if (publisher != null) {
            publisher.deactivate();
        }
        if (consumers != null) {
            consumers.deactivate();
        }
    }

    MqttSubscription subscribe(String filter, BlockingQueue<Map.Entry<String, byte[]>> received) throws Exception {
        MqttSubscription s = consumers.subscribe("pub-test", filter, (t, p) -> received.add(Map.entry(t, p)));
        for (int i = 0; i < 100 && !s.running(); i++) {
            Thread.sleep(100);
        }
        assertTrue(s.running(), "the consumer connected");
        return s;
    }

    @Test
    void publishedMessagesComeBackThroughTheConsumers() throws Exception {
        BlockingQueue<Map.Entry<String, byte[]>> received = new LinkedBlockingQueue<>();
        subscribe(base + "/+/cmd", received);
        byte[] payload = "{\"open\":true}".getBytes(StandardCharsets.UTF_8);
        for (int qos = 0; qos <= 2; qos++) {
            publisher.publish(base + "/WL-000" + qos + "/cmd", payload, qos, false);
            Map.Entry<String, byte[]> m = received.poll(10, TimeUnit.SECONDS);
            assertEquals(base + "/WL-000" + qos + "/cmd", m == null ? null : m.getKey(), "QoS " + qos);
            assertArrayEquals(payload, m.getValue());
        }
    }

    @Test
    void aRetainedMessageReachesALaterSubscriberAndAnEmptyOneClearsIt() throws Exception {
        String topic = base + "/setpoint";
        publisher.publish(topic, "2.5".getBytes(StandardCharsets.UTF_8), 1, true);
        BlockingQueue<Map.Entry<String, byte[]>> received = new LinkedBlockingQueue<>();
        MqttSubscription s = subscribe(topic, received);
        Map.Entry<String, byte[]> m = received.poll(10, TimeUnit.SECONDS);
        assertEquals("2.5", m == null ? null : new String(m.getValue(), StandardCharsets.UTF_8));
        s.close();
        publisher.publish(topic, new byte[0], 1, true); // leave the broker as found
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyConnection() {
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(base + "/+/cmd", new byte[1], 1, false));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(base + "/#", new byte[1], 1, false));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish("", new byte[1], 1, false));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(base, new byte[1], 3, false));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(base, null, 1, false));
    }

    @Test
    void anUnreachableBrokerIsAClearError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        PahoMqttPublisher nowhere = new PahoMqttPublisher(config("tcp://127.0.0.1:" + port));
        try {
            MqttPublishException e = assertThrows(MqttPublishException.class,
                    () -> nowhere.publish(base + "/x", new byte[1], 1, false));
            assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + port), e.getMessage());
        } finally {
            nowhere.deactivate();
        }
        publisher.deactivate();
        assertTrue(assertThrows(MqttPublishException.class, () -> publisher.publish(base + "/x", new byte[1], 1,
                false)).getMessage().contains("closed"));
    }
}
