package io.onegrid.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes test messages to an MQTT broker, as a device would. A small MQTT 3.1.1 client of its own (CONNECT,
 * PUBLISH with QoS 0 or 1, DISCONNECT), so that tests need neither a client library in the container nor
 * {@code mosquitto_pub} on the machine. QoS 1 waits for the broker's PUBACK: when {@link #publish} returns, the broker
 * has the message.
 *
 * <p>The broker is the one {@code onegrid.test.mqtt} names (the test kit sets it to the container's embedded broker),
 * else {@code tcp://127.0.0.1:1883}; it may name another
 * ({@code tcp://host:port}).
 */
public final class Mqtt {

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final int TIMEOUT_MILLIS = 5_000;

    private final String host;
    private final int port;

    private Mqtt(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The broker of the test run ({@code onegrid.test.mqtt}, default {@code tcp://127.0.0.1:1883}). */
    public static Mqtt broker() {
        return at(System.getProperty("onegrid.test.mqtt", "tcp://127.0.0.1:1883"));
    }

    /** The broker at {@code tcp://host:port}. */
    public static Mqtt at(String url) {
        URI uri = URI.create(url);
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a tcp://host:port broker URL: " + url);
        }
        return new Mqtt(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
    }

    /** The broker's URL, for a plugin's configuration ({@code brokerUrl}). */
    public String url() {
        return "tcp://" + host + ":" + port;
    }

    /** Whether the broker accepts a TCP connection (tests skip or fail clearly when it does not). */
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Publishes a UTF-8 text with QoS 1. */
    public void publish(String topic, String payload) throws IOException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1);
    }

    /**
     * Publishes one message in a session of its own.
     *
     * @param qos 0 (fire and forget) or 1 (returns after the broker's PUBACK)
     * @throws IOException when the broker refuses the connection or does not acknowledge in time
     */
    public void publish(String topic, byte[] payload, int qos) throws IOException {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("QoS 0 or 1, not " + qos);
        }
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("a topic name without wildcards: " + topic);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());

            ByteArrayOutputStream connect = new ByteArrayOutputStream();
            writeString(connect, "MQTT");
            connect.write(4); // protocol level 3.1.1
            connect.write(0x02); // clean session, no credentials
            connect.write(0);
            connect.write(30); // keep alive, seconds
            writeString(connect, "onegrid-test-" + ProcessHandle.current().pid() + "-" + CLIENTS.incrementAndGet());
            packet(out, 0x10, connect.toByteArray());
            int[] connack = read(in);
            if (connack[0] != 0x20 || connack.length < 3 || connack[2] != 0) {
                throw new IOException("the broker refused the connection (CONNACK return code "
                        + (connack.length > 2 ? connack[2] : -1) + ")");
            }

            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            writeString(publish, topic);
            int packetId = 1;
            if (qos == 1) {
                publish.write(packetId >> 8);
                publish.write(packetId & 0xFF);
            }
            publish.write(payload);
            packet(out, 0x30 | (qos << 1), publish.toByteArray());
            if (qos == 1) {
                int[] puback = read(in);
                if (puback[0] != 0x40 || ((puback[1] << 8) | puback[2]) != packetId) {
                    throw new IOException("expected PUBACK for packet " + packetId + ", got type 0x"
                            + Integer.toHexString(puback[0]));
                }
            }
            packet(out, 0xE0, new byte[0]); // DISCONNECT
        }
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 65_535) {
            throw new IllegalArgumentException("longer than 65535 bytes: " + text.substring(0, 40) + "...");
        }
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.write(bytes, 0, bytes.length);
    }

    private static void packet(OutputStream out, int header, byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(body.length + 5);
        frame.write(header);
        int remaining = body.length;
        do { // variable-length "remaining length", 7 bits per byte
            int digit = remaining % 128;
            remaining /= 128;
            frame.write(remaining > 0 ? digit | 0x80 : digit);
        } while (remaining > 0);
        frame.write(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads one packet: the header byte, then the body's bytes. */
    private static int[] read(InputStream in) throws IOException {
        int header = in.read();
        if (header < 0) {
            throw new EOFException("the broker closed the connection");
        }
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.read();
            if (digit < 0) {
                throw new EOFException("the broker closed the connection");
            }
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("the broker closed the connection inside a packet");
        }
        int[] packet = new int[1 + body.length];
        packet[0] = header;
        for (int i = 0; i < body.length; i++) {
            packet[i + 1] = body[i] & 0xFF;
        }
        return packet;
    }
}
