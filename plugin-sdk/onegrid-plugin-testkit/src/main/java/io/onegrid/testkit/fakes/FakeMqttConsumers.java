package io.onegrid.testkit.fakes;

import io.onegrid.device.api.MqttConsumers;
import io.onegrid.device.api.MqttHandler;
import io.onegrid.device.api.MqttSubscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device gateway's MQTT consumers without a broker: a plugin subscribes as usual and the test
 * {@link #publish}es messages, which reach every subscription whose filter matches the topic (MQTT wildcards
 * {@code +} and {@code #}). Like the gateway, a handler's exception does not stop the subscription; it is kept in
 * {@link #failures()} (the gateway counts it as a malformed message). A second subscription with a name in use
 * replaces the first, as in the gateway.
 */
public final class FakeMqttConsumers implements MqttConsumers {

    /** A message a handler refused, with its exception. */
    public record Failure(String subscription, String topic, byte[] payload, Exception error) {
    }

    private final Map<String, Sub> subscriptions = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    private final class Sub implements MqttSubscription {
        final String name;
        final String filter;
        final MqttHandler handler;
        volatile boolean open = true;

        Sub(String name, String filter, MqttHandler handler) {
            this.name = name;
            this.filter = filter;
            this.handler = handler;
        }

        @Override
        public String topicFilter() {
            return filter;
        }

        @Override
        public boolean running() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            synchronized (FakeMqttConsumers.this) {
                subscriptions.remove(name, this);
            }
        }
    }

    @Override
    public synchronized MqttSubscription subscribe(String name, String topicFilter, MqttHandler handler) {
        if (name == null || name.isBlank() || topicFilter == null || topicFilter.isBlank() || handler == null) {
            throw new IllegalArgumentException("a name, a topic filter and a handler");
        }
        Sub sub = new Sub(name, topicFilter, handler);
        Sub old = subscriptions.put(name, sub);
        if (old != null) {
            old.open = false;
        }
        return sub;
    }

    @Override
    public String brokerUrl() {
        return "tcp://fake-broker:1883";
    }

    /** Delivers a UTF-8 text; answers how many handlers accepted it. */
    public int publish(String topic, String payload) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers a message to every matching subscription; answers how many handlers accepted it without throwing. */
    public int publish(String topic, byte[] payload) {
        List<Sub> matching;
        synchronized (this) {
            matching = subscriptions.values().stream().filter(s -> matches(s.filter, topic)).toList();
        }
        int accepted = 0;
        for (Sub sub : matching) {
            try {
                sub.handler.handle(topic, payload.clone());
                accepted++;
            } catch (Exception e) {
                synchronized (this) {
                    failures.add(new Failure(sub.name, topic, payload.clone(), e));
                }
            }
        }
        return accepted;
    }

    /** The names of the open subscriptions with their filters. */
    public synchronized Map<String, String> subscriptions() {
        Map<String, String> open = new LinkedHashMap<>();
        subscriptions.forEach((n, s) -> open.put(n, s.filter));
        return open;
    }

    /** The messages handlers refused, oldest first. */
    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** Whether an MQTT topic filter matches a topic name ({@code +}: one level, {@code #}: this level and below). */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return i == f.length - 1;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
