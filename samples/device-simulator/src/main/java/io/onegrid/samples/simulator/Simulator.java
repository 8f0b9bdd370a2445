package io.onegrid.samples.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Water-level stations through a storm, for demonstrations and tests of the flood plugin: each station follows its
 * own {@link Hydrograph} (a later, lower or higher wave per station) and every tick its level goes out over MQTT,
 * SL 651 over TCP and/or an OPC UA server, as chosen on the command line. {@code --help} lists the options.
 */
public final class Simulator {

    static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** The parsed command line. */
    record Options(int stations, List<String> codes, String town, double base, double peak, Duration timeToPeak,
            double shape, double noise, double speed, Duration interval, long seed, String mqttUrl, String sl651,
            Map<String, String> sl651Addresses, int opcuaPort, String opcuaBind, String opcuaUser,
            String opcuaPassword, boolean manual, Duration runFor) {
    }

    private final Options o;
    private final Map<String, Hydrograph> curves = new LinkedHashMap<>();
    private final Map<String, Double> overrides = new ConcurrentHashMap<>();
    private final Instant start = Instant.now();
    private MqttClient mqtt;
    private OpcUaStationServer opcua;
    private Socket sl651Socket;
    private int serial;

    Simulator(Options o) {
        this.o = o;
        for (int i = 0; i < o.codes().size(); i++) {
            // station i: its wave 20 minutes after the previous one, peaks spread ±10 % around the given one
            double spread = o.codes().size() == 1 ? 1 : 0.9 + 0.2 * i / (o.codes().size() - 1);
            curves.put(o.codes().get(i), new Hydrograph(o.base(), o.base() + (o.peak() - o.base()) * spread,
                    o.timeToPeak().plusMinutes(20L * i), o.shape(), o.noise(), o.seed() + i));
        }
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + usage());
            System.exit(2);
            return;
        }
        if (o == null) {
            System.out.println(usage());
            return;
        }
        new Simulator(o).run();
    }

    static String usage() {
        return """
                OneGrid device simulator: water-level stations through a storm.

                java -jar onegrid-device-simulator.jar [options]

                Stations
                  --stations N            WL-0001 .. WL-000N (default 3)
                  --codes A,B,...         these station codes instead
                  --town CODE             town code of the MQTT topics (default 370399101000, the demo's 青石镇)
                Storm (per station: +20 min later and ±10 % peak each)
                  --base M                base level, metres (default 1.0)
                  --peak M                peak level, metres (default 3.2: above warning 2.0 and guarantee 3.0)
                  --time-to-peak MIN      minutes from the start to the peak (default 120)
                  --shape K               sharpness of the wave (default 3)
                  --noise M               standard deviation of the gauge noise, metres (default 0.01)
                  --seed N                noise seed (default 651)
                  --speed X               simulated seconds per real second (default 60: 8 hours in 8 minutes)
                  --interval SEC          real seconds between readings (default 5)
                  --run-for SEC           stop after this many real seconds (default: until killed or 'quit')
                  --manual                no storm: levels only from the commands below
                Outputs (any combination; none given: print the readings only)
                  --mqtt URL              publish to onegrid/{town}/flood/{code}/level, e.g. tcp://127.0.0.1:1883
                  --sl651 HOST:PORT       send SL 651-2014 timed reports (HEX) over TCP, e.g. 127.0.0.1:5651
                  --sl651-address C=ADDR  the 10-digit SL 651 address of station C (default: its digits, zero-padded)
                  --opcua-port PORT       serve OPC UA at opc.tcp://HOST:PORT/onegrid, node ns=2;s={code}/level
                  --opcua-bind HOST       address to bind (default 127.0.0.1)
                  --opcua-user U:P        also accept this user name and password (anonymous always works)
                Commands on standard input (one per line)
                  set CODE METRES [TIME]  fix a station's level (published at once and at every tick); TIME
                                          (ISO-8601 with offset) is the time of this reading
                  fault CODE              OPC UA: mark the value bad (Bad_SensorFailure); MQTT: "level": null
                  auto CODE               back to the storm curve
                  quit
                """;
    }

    static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        Map<String, String> sl651Addresses = new LinkedHashMap<>();
        boolean manual = false;
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            switch (k) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--manual" -> manual = true;
                default -> {
                    if (!k.startsWith("--") || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown or incomplete option " + k);
                    }
                    String v = args[++i];
                    if (k.equals("--sl651-address")) {
                        String[] p = v.split("=", 2);
                        if (p.length != 2 || !p[1].matches("\\d{10}")) {
                            throw new IllegalArgumentException("--sl651-address CODE=10DIGITS, not " + v);
                        }
                        sl651Addresses.put(p[0], p[1]);
                    } else {
                        a.put(k.substring(2), v);
                    }
                }
            }
        }
        List<String> known = List.of("stations", "codes", "town", "base", "peak", "time-to-peak", "shape", "noise",
                "seed", "speed", "interval", "run-for", "mqtt", "sl651", "opcua-port", "opcua-bind", "opcua-user");
        for (String k : a.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        int n = Integer.parseInt(a.getOrDefault("stations", "3"));
        List<String> codes = new ArrayList<>();
        if (a.containsKey("codes")) {
            for (String c : a.get("codes").split(",")) {
                if (!c.isBlank()) {
                    codes.add(c.trim());
                }
            }
        } else {
            for (int i = 1; i <= n; i++) {
                codes.add(String.format("WL-%04d", i));
            }
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("no station");
        }
        String town = a.getOrDefault("town", "370399101000");
        if (!town.matches("\\d{12}")) {
            throw new IllegalArgumentException("a town code has 12 digits: " + town);
        }
        String user = null;
        String password = null;
        if (a.containsKey("opcua-user")) {
            String[] p = a.get("opcua-user").split(":", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("--opcua-user USER:PASSWORD");
            }
            user = p[0];
            password = p[1];
        }
        try {
            return new Options(n, codes, town, Double.parseDouble(a.getOrDefault("base", "1.0")),
                    Double.parseDouble(a.getOrDefault("peak", "3.2")),
                    Duration.ofMinutes(Long.parseLong(a.getOrDefault("time-to-peak", "120"))),
                    Double.parseDouble(a.getOrDefault("shape", "3")), Double.parseDouble(a.getOrDefault("noise",
                            "0.01")), Double.parseDouble(a.getOrDefault("speed", "60")),
                    Duration.ofMillis(Math.round(Double.parseDouble(a.getOrDefault("interval", "5")) * 1000)),
                    Long.parseLong(a.getOrDefault("seed", "651")), a.get("mqtt"), a.get("sl651"), sl651Addresses,
                    Integer.parseInt(a.getOrDefault("opcua-port", "-1")), a.getOrDefault("opcua-bind", "127.0.0.1"),
                    user, password, manual, a.containsKey("run-for")
                            ? Duration.ofSeconds(Long.parseLong(a.get("run-for"))) : null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage());
        }
    }

    /** The simulated time of a real instant: the storm starts now and runs {@code speed} times faster. */
    Instant simulated(Instant real) {
        long ms = Duration.between(start, real).toMillis();
        return start.plusMillis(Math.round(ms * o.speed()));
    }

    /** The SL 651 address of a station: given, or its digits zero-padded to 10. */
    String sl651Address(String code) {
        String given = o.sl651Addresses().get(code);
        if (given != null) {
            return given;
        }
        String digits = code.replaceAll("\\D", "");
        if (digits.isEmpty() || digits.length() > 10) {
            throw new IllegalArgumentException("station " + code + " needs --sl651-address " + code + "=NNNNNNNNNN");
        }
        return "0".repeat(10 - digits.length()) + digits;
    }

    void run() throws Exception {
        if (o.mqttUrl() != null) {
            mqtt = new MqttClient(o.mqttUrl(), "onegrid-simulator-" + Long.toHexString(System.nanoTime()),
                    new MemoryPersistence());
            MqttConnectOptions c = new MqttConnectOptions();
            c.setAutomaticReconnect(true);
            c.setCleanSession(true);
            mqtt.connect(c);
            System.out.println("MQTT connected to " + o.mqttUrl());
        }
        if (o.opcuaPort() >= 0) {
            opcua = new OpcUaStationServer(o.opcuaBind(), o.opcuaPort(), o.codes(), o.opcuaUser(), o.opcuaPassword());
            for (String c : o.codes()) {
                opcua.level(c, o.manual() ? o.base() : curves.get(c).level(Duration.ZERO), Instant.now());
            }
            System.out.println("OPC UA serving " + opcua.endpointUrl() + " nodes "
                    + o.codes().stream().map(OpcUaStationServer::nodeId).toList());
        }
        Thread commands = new Thread(this::commands, "commands");
        commands.setDaemon(true);
        commands.start();
        System.out.println("ready");
        System.out.flush();
        Instant end = o.runFor() == null ? null : Instant.now().plus(o.runFor());
        try {
            while (end == null || Instant.now().isBefore(end)) {
                tick();
                Thread.sleep(o.interval().toMillis());
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    private synchronized void tick() {
        Instant now = Instant.now();
        Instant at = simulated(now);
        Duration t = Duration.between(start, at);
        for (Map.Entry<String, Hydrograph> e : curves.entrySet()) {
            Double fixed = overrides.get(e.getKey());
            if (fixed == null && o.manual()) {
                continue;
            }
            publish(e.getKey(), fixed != null ? fixed : e.getValue().measured(t), at);
        }
    }

    private synchronized void publish(String code, double level, Instant simulatedAt) {
        Instant at = simulatedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        System.out.printf(Locale.ROOT, "%s %s %.3f m%n", at.atZone(CST).toLocalDateTime().withNano(0), code, level);
        if (opcua != null) {
            opcua.level(code, level, at);
        }
        if (mqtt != null) {
            send(code, "{\"ts\":\"" + ISO.format(at.atZone(CST).toOffsetDateTime()) + "\",\"level\":"
                    + String.format(Locale.ROOT, "%.3f", level) + "}");
        }
        if (o.sl651() != null) {
            LocalDateTime local = LocalDateTime.ofInstant(at, CST);
            serial = (serial + 1) & 0xFFFF;
            byte[] frame = Sl651Encoder.levelReport(1, sl651Address(code), "1234", serial,
                    LocalDateTime.ofInstant(Instant.now(), CST).withNano(0), local.withSecond(0).withNano(0), level,
                    Sl651Encoder.ETX);
            sendSl651(frame);
        }
    }

    private void send(String code, String json) {
        try {
            MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            mqtt.publish("onegrid/" + o.town() + "/flood/" + code + "/level", m);
        } catch (Exception e) {
            System.err.println("MQTT: " + e.getMessage() + " (retrying with the next reading)");
        }
    }

    private void sendSl651(byte[] frame) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (sl651Socket == null || sl651Socket.isClosed()) {
                    String[] hp = o.sl651().split(":");
                    sl651Socket = new Socket();
                    sl651Socket.connect(new InetSocketAddress(hp[0], Integer.parseInt(hp[1])), 5000);
                }
                OutputStream out = sl651Socket.getOutputStream();
                out.write(frame);
                out.flush();
                return;
            } catch (IOException e) {
                closeQuietly();
                if (attempt == 1) {
                    System.err.println("SL 651: " + e.getMessage() + " (retrying with the next reading)");
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            if (sl651Socket != null) {
                sl651Socket.close();
            }
        } catch (IOException ignored) {
            // closing a broken socket
        }
        sl651Socket = null;
    }

    private void commands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.trim().split("\\s+");
                try {
                    switch (w[0]) {
                        case "" -> {
                        }
                        case "quit" -> {
                            close();
                            System.exit(0);
                        }
                        case "set" -> {
                            station(w[1]);
                            double v = Double.parseDouble(w[2]);
                            overrides.put(w[1], v);
                            // an explicit time (ISO-8601 with offset) lets a test lay readings out like a storm
                            publish(w[1], v, w.length > 3 ? java.time.OffsetDateTime.parse(w[3]).toInstant()
                                    : simulated(Instant.now()));
                        }
                        case "auto" -> overrides.remove(station(w[1]));
                        case "fault" -> fault(station(w[1]));
                        default -> System.err.println("unknown command: " + line);
                    }
                    System.out.println("ok " + line.trim());
                    System.out.flush();
                } catch (RuntimeException e) {
                    System.err.println("bad command '" + line + "': " + e);
                }
            }
        } catch (IOException e) {
            System.err.println("standard input: " + e.getMessage());
        }
    }

    private String station(String code) {
        if (!curves.containsKey(code)) {
            throw new IllegalArgumentException("no station " + code);
        }
        return code;
    }

    private synchronized void fault(String code) {
        Instant at = simulated(Instant.now());
        if (opcua != null) {
            opcua.fault(code, at);
        }
        if (mqtt != null) {
            send(code, "{\"ts\":\"" + ISO.format(at.atOffset(ZoneOffset.ofHours(8))) + "\",\"level\":null}");
        }
    }

    private synchronized void close() {
        try {
            if (mqtt != null && mqtt.isConnected()) {
                mqtt.disconnect();
            }
            if (opcua != null) {
                opcua.close();
                opcua = null;
            }
        } catch (Exception e) {
            System.err.println("closing: " + e.getMessage());
        }
        closeQuietly();
    }
}
