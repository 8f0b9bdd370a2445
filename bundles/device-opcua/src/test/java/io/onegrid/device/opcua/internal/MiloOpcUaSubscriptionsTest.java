package io.onegrid.device.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.security.Caller;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import io.onegrid.device.opcua.api.OpcUaRejection;
import io.onegrid.device.opcua.api.OpcUaSubscription;
import io.onegrid.device.opcua.api.OpcUaValue;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client service against a Milo server in the same JVM, on a free port. */
class MiloOpcUaSubscriptionsTest {

    @TempDir
    Path pki;

    private final Registry registry = new Registry();
    private final BlockingQueue<OpcUaValue> values = new LinkedBlockingQueue<>();
    private TestServer server;
    private MiloOpcUaSubscriptions service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.deactivate();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataChangesArriveBadValuesAreCountedAndTheServerComingBackIsFollowed() throws Exception {
        int port = freePort();
        server = new TestServer("127.0.0.1", port, List.of("WL-0001", "WL-0002"), null, null);
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.None, "", "", false), pki, "");
        OpcUaSubscription s = service.subscribe("levels", server.endpointUrl(),
                List.of(TestServer.nodeId("WL-0001"), TestServer.nodeId("WL-0002")), Duration.ofMillis(100),
                values::add);
        await("subscribed", () -> s.state() == OpcUaSubscription.State.SUBSCRIBED);
        values.clear(); // the initial values

        Instant at = Instant.parse("2026-07-01T00:05:00Z");
        server.level("WL-0001", 2.41, at);
        OpcUaValue v = next("WL-0001", 2.41);
        assertEquals(2.41, v.value(), 1e-9);
        assertEquals(at, v.sourceTime());
        assertEquals("levels", v.subscription());

        // a sensor fault, a text and a text that is a number: two refused with their reason, the third delivered
        server.raw("WL-0002", new DataValue(Variant.NULL_VALUE, new StatusCode(0x80000000L | 0x00910000L),
                new DateTime(at), DateTime.now()));
        server.raw("WL-0001", new DataValue(new Variant("broken"), StatusCode.GOOD, new DateTime(at.plusSeconds(1)),
                DateTime.now()));
        await("two refused", () -> registry.rejected.size() >= 2);
        server.raw("WL-0001", new DataValue(new Variant("1.75"), StatusCode.GOOD, new DateTime(at.plusSeconds(2)),
                DateTime.now()));
        assertEquals(1.75, next("WL-0001", 1.75).value(), 1e-9);
        Map<OpcUaRejection, Long> counted = ((MiloSubscription) s).rejections();
        assertEquals(1L, counted.get(OpcUaRejection.BAD_STATUS));
        assertEquals(1L, counted.get(OpcUaRejection.NOT_NUMERIC));
        assertTrue(registry.rejected.stream().allMatch(r -> r.startsWith("MALFORMED opcua " + server.endpointUrl())),
                registry.rejected.toString());

        // the server goes away: waiting (health shows why), then it comes back and the next change arrives
        server.close();
        server = null;
        await("the loss noticed", () -> s.state() != OpcUaSubscription.State.SUBSCRIBED);
        Thread.sleep(1500); // let a few attempts fail
        server = new TestServer("127.0.0.1", port, List.of("WL-0001", "WL-0002"), null, null);
        await("subscribed again", () -> s.state() == OpcUaSubscription.State.SUBSCRIBED);
        values.clear();
        server.level("WL-0002", 3.05, at.plusSeconds(60));
        assertEquals(3.05, next("WL-0002", 3.05).value(), 1e-9);
        Map<String, Object> health = service.state();
        assertTrue(health.toString().contains("SUBSCRIBED"), health.toString());

        s.close();
        assertEquals(OpcUaSubscription.State.CLOSED, s.state());
        assertTrue(service.state().isEmpty());
    }

    @Test
    void aListenerThatThrowsIsCountedAndTheNextValueStillArrives() throws Exception {
        int port = freePort();
        server = new TestServer("127.0.0.1", port, List.of("WL-0001"), null, null);
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.None, "", "", false), pki, "");
        OpcUaSubscription s = service.subscribe("picky", server.endpointUrl(), List.of(TestServer.nodeId("WL-0001")),
                Duration.ZERO, v -> {
                    if (v.value() > 5) {
                        throw new IllegalStateException("too high");
                    }
                    values.add(v);
                });
        await("subscribed", () -> s.state() == OpcUaSubscription.State.SUBSCRIBED);
        server.level("WL-0001", 9.0, Instant.now());
        await("the failure counted", () -> ((MiloSubscription) s).rejections()
                .get(OpcUaRejection.LISTENER_FAILED) == 1);
        server.level("WL-0001", 1.5, Instant.now());
        await("the next value", () -> values.stream().anyMatch(v -> v.value() == 1.5));
    }

    @Test
    void basic256Sha256NeedsTheServerTrustedUnlessUnknownOnesAreAccepted() throws Exception {
        int port = freePort();
        server = new TestServer("127.0.0.1", port, List.of("WL-0001"), "operator", "secret");
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.Basic256Sha256, "operator", "secret",
                false), pki, "");
        OpcUaSubscription refused = service.subscribe("strict", server.endpointUrl(),
                List.of(TestServer.nodeId("WL-0001")), values::add);
        await("refused and waiting", () -> refused.state() == OpcUaSubscription.State.WAITING);
        await("the server's certificate kept for review", () -> count(pki.resolve("rejected")) == 1);
        assertEquals(0, count(pki.resolve("trusted/certs")));
        service.deactivate();

        // the client keeps its certificate; accepting unknown servers trusts this one on first use
        byte[] clientCert = Files.readAllBytes(pki.resolve("own/cert.pem"));
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.Basic256Sha256, "operator", "secret",
                true), pki, "");
        assertArrayEquals(clientCert, Files.readAllBytes(pki.resolve("own/cert.pem")), "generated once");
        OpcUaSubscription s = service.subscribe("tofu", server.endpointUrl(), List.of(TestServer.nodeId("WL-0001")),
                Duration.ofMillis(100), values::add);
        await("subscribed with encryption", () -> s.state() == OpcUaSubscription.State.SUBSCRIBED);
        assertEquals(1, count(pki.resolve("trusted/certs")));
        server.level("WL-0001", 2.2, Instant.now());
        assertEquals(2.2, nextValue(2.2).value(), 1e-9);
        service.deactivate();

        // now trusted, it is accepted even with the strict policy; a wrong password is not
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.Basic256Sha256, "operator", "secret",
                false), pki, "");
        OpcUaSubscription trusted = service.subscribe("trusted", server.endpointUrl(),
                List.of(TestServer.nodeId("WL-0001")), values::add);
        await("subscribed, trusted", () -> trusted.state() == OpcUaSubscription.State.SUBSCRIBED);
        service.deactivate();
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.Basic256Sha256, "operator", "wrong",
                false), pki, "");
        OpcUaSubscription denied = service.subscribe("denied", server.endpointUrl(),
                List.of(TestServer.nodeId("WL-0001")), values::add);
        await("refused: wrong password", () -> denied.state() == OpcUaSubscription.State.WAITING);
        assertTrue(denied.detail().contains("next attempt in"), denied.detail());
    }

    @Test
    void mistakesAreRefusedAtOnce() throws Exception {
        service = new MiloOpcUaSubscriptions(registry, settings(SecurityPolicy.None, "", "", false), pki, "");
        assertThrows(IllegalArgumentException.class, () -> service.subscribe("a", "http://x", List.of("ns=2;i=1"),
                values::add));
        assertThrows(IllegalArgumentException.class, () -> service.subscribe("a", "opc.tcp://127.0.0.1:1/x",
                List.of("not a node"), values::add));
        assertThrows(IllegalArgumentException.class, () -> service.subscribe("a", "opc.tcp://127.0.0.1:1/x",
                List.of(), values::add));
        service.subscribe("a", "opc.tcp://127.0.0.1:1/x", List.of("ns=2;i=1"), values::add);
        assertThrows(IllegalArgumentException.class, () -> service.subscribe("a", "opc.tcp://127.0.0.1:1/x",
                List.of("ns=2;i=1"), values::add), "the name is taken");
    }

    @Test
    void retryDelaysDoubleUpToTheMaximum() {
        ClientSettings s = settings(SecurityPolicy.None, "", "", false);
        assertEquals(List.of(1L, 2L, 4L, 5L, 5L), List.of(s.retryDelay(0).toSeconds(), s.retryDelay(1).toSeconds(),
                s.retryDelay(2).toSeconds(), s.retryDelay(3).toSeconds(), s.retryDelay(40).toSeconds()));
    }

    private static ClientSettings settings(SecurityPolicy policy, String user, String password, boolean accept) {
        return new ClientSettings(policy, policy == SecurityPolicy.None ? MessageSecurityMode.None
                : MessageSecurityMode.SignAndEncrypt, user, password, accept, Duration.ofMillis(100), 100, 5000,
                Duration.ofSeconds(5));
    }

    /** The next value of the node equal to {@code expected}; others (the initial values) are skipped. */
    private OpcUaValue next(String node, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            OpcUaValue v = values.poll(1, TimeUnit.SECONDS);
            if (v != null && v.nodeId().equals(TestServer.nodeId(node)) && v.value() == expected) {
                return v;
            }
        }
        throw new AssertionError("no value of " + node);
    }

    private OpcUaValue nextValue(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            OpcUaValue v = values.poll(1, TimeUnit.SECONDS);
            if (v != null && v.value() == expected) {
                return v;
            }
        }
        throw new AssertionError("no value " + expected);
    }

    private static long count(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited 30 s for " + what);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Records rejections; the rest is not used by the OPC UA client. */
    static final class Registry implements DeviceRegistry {
        final List<String> rejected = new CopyOnWriteArrayList<>();

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
        public void reject(RejectReason reason, String source, String detail) {
            rejected.add(reason + " " + source + " " + detail);
        }

        @Override
        public Map<RejectReason, Long> rejections() {
            return Map.of();
        }
    }
}
