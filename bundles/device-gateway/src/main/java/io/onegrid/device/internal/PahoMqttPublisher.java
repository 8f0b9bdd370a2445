package io.onegrid.device.internal;

import io.onegrid.device.api.MqttPublishException;
import io.onegrid.device.api.MqttPublisher;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttPublisher} on the Paho client that camel-paho brings: one connection of its own (a publisher shares no
 * session with the subscriptions), opened on the first publication with the consumers' settings
 * ({@code io.onegrid.device.mqtt}) and kept open by Paho's automatic reconnect. Plain Paho rather than a Camel
 * producer: a publication must fail to its caller with the broker's reason, not into a route's error handler.
 */
@Component(service = MqttPublisher.class, configurationPid = "io.onegrid.device.mqtt")
public final class PahoMqttPublisher implements MqttPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PahoMqttPublisher.class);
    /** How long one publication may wait for the broker's acknowledgement. */
    private static final long ACK_TIMEOUT_MILLIS = 10_000;

    private final MqttConfig config;
    private MqttClient client; // guarded by this
    private boolean closed; // guarded by this

    @Activate
    public PahoMqttPublisher(MqttConfig config) {
        this.config = config;
    }

    @Override
    public String brokerUrl() {
        return config.brokerUrl();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttPublishException {
        if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")
                || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("Not an MQTT topic to publish on (empty, or with a wildcard): '"
                    + topic + "'");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("MQTT QoS is 0, 1 or 2, not " + qos);
        }
        if (payload == null) {
            throw new IllegalArgumentException("No payload (publish an empty one to clear a retained message)");
        }
        MqttClient c = connected();
        try {
            c.publish(topic, payload, qos, retained);
        } catch (MqttException e) {
            throw new MqttPublishException("Publishing to " + topic + " on " + brokerUrl() + " failed: "
                    + reason(e), e);
        }
    }

    /** The connection, opened now if needed. */
    private synchronized MqttClient connected() throws MqttPublishException {
        if (closed) {
            throw new MqttPublishException("The MQTT publisher for " + brokerUrl() + " is closed (reconfigured or "
                    + "stopping); publish through the new service", null);
        }
        if (client != null && client.isConnected()) {
            return client;
        }
        if (client != null) {
            // a lost connection Paho could not restore yet: start afresh, so the caller hears why now
            closeQuietly(client);
            client = null;
        }
        String[] urls = config.brokerUrl().split(",");
        MqttClient c = null;
        try {
            c = new MqttClient(urls[0].strip(), config.clientIdPrefix() + "publisher-"
                    + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 8),
                    new MemoryPersistence());
            c.setTimeToWait(ACK_TIMEOUT_MILLIS);
            c.connect(options());
            client = c;
            LOG.info("MQTT publisher connected to {}", brokerUrl());
            return c;
        } catch (MqttException | IllegalArgumentException e) {
            if (c != null) {
                closeQuietly(c);
            }
            throw new MqttPublishException("MQTT broker " + brokerUrl() + " refused or did not answer the "
                    + "publisher's connection: " + (e instanceof MqttException m ? reason(m) : e.getMessage()), e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        if (config.brokerUrl().contains(",")) {
            o.setServerURIs(java.util.Arrays.stream(config.brokerUrl().split(",")).map(String::strip)
                    .toArray(String[]::new));
        }
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(config.maxRetrySeconds() * 1000);
        o.setConnectionTimeout(10);
        if (!config.userName().isEmpty()) {
            o.setUserName(config.userName());
            o.setPassword(config.password().toCharArray());
        }
        if (config.brokerUrl().startsWith("ssl://")) {
            o.setSSLProperties(CamelMqttConsumers.tls(config));
            o.setHttpsHostnameVerificationEnabled(config.tlsHostnameVerification());
        }
        return o;
    }

    /** Paho's reason code in words, with the underlying cause (connection refused, TLS handshake, ...). */
    private static String reason(MqttException e) {
        String s = e.getMessage() + " (reason " + e.getReasonCode() + ")";
        return e.getCause() == null ? s : s + ": " + e.getCause();
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        if (client != null) {
            closeQuietly(client);
            client = null;
        }
    }

    private static void closeQuietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
        } catch (MqttException e) {
            LOG.debug("Disconnecting the MQTT publisher: {}", e.toString());
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the MQTT publisher: {}", e.toString());
        }
    }
}
