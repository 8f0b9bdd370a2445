package io.onegrid.plugin.flood.internal;

import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import io.onegrid.device.api.MqttSubscription;
import io.onegrid.device.internal.BenchGateway;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import io.onegrid.identity.internal.BenchDatabase;
import io.onegrid.workorder.internal.FloodBenchCounty;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Flood ingest harness: readings per second end to end (broker &rarr; the gateway's camel-paho route &rarr; the flood
 * plugin's parsing, queue, batched store and alarm rules) for 1,000 stations, beside the broker's raw delivery rate to
 * a bare Paho subscriber in the same run and on the same broker; then the latency from publishing an alarming
 * reading to its work order (the real kernel's intake) under a steady background of readings. Prints figures,
 * asserts nothing (docs/benchmarks.md, "Flood ingest").
 *
 * <p>Outside OSGi on the real classes: {@link FloodService} with {@link FloodStore}, the device gateway's
 * {@code JdbcDeviceRegistry} and {@code CamelMqttConsumers} on a plain {@link DefaultCamelContext}, and the
 * work-order bench's county (on-disk Derby behind HikariCP, 5,400 grids with their workers, {@code WorkOrderKernel}).
 *
 * <p>Both rates are measured with the same publisher (Paho, QoS 1) keeping at most {@code --window} readings
 * between publishing and arrival (raw) or storing (end to end): Mosquitto drops QoS 1 messages beyond its queue of
 * 1,000 per client, so an open-loop publisher would measure drops, not throughput.
 */
public final class FloodBench {

    private static final String BROKER_DEFAULT = "tcp://127.0.0.1:1883";
    private static final Pattern STATION_IN = Pattern.compile("积水告警 (FB-\\d{4})");

    record Options(String broker, int stations, int seconds, int warmup, int window, List<Integer> batches,
            int alarms, int backgroundRate, Path work) {

        static Options parse(String[] args) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    m.put(args[i], args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; options: --broker URL "
                            + "--stations N --seconds N --warmup N --window N --batches 500,1 --alarms N "
                            + "--background-rate N --work DIR");
                }
            }
            return new Options(m.getOrDefault("--broker", BROKER_DEFAULT),
                    Integer.parseInt(m.getOrDefault("--stations", "1000")),
                    Integer.parseInt(m.getOrDefault("--seconds", "20")),
                    Integer.parseInt(m.getOrDefault("--warmup", "5")),
                    Integer.parseInt(m.getOrDefault("--window", "500")),
                    Arrays.stream(m.getOrDefault("--batches", "500,1").split(",")).map(String::strip)
                            .map(Integer::parseInt).toList(),
                    Integer.parseInt(m.getOrDefault("--alarms", "200")),
                    Integer.parseInt(m.getOrDefault("--background-rate", "5000")),
                    Path.of(m.getOrDefault("--work", "target/bench")));
        }
    }

    private final Options options;
    private final FloodBenchCounty county;
    private final DataSource db;
    private final DeviceRegistry registry;
    private final List<String> codes = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();
    /** Alarm latency: when the alarming reading of a station was published, and when its order came back. */
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> orderedAt = new ConcurrentHashMap<>();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    /**
     * The observation time of the current round over the stations, in milliseconds: close to the clock (a reading
     * far in the past would count as late and move the downsampling back), ascending per station.
     */
    private long nextTs;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", "target/derby.log");
        }
        System.out.printf("OneGrid flood ingest bench, %s, %d cores, %s %s, max heap %d MiB; broker %s%n",
                ZonedDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, options.broker());
        load("start");
        long t0 = System.nanoTime();
        try (FloodBenchCounty county = FloodBenchCounty.open(options.work().resolve("floodbench-db"))) {
            System.out.printf("Database and kernel ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            new FloodBench(options, county).run();
        }
        load("end");
        System.exit(0);
    }

    private FloodBench(Options options, FloodBenchCounty county) throws Exception {
        this.options = options;
        this.county = county;
        this.db = county.dataSource();
        MigrationRunner runner = new MigrationRunner(db);
        runner.migrate("device", ScriptSet.select("device", BenchDatabase.scripts("db/device/"), runner.dialect()));
        runner.migrate("flood", ScriptSet.select("flood", BenchDatabase.scripts("db/flood/"), runner.dialect()));
        this.registry = BenchGateway.registry(db);
    }

    private void run() throws Exception {
        FloodService setup = engine(500, county.intake());
        int step = FloodBenchCounty.cells() / options.stations();
        for (int i = 0; i < options.stations(); i++) {
            int cell = i * step;
            String code = String.format(Locale.ROOT, "FB-%04d", i);
            String town = FloodBenchCounty.townOf(cell);
            double[] p = FloodBenchCounty.pointOf(cell);
            setup.addStation(new Station(code, "基准测试水尺 " + i, "SURFACE_GAUGE", town, FloodBenchCounty.gridOf(cell),
                    p[0], p[1], 4.0, 5.0, 8.0, null, null, null, "NO_DATA", 0, Station.topicOf(town, code)));
            codes.add(code);
            topics.add(Station.topicOf(town, code));
        }
        System.out.printf("%,d stations in %,d grids, warning level 5.0 m (readings stay at 1-2 m)%n", codes.size(),
                codes.size());

        double raw = rawDelivery();
        Map<Integer, double[]> e2e = new LinkedHashMap<>();
        for (int batch : options.batches()) {
            e2e.put(batch, endToEnd(batch));
        }
        double[] latency = alarmLatency();

        System.out.println();
        System.out.println("== Summary ==");
        System.out.printf("raw delivery to a bare Paho subscriber: %,.0f readings/s%n", raw);
        for (Map.Entry<Integer, double[]> e : e2e.entrySet()) {
            System.out.printf("end to end, %s: %,.0f readings/s (%.2f of raw), %s%n", e.getKey() == 1
                    ? "one transaction per reading" : "batches of up to " + e.getKey(), e.getValue()[0],
                    e.getValue()[0] / raw, e.getValue()[1] == 1 ? "every reading stored once, in order per station"
                    : "CHECK FAILED (see above)");
        }
        System.out.printf("publish -> work order (%d alarms, background %,d readings/s): p50 %.1f ms, p95 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", (int) latency[4], options.backgroundRate(), latency[0], latency[1],
                latency[2], latency[3]);
    }

    /** The flood engine as DS builds it, with its writer and timers, over the bench's database and kernel. */
    private FloodService engine(int batch, WorkOrderIntake intake) {
        FloodConfig config = (FloodConfig) Proxy.newProxyInstance(FloodConfig.class.getClassLoader(),
                new Class<?>[] {FloodConfig.class}, (p, m, args) -> switch (m.getName()) {
                    case "ingestBatchSize" -> batch;
                    case "minDurationSeconds" -> 0;
                    case "annotationType" -> FloodConfig.class;
                    default -> m.getDefaultValue();
                });
        FloodService flood = new FloodService(new FloodStore(db), registry, intake, config, Clock.systemUTC());
        flood.orders = county.orders();
        return flood;
    }

    // ---- the raw limit -------------------------------------------------------------------------------------------

    private double rawDelivery() throws Exception {
        AtomicLong received = new AtomicLong();
        MqttClient sub = new MqttClient(options.broker(), "fb-raw-" + runId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        sub.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        sub.connect(o);
        sub.subscribe("onegrid/+/flood/+/level", 1);
        System.out.printf("%n-- (a) raw: Mosquitto -> bare Paho subscriber (QoS 1, counting only) --%n");
        double rate = measure("raw", received::get, received::get, null);
        sub.disconnect();
        sub.close();
        return rate;
    }

    // ---- end to end --------------------------------------------------------------------------------------------

    /** @return {rate, 1 when every reading was stored once and in order per station} */
    private double[] endToEnd(int batch) throws Exception {
        FloodService flood = engine(batch, county.intake());
        flood.startBackground();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.setName("onegrid-device-bench");
        camel.start();
        MqttConsumers consumers = BenchGateway.consumers(camel, options.broker(), registry);
        AtomicLong delivered = new AtomicLong();
        MqttSubscription subscription = consumers.subscribe("flood-level", "onegrid/+/flood/+/level",
                (topic, payload) -> {
                    flood.accept(topic, payload);
                    delivered.incrementAndGet();
                });
        long deadline = System.currentTimeMillis() + 20_000;
        while (!subscription.running() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        System.out.printf("%n-- (b) end to end, %s: Mosquitto -> camel-paho route -> parse -> queue -> store -> rules"
                + " --%n", batch == 1 ? "one transaction per reading" : "batches of up to " + batch);
        long before = flood.stored.get();
        long[] published = new long[1];
        // the window bounds what waits at the broker (published, not yet in the plugin's queue); the plugin's own
        // bounded queue makes the route wait when the writer falls behind, as in production
        double rate = measure("e2e-" + batch, delivered::get, () -> flood.stored.get() - before, published);
        subscription.close();
        flood.deactivate(); // drains the queue
        BenchGateway.close(consumers);
        long stored = flood.stored.get() - before;
        boolean complete = stored == published[0];
        System.out.printf("published %,d, stored %,d%s; queue drained on stop%n", published[0], stored,
                complete ? "" : " -- MISSING " + (published[0] - stored));
        boolean ordered = inOrder();
        System.out.printf("order per station (observation time vs arrival, %,d stations): %s%n", codes.size(),
                ordered ? "kept" : "BROKEN");
        return new double[] {rate, complete && ordered ? 1 : 0};
    }

    /** Whether each station's readings arrived in the order they were published (their times ascend with it). */
    private boolean inOrder() throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT received_at FROM og_flood_reading WHERE station_code = ? ORDER BY ts")) {
            for (String code : codes) {
                ps.setString(1, code);
                long last = Long.MIN_VALUE;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long t = rs.getTimestamp(1).getTime();
                        if (t < last) {
                            return false;
                        }
                        last = t;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Publishes readings round-robin over the stations (each station's times ascending) as fast as the window lets
     * (at most {@code window} published and not yet {@code arrived}), and measures {@code done} over {@code seconds}
     * after {@code warmup}.
     */
    private double measure(String label, LongSupplier arrived, LongSupplier done, long[] publishedOut)
            throws Exception {
        MqttAsyncClient pub = new MqttAsyncClient(options.broker(), "fb-pub-" + label + "-" + runId,
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(options.window() * 2);
        pub.connect(o).waitForCompletion(10_000);
        nextTs = Math.max(nextTs + 50, System.currentTimeMillis());
        long base = done.getAsLong();
        long arrivedBase = arrived.getAsLong();
        long sent = 0;
        long start = System.nanoTime();
        long warmEnd = start + options.warmup() * 1_000_000_000L;
        long end = warmEnd + options.seconds() * 1_000_000_000L;
        long atWarm = -1;
        long atWarmNanos = 0;
        long now;
        int i = 0;
        while ((now = System.nanoTime()) < end) {
            if (atWarm < 0 && now >= warmEnd) {
                atWarm = done.getAsLong() - base;
                atWarmNanos = now;
            }
            if (sent - (arrived.getAsLong() - arrivedBase) >= options.window()) {
                LockSupport.parkNanos(20_000);
                continue;
            }
            publish(pub, i, 1.0 + (i % 100) / 100.0);
            i = (i + 1) % codes.size();
            if (i == 0) {
                nextTs += 50;
            }
            sent++;
        }
        long atEnd = done.getAsLong() - base;
        double seconds = (now - atWarmNanos) / 1e9;
        double rate = (atEnd - atWarm) / seconds;
        // let the rest arrive
        long waitUntil = System.currentTimeMillis() + 30_000;
        while (done.getAsLong() - base < sent && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(20);
        }
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
        if (publishedOut != null) {
            publishedOut[0] = sent;
        }
        System.out.printf("%s: %,.0f readings/s over %.1f s after %d s warm-up (%,d published, %,d done)%n", label,
                rate, seconds, options.warmup(), sent, done.getAsLong() - base);
        load("after " + label);
        return rate;
    }

    private void publish(MqttAsyncClient pub, int station, double level) throws Exception {
        String ts = Instant.ofEpochMilli(nextTs).atOffset(ZoneOffset.ofHours(8)).toString();
        MqttMessage m = new MqttMessage(("{\"ts\":\"" + ts + "\",\"level\":" + level + "}")
                .getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        while (true) {
            try {
                pub.publish(topics.get(station), m);
                return;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                LockSupport.parkNanos(50_000);
            }
        }
    }

    // ---- latency to the work order -------------------------------------------------------------------------------

    /** @return {p50, p95, p99, max in ms, count} */
    private double[] alarmLatency() throws Exception {
        WorkOrderIntake timed = (caller, submission) -> {
            IntakeResult r = county.intake().submit(caller, submission);
            Matcher m = STATION_IN.matcher(submission.description());
            if (m.find()) {
                orderedAt.putIfAbsent(m.group(1), System.nanoTime());
            }
            return r;
        };
        FloodService flood = engine(options.batches().get(0), timed);
        flood.startBackground();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        MqttConsumers consumers = BenchGateway.consumers(camel, options.broker(), registry);
        MqttSubscription subscription = consumers.subscribe("flood-level", "onegrid/+/flood/+/level", flood::accept);
        long deadline = System.currentTimeMillis() + 20_000;
        while (!subscription.running() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        int alarms = Math.min(options.alarms(), codes.size() / 5);
        int background = codes.size() - alarms; // the last stations only ever alarm
        System.out.printf("%n-- (c) publish -> work order: %d alarming readings, one every 50 ms, on stations that "
                + "only alarm, while %d others send %,d readings/s --%n", alarms, background,
                options.backgroundRate());
        MqttAsyncClient pub = new MqttAsyncClient(options.broker(), "fb-pub-lat-" + runId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(2000);
        pub.connect(o).waitForCompletion(10_000);
        nextTs = Math.max(nextTs + 50, System.currentTimeMillis());
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / Math.max(1, options.backgroundRate());
        long nextBackground = start;
        long nextAlarm = start + 1_000_000_000L;
        int sentAlarms = 0;
        int i = 0;
        while (sentAlarms < alarms || System.nanoTime() < nextAlarm) {
            long now = System.nanoTime();
            if (sentAlarms < alarms && now >= nextAlarm) {
                String code = codes.get(background + sentAlarms);
                publishedAt.put(code, System.nanoTime());
                publish(pub, background + sentAlarms, 6.0);
                sentAlarms++;
                nextAlarm += 50_000_000L;
            } else if (now >= nextBackground) {
                publish(pub, i, 1.0 + (i % 100) / 100.0);
                i = (i + 1) % background;
                if (i == 0) {
                    nextTs += 50;
                }
                nextBackground += periodNanos;
            } else {
                LockSupport.parkNanos(Math.min(nextBackground, nextAlarm) - now);
            }
        }
        long waitUntil = System.currentTimeMillis() + 30_000;
        while (orderedAt.size() < alarms && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(20);
        }
        pub.disconnect().waitForCompletion(10_000);
        pub.close();
        subscription.close();
        flood.deactivate();
        BenchGateway.close(consumers);
        double[] ms = publishedAt.entrySet().stream().filter(e -> orderedAt.containsKey(e.getKey()))
                .mapToDouble(e -> (orderedAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
        System.out.printf("%d of %d alarms became work orders%n", ms.length, alarms);
        load("after latency");
        if (ms.length == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
        }
        return new double[] {pct(ms, 0.50), pct(ms, 0.95), pct(ms, 0.99), ms[ms.length - 1], ms.length};
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void load(String when) {
        System.out.printf("[load average %s: %.2f]%n", when,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
