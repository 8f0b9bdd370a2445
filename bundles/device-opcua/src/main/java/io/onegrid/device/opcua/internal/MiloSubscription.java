package io.onegrid.device.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.onegrid.device.opcua.api.OpcUaListener;
import io.onegrid.device.opcua.api.OpcUaRejection;
import io.onegrid.device.opcua.api.OpcUaSubscription;
import io.onegrid.device.opcua.api.OpcUaValue;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription with its own client and session. Attempts run on the shared scheduler: connect (discovering the
 * server's endpoints and choosing the configured policy), create the subscription and its monitored items; a failure
 * closes the client and schedules the next attempt after a doubling delay. Once connected, Milo's session machine
 * reconnects by itself when the connection breaks (1 s doubling to 16 s) and transfers the subscription to the new
 * session; a server that restarted has forgotten it, so the transfer fails and the subscription is created again
 * here.
 */
final class MiloSubscription implements OpcUaSubscription {

    private static final Logger LOG = LoggerFactory.getLogger(MiloSubscription.class);

    /** Where refused values and state changes go (the service: counters, device registry, log). */
    interface Sink {
        void rejected(MiloSubscription s, String nodeId, OpcUaRejection reason, String detail);
    }

    private final String name;
    private final String endpointUrl;
    private final List<String> nodeIds;
    private final List<NodeId> parsed;
    private final Duration sampling;
    private final OpcUaListener listener;
    private final ClientSettings settings;
    private final ClientPki pki;
    private final ScheduledExecutorService scheduler;
    private final Sink sink;
    private final Runnable onClose;
    private final AtomicLong delivered = new AtomicLong();
    private final Map<OpcUaRejection, AtomicLong> rejected = new EnumMap<>(OpcUaRejection.class);

    private volatile State state = State.CONNECTING;
    private volatile String detail = "starting";
    private volatile Instant lastValueAt;
    // guarded by this
    private int failures;
    private boolean subscribedOnce;
    private boolean closed;
    private OpcUaClient client;
    private org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription subscription;
    private ScheduledFuture<?> next;

    MiloSubscription(String name, String endpointUrl, List<String> nodeIds, List<NodeId> parsed, Duration sampling,
            OpcUaListener listener, ClientSettings settings, ClientPki pki, ScheduledExecutorService scheduler,
            Sink sink, Runnable onClose) {
        this.name = name;
        this.endpointUrl = endpointUrl;
        this.nodeIds = List.copyOf(nodeIds);
        this.parsed = List.copyOf(parsed);
        this.sampling = sampling;
        this.listener = listener;
        this.settings = settings;
        this.pki = pki;
        this.scheduler = scheduler;
        this.sink = sink;
        this.onClose = onClose;
        for (OpcUaRejection r : OpcUaRejection.values()) {
            rejected.put(r, new AtomicLong());
        }
    }

    synchronized void start() {
        next = scheduler.schedule(this::attempt, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String endpointUrl() {
        return endpointUrl;
    }

    @Override
    public List<String> nodeIds() {
        return nodeIds;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String detail() {
        return detail;
    }

    long delivered() {
        return delivered.get();
    }

    Optional<Instant> lastValueAt() {
        return Optional.ofNullable(lastValueAt);
    }

    Map<OpcUaRejection, Long> rejections() {
        Map<OpcUaRejection, Long> m = new EnumMap<>(OpcUaRejection.class);
        rejected.forEach((r, n) -> m.put(r, n.get()));
        return m;
    }

    @Override
    public void close() {
        OpcUaClient c;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
            c = client;
            client = null;
            subscription = null;
            state = State.CLOSED;
            detail = "closed";
        }
        disconnect(c);
        onClose.run();
        LOG.info("OPC UA subscription {} closed", name);
    }

    /** One attempt to connect (when needed) and subscribe; on failure the next is scheduled. */
    private void attempt() {
        OpcUaClient c;
        synchronized (this) {
            if (closed) {
                return;
            }
            c = client;
        }
        try {
            if (c == null) {
                state = State.CONNECTING;
                detail = "connecting to " + endpointUrl;
                c = connect();
                synchronized (this) {
                    if (closed) {
                        disconnect(c);
                        return;
                    }
                    client = c;
                }
            }
            subscribe(c);
        } catch (Exception | LinkageError e) {
            failed(e);
        }
    }

    private OpcUaClient connect() throws Exception {
        URI uri = URI.create(endpointUrl);
        X509Certificate cert = pki.certificate();
        OpcUaClient c = OpcUaClient.create(endpointUrl,
                endpoints -> choose(endpoints).map(e -> EndpointUtil.updateUrl(e, uri.getHost(), uri.getPort())),
                transport -> { },
                config -> {
                    config.setApplicationName(LocalizedText.english("OneGrid"))
                            .setApplicationUri(pki.applicationUri())
                            .setProductUri("urn:onegrid:device-opcua")
                            .setKeyPair(pki.keyPair())
                            .setCertificate(cert)
                            .setCertificateChain(new X509Certificate[] {cert})
                            .setCertificateValidator(pki.validator(settings.acceptUnknownServerCertificates()))
                            .setRequestTimeout(uint(settings.requestTimeoutMillis()))
                            .setSessionName(() -> "OneGrid " + name);
                    config.setIdentityProvider(settings.userName().isEmpty() ? new AnonymousProvider()
                            : new UsernameProvider(settings.userName(), settings.password()));
                });
        try {
            c.connect();
        } catch (Exception e) {
            disconnect(c);
            throw e;
        }
        c.addSessionActivityListener(new SessionActivityListener() {
            @Override
            public void onSessionActive(UaSession session) {
                LOG.debug("OPC UA subscription {}: session active", name);
            }

            @Override
            public void onSessionInactive(UaSession session) {
                synchronized (MiloSubscription.this) {
                    if (closed) {
                        return;
                    }
                }
                state = State.CONNECTING;
                detail = "connection to " + endpointUrl + " lost, reconnecting";
                LOG.warn("OPC UA subscription {}: connection to {} lost, reconnecting", name, endpointUrl);
            }
        });
        return c;
    }

    private java.util.Optional<EndpointDescription> choose(List<EndpointDescription> endpoints) {
        String policy = settings.policy().getUri();
        Optional<EndpointDescription> e = endpoints.stream()
                .filter(d -> policy.equals(d.getSecurityPolicyUri()) && d.getSecurityMode() == settings.mode())
                .findFirst();
        if (e.isEmpty()) {
            List<String> offered = new ArrayList<>();
            endpoints.forEach(d -> offered.add(d.getSecurityPolicyUri().replaceAll(".*#", "") + "/"
                    + d.getSecurityMode()));
            throw new IllegalStateException("the server offers no endpoint with " + settings.policy() + "/"
                    + settings.mode() + " (it offers " + offered + ")");
        }
        return e;
    }

    private void subscribe(OpcUaClient c) throws Exception {
        org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription s;
        synchronized (this) {
            s = subscription;
        }
        if (s == null) {
            s = new org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription(c,
                    settings.publishingIntervalMillis());
            s.setSubscriptionListener(new Listener());
            List<OpcUaMonitoredItem> items = new ArrayList<>();
            for (int i = 0; i < parsed.size(); i++) {
                OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(parsed.get(i));
                item.setSamplingInterval(sampling.toMillis());
                item.setQueueSize(uint(10));
                item.setUserObject(nodeIds.get(i));
                items.add(item);
            }
            s.addMonitoredItems(items);
        } else {
            s.reset(); // the server lost it: forget its old id and items' ids, keep the items
        }
        s.create();
        String problems = "";
        try {
            s.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException e) {
            // some nodes refused (unknown node, not readable): the others go on; the reasons are shown in health
            List<String> bad = new ArrayList<>();
            for (OpcUaMonitoredItem item : s.getMonitoredItems()) {
                item.getCreateResult().filter(r -> !r.isGood()).ifPresent(r -> bad.add(item.getUserObject()
                        .orElse("?") + " " + r));
            }
            problems = bad.isEmpty() ? "; " + e.getMessage() : "; refused: " + String.join(", ", bad);
            LOG.warn("OPC UA subscription {}: {} of {} nodes refused by {}: {}", name, bad.size(), parsed.size(),
                    endpointUrl, bad.isEmpty() ? e.getMessage() : bad);
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            subscription = s;
            if (subscribedOnce) {
                LOG.info("OPC UA subscription {} to {} subscribed again (after {} failed attempts)", name,
                        endpointUrl, failures);
            } else {
                LOG.info("OPC UA subscription {} to {}: {} nodes, sampling {} ms, {}/{}", name, endpointUrl,
                        parsed.size(), sampling.toMillis(), settings.policy(), settings.mode());
            }
            failures = 0;
            subscribedOnce = true;
            state = State.SUBSCRIBED;
            detail = "subscribed to " + parsed.size() + " nodes" + problems;
        }
    }

    private void failed(Throwable e) {
        OpcUaClient c;
        Duration delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            c = client;
            client = null;
            subscription = null;
            delay = settings.retryDelay(failures);
            failures++;
            String why = reason(e);
            state = State.WAITING;
            detail = why + "; next attempt in " + delay.toSeconds() + " s";
            if (failures == 1) {
                LOG.warn("OPC UA subscription {} to {} failed, retrying with back-off up to {} s: {}", name,
                        endpointUrl, settings.maxRetry().toSeconds(), why);
            } else {
                LOG.debug("OPC UA subscription {} to {}: attempt {} failed: {}", name, endpointUrl, failures, why);
            }
            next = scheduler.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        disconnect(c);
    }

    /** After a reconnection the server no longer knew the subscription: create it again on the new session. */
    private void resubscribe(StatusCode status) {
        OpcUaClient c;
        synchronized (this) {
            if (closed || client == null) {
                return;
            }
            c = client;
        }
        LOG.info("OPC UA subscription {}: the server lost it ({}), subscribing again", name, status);
        try {
            subscribe(c);
        } catch (Exception | LinkageError e) {
            failed(e);
        }
    }

    private void deliver(OpcUaMonitoredItem item, DataValue dv) {
        String node = item.getUserObject().map(String::valueOf)
                .orElse(item.getReadValueId().getNodeId().toParseableString());
        ValueCheck.Result r = ValueCheck.check(dv);
        if (!r.good()) {
            reject(node, r.rejection(), r.detail());
            return;
        }
        Instant now = Instant.now();
        Instant ts = time(dv.getSourceTime()).or(() -> time(dv.getServerTime())).orElse(now);
        try {
            listener.value(new OpcUaValue(name, node, r.value(), ts, now));
            delivered.incrementAndGet();
            lastValueAt = now;
        } catch (Exception | LinkageError e) {
            reject(node, OpcUaRejection.LISTENER_FAILED, e.toString());
        }
    }

    private void reject(String node, OpcUaRejection reason, String why) {
        rejected.get(reason).incrementAndGet();
        sink.rejected(this, node, reason, why);
    }

    private static Optional<Instant> time(DateTime t) {
        return t == null || t.isNull() || !t.isValid() ? Optional.empty() : Optional.of(t.getJavaInstant());
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static void disconnect(OpcUaClient c) {
        if (c != null) {
            try {
                c.disconnectAsync().get(5, TimeUnit.SECONDS);
            } catch (Exception | LinkageError e) {
                LOG.debug("OPC UA disconnect: {}", e.toString());
            }
        }
    }

    private final class Listener
            implements org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription.SubscriptionListener {

        @Override
        public void onDataReceived(org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription s,
                List<OpcUaMonitoredItem> items, List<DataValue> values) {
            for (int i = 0; i < items.size(); i++) {
                deliver(items.get(i), values.get(i));
            }
        }

        @Override
        public void onTransferFailed(org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription s,
                StatusCode status) {
            scheduler.execute(() -> resubscribe(status));
        }

        @Override
        public void onStatusChanged(org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription s,
                StatusCode status) {
            if (status.isBad()) { // Bad_Timeout: the server dropped it
                scheduler.execute(() -> resubscribe(status));
            }
        }
    }
}
