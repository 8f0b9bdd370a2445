package io.onegrid.device.internal;

import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import io.onegrid.device.api.MqttHandler;
import io.onegrid.device.api.MqttSubscription;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.PahoConstants;
import org.apache.camel.component.paho.PahoEndpoint;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Camel context ({@code onegrid-device}) and one camel-paho route per subscription. The context is
 * created here rather than from Blueprint (camel-blueprint 3.22.4 does not resolve, STACK.md) and started before any
 * route is added, since routes added to an unstarted {@link OsgiDefaultCamelContext} never start.
 *
 * <p>A route whose broker is unreachable fails to start; it is then removed and added again after a doubling delay
 * (up to {@code maxRetrySeconds}), logged once at WARN and then quietly, so that an installation without a broker
 * works and catches up as soon as one appears. Once connected, Paho's automatic reconnect (which subscribes again)
 * handles a broker that goes away.
 */
@Component(service = MqttConsumers.class, configurationPid = "io.onegrid.device.mqtt")
@Designate(ocd = MqttConfig.class)
public final class CamelMqttConsumers implements MqttConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(CamelMqttConsumers.class);

    private final MqttConfig config;
    private final DeviceRegistry registry;
    private final CamelContext camel;
    private final ScheduledExecutorService retries;
    private final Map<String, RouteSubscription> subscriptions = new ConcurrentHashMap<>();

    @Activate
    public CamelMqttConsumers(BundleContext bundleContext, MqttConfig config, @Reference DeviceRegistry registry)
            throws Exception {
        this(osgiContext(bundleContext), config, registry);
    }

    /** On a started Camel context of the caller's (the benchmark runs the same routes outside OSGi). */
    CamelMqttConsumers(CamelContext started, MqttConfig config, DeviceRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onegrid-mqtt-retry");
            t.setDaemon(true);
            return t;
        });
        this.camel = started;
        LOG.info("MQTT consumers on {}", brokerUrl());
    }

    private static CamelContext osgiContext(BundleContext bundleContext) {
        OsgiDefaultCamelContext context = new OsgiDefaultCamelContext(bundleContext);
        context.setName("onegrid-device");
        context.start();
        return context;
    }

    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        subscriptions.values().forEach(RouteSubscription::close);
        try {
            camel.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the device gateway's Camel context: {}", e.toString());
        }
    }

    @Override
    public String brokerUrl() {
        return config.brokerUrl();
    }

    @Override
    public MqttSubscription subscribe(String name, String topicFilter, MqttHandler handler) {
        RouteSubscription s = new RouteSubscription(name, topicFilter, handler);
        RouteSubscription old = subscriptions.put(name, s);
        if (old != null) {
            old.close();
        }
        s.start(1);
        return s;
    }

    /** Health details: each subscription and whether its route runs. */
    Map<String, Object> state() {
        Map<String, Object> state = new java.util.TreeMap<>();
        subscriptions.forEach((n, s) -> state.put(n, s.topicFilter() + (s.running() ? " (connected)"
                : " (waiting for the broker)")));
        return state;
    }

    private PahoEndpoint endpoint(String routeId, String topicFilter) {
        PahoConfiguration c = new PahoConfiguration();
        c.setBrokerUrl(config.brokerUrl());
        if (config.brokerUrl().contains(",")) {
            c.setServerURIs(config.brokerUrl());
        }
        c.setClientId(config.clientIdPrefix() + routeId.substring("mqtt-".length()) + "-"
                + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8));
        c.setQos(config.qos());
        c.setCleanSession(true);
        c.setAutomaticReconnect(true);
        c.setMaxReconnectDelay(config.maxRetrySeconds() * 1000);
        c.setConnectionTimeout(10);
        if (!config.userName().isEmpty()) {
            c.setUserName(config.userName());
            c.setPassword(config.password());
        }
        if (config.brokerUrl().startsWith("ssl://")) {
            c.setSslClientProps(tls(config));
            c.setHttpsHostnameVerificationEnabled(config.tlsHostnameVerification());
        }
        PahoComponent component = camel.getComponent("paho", PahoComponent.class);
        // Built in code rather than from a URI: a topic filter's '+' would be read as an encoded space in a URI.
        return new PahoEndpoint("paho:" + routeId, topicFilter, component, c);
    }

    /** Paho's TLS properties (com.ibm.ssl.*) from the configuration. */
    static Properties tls(MqttConfig config) {
        Properties p = new Properties();
        p.setProperty("com.ibm.ssl.protocol", "TLSv1.2");
        if (!config.trustStore().isEmpty()) {
            p.setProperty("com.ibm.ssl.trustStore", config.trustStore());
            p.setProperty("com.ibm.ssl.trustStorePassword", config.trustStorePassword());
        }
        if (!config.keyStore().isEmpty()) {
            p.setProperty("com.ibm.ssl.keyStore", config.keyStore());
            p.setProperty("com.ibm.ssl.keyStorePassword", config.keyStorePassword());
        }
        return p;
    }

    /** One subscription: its route, and the retries while the broker is unreachable. */
    private final class RouteSubscription implements MqttSubscription {

        private final String routeId;
        private final String topicFilter;
        private final MqttHandler handler;
        private volatile boolean closed;
        private volatile boolean warned;

        RouteSubscription(String name, String topicFilter, MqttHandler handler) {
            this.routeId = "mqtt-" + name;
            this.topicFilter = topicFilter;
            this.handler = handler;
        }

        void start(int delaySeconds) {
            if (closed) {
                return;
            }
            try {
                PahoEndpoint from = endpoint(routeId, topicFilter);
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(from).routeId(routeId).process(exchange -> deliver(
                                exchange.getMessage().getHeader(PahoConstants.MQTT_TOPIC, String.class),
                                exchange.getMessage().getBody(byte[].class)));
                    }
                });
                if (warned) {
                    LOG.info("MQTT subscription {} on {} is connected", topicFilter, brokerUrl());
                }
            } catch (Exception e) {
                removeRoute();
                if (closed) {
                    return;
                }
                if (!warned) {
                    warned = true;
                    LOG.warn("MQTT broker {} unreachable for {} ({}); retrying quietly", brokerUrl(), topicFilter,
                            rootMessage(e));
                } else {
                    LOG.debug("MQTT broker {} still unreachable: {}", brokerUrl(), rootMessage(e));
                }
                int next = Math.min(delaySeconds * 2, config.maxRetrySeconds());
                try {
                    retries.schedule(() -> start(next), delaySeconds, TimeUnit.SECONDS);
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    // deactivated meanwhile
                }
            }
        }

        /** Hands one message to the plugin; whatever it throws is counted and never reaches the route. */
        private void deliver(String topic, byte[] payload) {
            LOG.debug("MQTT message on {}: {} bytes", topic, payload == null ? -1 : payload.length);
            try {
                handler.handle(topic, payload == null ? new byte[0] : payload);
            } catch (Exception | LinkageError e) {
                registry.reject(io.onegrid.device.api.RejectReason.MALFORMED, topic, e.toString());
            }
        }

        private void removeRoute() {
            try {
                camel.getRouteController().stopRoute(routeId);
                camel.removeRoute(routeId);
            } catch (Exception e) {
                LOG.debug("Removing route {}: {}", routeId, e.toString());
            }
        }

        @Override
        public String topicFilter() {
            return topicFilter;
        }

        @Override
        public boolean running() {
            return !closed && camel.getRoute(routeId) != null
                    && camel.getRouteController().getRouteStatus(routeId) != null
                    && camel.getRouteController().getRouteStatus(routeId).isStarted();
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(routeId.substring("mqtt-".length()), this);
            removeRoute();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
