package io.onegrid.device.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.security.Caller;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import io.onegrid.device.api.Sl651Codec;
import io.onegrid.device.api.Sl651Frame;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.Socket;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener on a free port with a real socket: frames handed on, ENQ confirmed, bad frames counted. */
class Sl651ListenerTest {

    /** DOMAIN.md's test vector. */
    static final String VECTOR = "7E7E010012345678123430002B020003591011154947F1F1001234567848F0F0591011154920190000"
            + "052619000005392300000127381211150320FA";

    final Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    final List<Sl651Frame> frames = new CopyOnWriteArrayList<>();
    Sl651Listener listener;

    @BeforeEach
    void start() {
        listener = new Sl651Listener(registry(), config());
        listener.addHandler((frame, remote) -> frames.add(frame));
        assertTrue(listener.port() > 0, listener.state());
    }

    @AfterEach
    void stop() {
        listener.deactivate();
    }

    @Test
    void framesAreHandedOnAndEnqIsConfirmedAndBadOnesCounted() throws Exception {
        try (Socket s = new Socket("127.0.0.1", listener.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(HexFormat.of().parseHex(VECTOR));
            out.write(HexFormat.of().parseHex(VECTOR.substring(0, VECTOR.length() - 4) + "0000")); // wrong CRC
            out.write(HexFormat.of().parseHex(enq()));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] ack = in.readNBytes(25);
            assertEquals(25, ack.length);
            assertEquals("7E7E0012345678011234308008020003", HexFormat.of().withUpperCase().formatHex(ack, 0, 16));
            await(() -> frames.size() == 2);
            assertEquals(new BigDecimal("0.127"), frames.get(0).waterLevel().orElseThrow());
            assertEquals(1, rejected.get(RejectReason.BAD_CHECKSUM));

            // a stream that is not SL 651 at all: counted, and the connection closed
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            out.flush();
            assertEquals(-1, in.read());
            await(() -> rejected.getOrDefault(RejectReason.MALFORMED, 0) == 1);
        }
    }

    /** The vector's body ended by ENQ, with its CRC. */
    static String enq() {
        String head = VECTOR.substring(0, VECTOR.length() - 6) + "05";
        byte[] b = HexFormat.of().parseHex(head);
        return head + String.format("%04X", Sl651Codec.crc16(b, 0, b.length));
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean());
    }

    static Sl651Config config() {
        return (Sl651Config) Proxy.newProxyInstance(Sl651Config.class.getClassLoader(),
                new Class<?>[] {Sl651Config.class}, (p, m, args) -> switch (m.getName()) {
                    case "host" -> "127.0.0.1";
                    case "port" -> 0;
                    default -> m.getDefaultValue();
                });
    }

    DeviceRegistry registry() {
        return new DeviceRegistry() {
            @Override
            public Device register(Device device) {
                return device;
            }

            @Override
            public Optional<Device> find(String code) {
                return Optional.empty();
            }

            @Override
            public List<Device> list(Caller caller) {
                return List.of();
            }

            @Override
            public void seen(String code, Instant at) {
            }

            @Override
            public synchronized void reject(RejectReason reason, String source, String detail) {
                rejected.merge(reason, 1, Integer::sum);
            }

            @Override
            public Map<RejectReason, Long> rejections() {
                return Map.of();
            }
        };
    }
}
