package io.onegrid.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.onegrid.device.api.DeviceRegistry;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker on a free port, with Paho clients: who gets in, messages flow, ports are freed and taken. */
class EmbeddedBrokerTest {

    private EmbeddedBroker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.deactivate();
        }
    }

    @Test
    void localClientsWithoutCredentialsExchangeMessages() throws Exception {
        int port = freePort();
        broker = start(Map.of("port", port));
        assertNull(broker.problem());
        assertEquals("listening", broker.details().get("state"));

        MqttClient subscriber = connect("127.0.0.1", port, null, null);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        subscriber.subscribe("onegrid/+/flood/+/level", 1,
                (topic, msg) -> received.add(topic + " " + new String(msg.getPayload(), StandardCharsets.UTF_8)));
        MqttClient publisher = connect("127.0.0.1", port, null, null);
        publisher.publish("onegrid/370399101000/flood/WL-0001/level",
                "{\"level\":2.5}".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("onegrid/370399101000/flood/WL-0001/level {\"level\":2.5}", received.poll(10, TimeUnit.SECONDS));
        assertEquals(2, broker.details().get("connectedClients"));
        publisher.disconnect();
        subscriber.disconnect();
    }

    @Test
    void mqttOverWebSocketWhenAPortIsSet() throws Exception {
        int port = freePort();
        int ws = freePort();
        broker = start(Map.of("port", port, "websocketPort", ws));
        assertEquals("ws://0.0.0.0:" + ws + "/mqtt", broker.details().get("websocket"));
        MqttClient subscriber = connect("127.0.0.1", port, null, null);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        subscriber.subscribe("onegrid/ws", 1, (t, m) -> received.add(new String(m.getPayload(),
                StandardCharsets.UTF_8)));
        MqttClient browser = new MqttClient("ws://127.0.0.1:" + ws + "/mqtt", MqttClient.generateClientId(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        browser.connect(options);
        browser.publish("onegrid/ws", "over websocket".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("over websocket", received.poll(10, TimeUnit.SECONDS));
        browser.disconnect();
        subscriber.disconnect();
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnection() throws Exception {
        int port = freePort();
        broker = start(Map.of("port", port, "maxMessageBytes", 1024));
        MqttClient client = connect("127.0.0.1", port, null, null);
        client.publish("t", new byte[512], 0, false);
        assertThrows(MqttException.class, () -> {
            client.publish("t", new byte[4096], 1, false);
            client.publish("t", new byte[1], 1, false); // the connection is gone by now at the latest
        });
        client.close(true);
    }

    @Test
    void configuredUsersGetInAndEveryoneElseIsRefusedAndCounted() throws Exception {
        int port = freePort();
        broker = start(Map.of("port", port, "allowAnonymous", "never",
                "users", new String[] {"sensor1:pass1,sensor2:{sha256}" + BrokerAccess.sha256Hex("pass2")}));
        connect("127.0.0.1", port, "sensor1", "pass1").disconnect();
        connect("127.0.0.1", port, "sensor2", "pass2").disconnect();
        assertRefused("127.0.0.1", port, null, null);
        assertRefused("127.0.0.1", port, "sensor1", "pass2");
        assertRefused("127.0.0.1", port, "nobody", "pass1");
        assertEquals(3L, broker.details().get("refusedClients"));
        assertEquals(2, broker.details().get("users"));
    }

    @Test
    void aDeviceSignsInWithItsOwnSecretWhileTheRegistryIsBound() throws Exception {
        int port = freePort();
        broker = start(Map.of("port", port, "allowAnonymous", "never"));
        DeviceRegistry registry = (DeviceRegistry) java.lang.reflect.Proxy.newProxyInstance(
                DeviceRegistry.class.getClassLoader(), new Class<?>[] {DeviceRegistry.class}, (p, m, args) ->
                        m.getName().equals("verifyCredentials") ? "WL-0001".equals(args[0])
                                && "secret of gauge one".equals(args[1]) : null);
        ComponentServiceObjects<Object> service = new ComponentServiceObjects<>() {
            int users;

            @Override
            public Object getService() {
                users++;
                return registry;
            }

            @Override
            public void ungetService(Object s) {
                users--;
                assertEquals(0, users);
            }

            @Override
            public ServiceReference<Object> getServiceReference() {
                return null;
            }
        };
        assertRefused("127.0.0.1", port, "WL-0001", "secret of gauge one");
        broker.bindDevices(service);
        assertEquals(true, broker.details().get("deviceLogins"));
        connect("127.0.0.1", port, "WL-0001", "secret of gauge one").disconnect();
        assertRefused("127.0.0.1", port, "WL-0001", "secret of gauge two");
        broker.unbindDevices(service);
        assertRefused("127.0.0.1", port, "WL-0001", "secret of gauge one");
        assertEquals(false, broker.details().get("deviceLogins"));
    }

    @Test
    void anonymousClientsFromAnotherAddressAreRefusedByDefault() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        Assumptions.assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
        int port = freePort();
        broker = start(Map.of("port", port, "users", new String[] {"sensor1:pass1"}));
        String host = lan.get().getHostAddress();
        assertRefused(host, port, null, null);
        connect(host, port, "sensor1", "pass1").disconnect();
        connect("127.0.0.1", port, null, null).disconnect();
        assertEquals(1L, broker.details().get("refusedClients"));
    }

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("0.0.0.0", 0));
            broker = start(Map.of("port", other.getLocalPort()));
            assertNotNull(broker.problem());
            assertTrue(broker.problem().startsWith("port " + other.getLocalPort() + " on 0.0.0.0 is taken"),
                    broker.problem());
            assertTrue(broker.problem().contains("etc/io.onegrid.broker.cfg"), broker.problem());
            assertEquals("not running", broker.details().get("state"));
        }
    }

    @Test
    void malformedUsersKeepTheBrokerDownWithTheReason() {
        broker = start(Map.of("port", freePort(), "users", new String[] {"nocolon"}));
        assertEquals("etc/io.onegrid.broker.cfg: users entry 1 is not name:password", broker.problem());
    }

    @Test
    void disabledIsNotAProblem() {
        broker = start(Map.of("enabled", false));
        assertNull(broker.problem());
        assertEquals(Map.of("state", "disabled"), broker.details());
    }

    @Test
    void stoppingFreesThePortForTheNextStart() throws Exception {
        int port = freePort();
        for (int i = 0; i < 3; i++) {
            broker = start(Map.of("port", port));
            assertNull(broker.problem(), broker.problem());
            connect("127.0.0.1", port, null, null).disconnect();
            broker.deactivate();
            broker = null;
            assertThrows(IOException.class, () -> new Socket("127.0.0.1", port).close(), "nothing listens");
        }
    }

    @Test
    void withPersistenceRetainedMessagesSurviveARestart(@TempDir Path data) throws Exception {
        int port = freePort();
        Map<String, Object> cfg = Map.of("port", port, "persistence", true, "dataDirectory", data.toString());
        broker = start(cfg);
        assertEquals(data.toString(), broker.details().get("persistence"));
        MqttClient publisher = connect("127.0.0.1", port, null, null);
        publisher.publish("onegrid/state", "kept".getBytes(StandardCharsets.UTF_8), 1, true);
        publisher.disconnect();
        broker.deactivate();

        broker = start(cfg);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        MqttClient subscriber = connect("127.0.0.1", port, null, null);
        subscriber.subscribe("onegrid/state", 1, (t, m) -> received.add(new String(m.getPayload(),
                StandardCharsets.UTF_8)));
        assertEquals("kept", received.poll(10, TimeUnit.SECONDS));
        subscriber.disconnect();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static EmbeddedBroker start(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.putIfAbsent("host", "0.0.0.0");
        return new EmbeddedBroker(Configs.broker(all));
    }

    private static MqttClient connect(String host, int port, String user, String password) throws MqttException {
        MqttClient client = new MqttClient("tcp://" + host + ":" + port, MqttClient.generateClientId(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        // one attempt: by default Paho tries MQTT 3.1 again after a refusal, which would count twice
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
        return client;
    }

    private static void assertRefused(String host, int port, String user, String password) {
        MqttException refused = assertThrows(MqttException.class, () -> connect(host, port, user, password).close());
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode(), refused.toString());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
