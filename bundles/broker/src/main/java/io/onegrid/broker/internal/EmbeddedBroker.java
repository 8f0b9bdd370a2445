package io.onegrid.broker.internal;

import io.moquette.broker.PeerAwareBroker;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import io.onegrid.device.api.DeviceRegistry;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MQTT broker (Moquette 0.17, embedded privately), configured by {@code io.onegrid.broker}. A change of
 * the configuration stops it and starts it again (no {@code @Modified}), so a new port is bound at once. A broker
 * that cannot start — its port is taken, the users are malformed — does not fail the component: it stays registered
 * with the reason, which health reports as DOWN.
 */
@Component(service = EmbeddedBroker.class, immediate = true, configurationPid = "io.onegrid.broker")
@Designate(ocd = BrokerConfig.class)
public final class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String CFG = "etc/io.onegrid.broker.cfg";

    private final BrokerConfig config;
    private volatile PeerAwareBroker broker;
    private volatile BrokerAccess access;
    private volatile String problem;
    private volatile Instant since;
    /** The device registry's service, while the gateway is there (see {@link #bindDevices}). */
    private volatile ComponentServiceObjects<Object> devices;
    private volatile Object devicesService;

    @Activate
    public EmbeddedBroker(BrokerConfig config) {
        this.config = config;
        if (!config.enabled()) {
            LOG.info("The embedded MQTT broker is disabled ({} enabled=false)", CFG);
            return;
        }
        try {
            access = BrokerAccess.of(config.allowAnonymous(), config.users());
        } catch (IllegalArgumentException e) {
            fail(CFG + ": " + e.getMessage());
            return;
        }
        String taken = taken(config.host(), config.port(), "port");
        if (taken == null && config.websocketPort() > 0) {
            taken = taken(config.host(), config.websocketPort(), "websocketPort");
        }
        if (taken != null) {
            fail(taken);
            return;
        }
        try {
            broker = PeerAwareBroker.start(moquetteConfig(config), access, new PermitAllAuthorizatorPolicy());
            since = Instant.now();
            LOG.info("Embedded MQTT broker listening on {}:{}{} (anonymous clients: {}, {} users, persistence {})",
                    config.host(), config.port(), config.websocketPort() > 0
                            ? ", WebSocket on port " + config.websocketPort() + " path /mqtt" : "",
                    access.anonymous().name().toLowerCase(Locale.ROOT), access.userCount(),
                    config.persistence() ? "on" : "off");
        } catch (IOException | RuntimeException e) {
            // a port taken between the check and the bind, an unwritable data directory
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            fail("the broker did not start on " + config.host() + ":" + config.port() + ": " + root);
        }
    }

    private void fail(String reason) {
        problem = reason;
        LOG.error("Embedded MQTT broker not running: {}", reason);
    }

    /** Null when the port can be bound, otherwise what to do about it. */
    static String taken(String host, int port, String key) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Netty binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return "port " + port + " on " + host + " is taken (" + e.getMessage() + "), perhaps by another MQTT "
                    + "broker such as Mosquitto: stop it, set another " + key + " in " + CFG + ", or uninstall "
                    + "onegrid-broker and point etc/io.onegrid.device.mqtt.cfg at that broker";
        }
    }

    static IConfig moquetteConfig(BrokerConfig config) {
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, config.host());
        p.setProperty(IConfig.PORT_PROPERTY_NAME, String.valueOf(config.port()));
        if (config.websocketPort() > 0) {
            p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, String.valueOf(config.websocketPort()));
        }
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, String.valueOf(config.maxMessageBytes()));
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, String.valueOf(config.persistence()));
        p.setProperty(IConfig.PERSISTENT_QUEUE_TYPE_PROPERTY_NAME, "h2");
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDirectory(config).toString());
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        // mosquitto_pub and some devices send no client id with a clean session: Moquette then makes one up
        p.setProperty("allow_zero_byte_client_id", "true");
        return new MemoryConfig(p);
    }

    static Path dataDirectory(BrokerConfig config) {
        if (!config.dataDirectory().isBlank()) {
            return Path.of(config.dataDirectory());
        }
        return Path.of(System.getProperty("karaf.data", "data"), "onegrid", "broker");
    }

    /**
     * Devices sign in with their own secrets while the device gateway's registry is there. Optional and dynamic, and
     * typed through {@link ComponentServiceObjects} so that no class of this bundle names the gateway's API: the
     * import of {@code io.onegrid.device.api} is optional and the broker works without the gateway.
     */
    @Reference(service = DeviceRegistry.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDevices(ComponentServiceObjects<Object> registry) {
        Object service = registry.getService();
        devices = registry;
        devicesService = service;
        BrokerAccess a = access;
        if (a != null) {
            try {
                a.devices(RegistryLogins.of(service));
                LOG.info("Devices may sign in to the embedded MQTT broker with their own credentials");
            } catch (LinkageError e) {
                // the gateway came after this bundle resolved: its optional import is wired on the next refresh
                LOG.warn("Device credentials are not checked by the embedded broker until its bundle is refreshed "
                        + "({})", e.toString());
            }
        }
    }

    void unbindDevices(ComponentServiceObjects<Object> registry) {
        if (devices == registry) {
            Object service = devicesService;
            devices = null;
            devicesService = null;
            BrokerAccess a = access;
            if (a != null) {
                a.devices(null);
            }
            if (service != null) {
                registry.ungetService(service);
            }
        }
    }

    @Deactivate
    void deactivate() {
        PeerAwareBroker running = broker;
        broker = null;
        if (running != null) {
            running.stop();
            LOG.info("Embedded MQTT broker on port {} stopped", config.port());
        }
    }

    /** Null when the broker runs or is disabled; otherwise why it does not run. */
    String problem() {
        return problem;
    }

    /** What an operator sees under {@code checks.broker} in health. */
    Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        PeerAwareBroker running = broker;
        if (!config.enabled()) {
            d.put("state", "disabled");
            return d;
        }
        d.put("state", running != null ? "listening" : "not running");
        d.put("mqtt", "tcp://" + config.host() + ":" + config.port());
        if (config.websocketPort() > 0) {
            d.put("websocket", "ws://" + config.host() + ":" + config.websocketPort() + "/mqtt");
        }
        BrokerAccess a = access;
        if (a != null) {
            d.put("anonymous", a.anonymous().name().toLowerCase(Locale.ROOT));
            d.put("users", a.userCount());
            d.put("deviceLogins", a.deviceLogins());
            d.put("refusedClients", a.refused());
        }
        if (running != null) {
            d.put("since", String.valueOf(since));
            d.put("connectedClients", running.connectedClients());
        }
        d.put("persistence", config.persistence() ? dataDirectory(config).toString() : "off");
        return d;
    }
}
