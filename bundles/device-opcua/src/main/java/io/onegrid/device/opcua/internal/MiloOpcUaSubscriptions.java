package io.onegrid.device.opcua.internal;

import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import io.onegrid.device.opcua.api.OpcUaListener;
import io.onegrid.device.opcua.api.OpcUaRejection;
import io.onegrid.device.opcua.api.OpcUaSubscription;
import io.onegrid.device.opcua.api.OpcUaSubscriptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.stack.core.Stack;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OPC UA client service on Eclipse Milo (embedded in this bundle). Holds the PKI directory and the connection
 * settings; each subscription gets its own session (see {@link MiloSubscription}). Refused values are counted per
 * subscription and reason, logged (at most one line per subscription, node and reason a minute) and counted in the
 * device registry as {@link RejectReason#MALFORMED} with the reason in the detail.
 */
@Component(service = OpcUaSubscriptions.class, configurationPid = "io.onegrid.device.opcua")
@Designate(ocd = OpcUaConfig.class)
public final class MiloOpcUaSubscriptions implements OpcUaSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(MiloOpcUaSubscriptions.class);

    private final DeviceRegistry devices;
    private final ClientSettings settings;
    private final ClientPki pki;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, MiloSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    @Activate
    public MiloOpcUaSubscriptions(@Reference DeviceRegistry devices, OpcUaConfig config) throws Exception {
        this(devices, ClientSettings.of(config), config.pkiDirectory().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "opcua", "pki")
                : Path.of(config.pkiDirectory().trim()), config.applicationUri().trim());
    }

    MiloOpcUaSubscriptions(DeviceRegistry devices, ClientSettings settings, Path pkiDir, String applicationUri)
            throws Exception {
        this.devices = devices;
        this.settings = settings;
        // Milo's classes are private to this bundle; make sure they load from it whatever thread calls
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        try {
            this.pki = new ClientPki(pkiDir, applicationUri);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        AtomicInteger n = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "onegrid-opcua-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        LOG.info("OPC UA client ready: {}/{}, identity {}, PKI {}", settings.policy(), settings.mode(),
                settings.userName().isEmpty() ? "anonymous" : "user " + settings.userName(), pki.directory());
    }

    @Override
    public OpcUaSubscription subscribe(String name, String endpointUrl, List<String> nodeIds,
            OpcUaListener listener) {
        return subscribe(name, endpointUrl, nodeIds, settings.defaultSampling(), listener);
    }

    @Override
    public OpcUaSubscription subscribe(String name, String endpointUrl, List<String> nodeIds,
            Duration samplingInterval, OpcUaListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a subscription needs a name");
        }
        URI uri;
        try {
            uri = URI.create(endpointUrl.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an endpoint URL: " + endpointUrl);
        }
        if (!"opc.tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("an endpoint URL is opc.tcp://host:port/path, not " + endpointUrl);
        }
        if (nodeIds == null || nodeIds.isEmpty()) {
            throw new IllegalArgumentException("subscription " + name + " names no node");
        }
        List<NodeId> parsed = new ArrayList<>();
        for (String id : nodeIds) {
            parsed.add(NodeId.parseSafe(id == null ? "" : id.trim()).orElseThrow(() ->
                    new IllegalArgumentException("not an OPC UA node id: " + id + " (e.g. ns=2;s=WL-0001/level)")));
        }
        if (samplingInterval == null || samplingInterval.isNegative()) {
            throw new IllegalArgumentException("the sampling interval must be zero or more");
        }
        MiloSubscription s = new MiloSubscription(name, uri.toString(), nodeIds, parsed, samplingInterval, listener,
                settings, pki, scheduler, this::rejected, () -> subscriptions.remove(name));
        if (subscriptions.putIfAbsent(name, s) != null) {
            throw new IllegalArgumentException("an OPC UA subscription named " + name + " exists");
        }
        s.start();
        return s;
    }

    private void rejected(MiloSubscription s, String nodeId, OpcUaRejection reason, String detail) {
        devices.reject(RejectReason.MALFORMED, "opcua " + s.endpointUrl() + " " + nodeId, reason + ": " + detail);
        String key = s.name() + "|" + nodeId + "|" + reason;
        long now = System.nanoTime();
        Long last = lastLogged.get(key);
        if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
            lastLogged.put(key, now);
            LOG.warn("OPC UA subscription {}: value of {} refused, {}: {}", s.name(), nodeId, reason, detail);
        }
    }

    /** For health: each subscription's state and counters. */
    Map<String, Object> state() {
        Map<String, Object> m = new java.util.TreeMap<>();
        subscriptions.forEach((name, s) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("endpoint", s.endpointUrl());
            d.put("state", s.state().name());
            d.put("detail", s.detail());
            d.put("values", s.delivered());
            s.lastValueAt().ifPresent(t -> d.put("lastValueAt", t.toString()));
            Map<String, Object> r = new LinkedHashMap<>();
            s.rejections().forEach((k, v) -> r.put(k.name(), v));
            d.put("rejected", r);
            m.put(name, d);
        });
        return m;
    }

    ClientSettings settings() {
        return settings;
    }

    Path pkiDirectory() {
        return pki.directory();
    }

    @Deactivate
    void deactivate() {
        new ArrayList<>(subscriptions.values()).forEach(MiloSubscription::close);
        scheduler.shutdownNow();
        try {
            pki.close();
        } catch (Exception e) {
            LOG.debug("closing the trust list: {}", e.toString());
        }
        // Milo's shared event loop and executors belong to this bundle: stop them, or they outlive it
        Stack.releaseSharedResources(5, TimeUnit.SECONDS);
    }
}
