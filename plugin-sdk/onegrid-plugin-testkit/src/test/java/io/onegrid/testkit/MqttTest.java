package io.onegrid.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The publisher against a scripted broker that checks the bytes of MQTT 3.1.1 and answers like a broker. */
class MqttTest {

    /** One packet as the broker read it. */
    record Packet(int header, byte[] body) {
    }

    /** Accepts one connection, reads packets until DISCONNECT or EOF, answers CONNACK (with {@code code}) and PUBACK. */
    static CompletableFuture<List<Packet>> broker(ServerSocket server, int connackCode) {
        return CompletableFuture.supplyAsync(() -> {
            List<Packet> packets = new ArrayList<>();
            try (Socket s = server.accept()) {
                InputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int header = in.read();
                    if (header < 0) {
                        return packets;
                    }
                    int length = 0;
                    int multiplier = 1;
                    int digit;
                    do {
                        digit = in.read();
                        length += (digit & 0x7F) * multiplier;
                        multiplier *= 128;
                    } while ((digit & 0x80) != 0);
                    byte[] body = in.readNBytes(length);
                    packets.add(new Packet(header, body));
                    switch (header & 0xF0) {
                        case 0x10 -> {
                            out.write(new byte[] {0x20, 2, 0, (byte) connackCode});
                            if (connackCode != 0) {
                                return packets;
                            }
                        }
                        case 0x30 -> {
                            if ((header & 0x06) == 0x02) {
                                int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                                out.write(new byte[] {0x40, 2, body[2 + topicLength], body[3 + topicLength]});
                            }
                        }
                        case 0xE0 -> {
                            return packets;
                        }
                        default -> throw new IllegalStateException("unexpected packet " + header);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void publishesWithQos1AndWaitsForTheAcknowledgement() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<List<Packet>> seen = broker(server, 0);
            Mqtt mqtt = Mqtt.at("tcp://127.0.0.1:" + server.getLocalPort());
            assertEquals("tcp://127.0.0.1:" + server.getLocalPort(), mqtt.url());
            String payload = "{\"level\":2.41,\"站\":\"WL-0001\"}".repeat(10); // > 127 bytes: two-byte length
            mqtt.publish("onegrid/370399101000/flood/WL-0001/level", payload);

            List<Packet> packets = seen.get(5, TimeUnit.SECONDS);
            assertEquals(List.of(0x10, 0x32, 0xE0), packets.stream().map(Packet::header).toList());
            byte[] connect = packets.get(0).body();
            assertEquals("MQTT", new String(connect, 2, 4, StandardCharsets.US_ASCII));
            assertEquals(4, connect[6], "protocol level 3.1.1");
            assertEquals(0x02, connect[7], "clean session");
            byte[] publish = packets.get(1).body();
            String topic = "onegrid/370399101000/flood/WL-0001/level";
            assertEquals(topic.length(), ((publish[0] & 0xFF) << 8) | (publish[1] & 0xFF));
            assertEquals(topic, new String(publish, 2, topic.length(), StandardCharsets.UTF_8));
            byte[] body = java.util.Arrays.copyOfRange(publish, 2 + topic.length() + 2, publish.length);
            assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), body);
        }
    }

    @Test
    void qos0SendsNoPacketIdentifier() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<List<Packet>> seen = broker(server, 0);
            Mqtt.at("tcp://127.0.0.1:" + server.getLocalPort()).publish("a/b", new byte[] {1, 2, 3}, 0);
            Packet publish = seen.get(5, TimeUnit.SECONDS).get(1);
            assertEquals(0x30, publish.header());
            assertArrayEquals(new byte[] {0, 3, 'a', '/', 'b', 1, 2, 3}, publish.body());
        }
    }

    @Test
    void aRefusedConnectionIsAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            broker(server, 5); // not authorised
            IOException e = assertThrows(IOException.class,
                    () -> Mqtt.at("tcp://127.0.0.1:" + server.getLocalPort()).publish("a/b", "x"));
            assertTrue(e.getMessage().contains("return code 5"), e.getMessage());
        }
    }

    @Test
    void refusesBadArguments() {
        Mqtt mqtt = Mqtt.at("tcp://127.0.0.1:1");
        assertThrows(IllegalArgumentException.class, () -> mqtt.publish("a/+/b", "x"));
        assertThrows(IllegalArgumentException.class, () -> mqtt.publish("a/b", new byte[0], 2));
        assertThrows(IllegalArgumentException.class, () -> Mqtt.at("http://127.0.0.1:1883"));
        assertFalse(mqtt.answers());
    }
}
