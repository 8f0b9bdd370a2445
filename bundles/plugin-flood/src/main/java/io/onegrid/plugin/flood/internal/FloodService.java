package io.onegrid.plugin.flood.internal;

import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.api.workorder.WorkOrderService;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import io.onegrid.device.api.MqttSubscription;
import io.onegrid.device.api.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
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
 * The flood plugin's engine: level readings from MQTT, SL 651 (and any other receiver calling {@link #level}) are
 * checked, queued, written in batches, and run through the alarm rules of their station one by one; alarms raise,
 * update and clear; every raise submits one work order to the kernel (channel ALARM, at the station's point, so it is
 * routed to the grid's worker) with an idempotency key made from the alarm's id, so that a retry or a second node
 * never makes a second order, and every clear notes on that order what the water did.
 *
 * <p>Readings wait in a bounded queue ({@link Ingest}) drained by one writer: up to {@code ingestBatchSize} readings
 * share a transaction, while alarms are judged per reading in arrival order, after their batch is committed. The
 * rules' debounce state and each station's newest level live in memory; at start they are rebuilt from the active
 * alarms and the stations, so a restart neither forgets nor repeats an alarm (a pending, not yet raised condition
 * starts its minimum duration again).
 *
 * <p>Stations that stop reporting: every stored reading sets its station's {@code offline_due} (arrival + the
 * station's silence limit, else the device registry's heartbeat timeout of its kind); a scan every
 * {@code offlineScanSeconds} reads the due stations through that column's index and raises one OFFLINE alarm each
 * (claimed by a conditional UPDATE, so once across nodes and restarts); the next reading clears it.
 */
@Component(service = FloodService.class, immediate = true, configurationPid = "io.onegrid.flood")
@Designate(ocd = FloodConfig.class)
public final class FloodService {

    static final String LEVEL = "LEVEL";
    static final String RISE = "RISE";
    static final String OFFLINE = "OFFLINE";
    /** Times in notes and orders: the stations' and the operators' clock. */
    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Logger LOG = LoggerFactory.getLogger(FloodService.class);
    /** How long a station's configuration is trusted before it is read again (another node may have changed it). */
    private static final long STATION_TTL_MILLIS = 60_000;

    private final FloodStore store;
    private final Rollup rollup;
    private final DeviceRegistry devices;
    private final WorkOrderIntake intake;
    private final FloodConfig config;
    private final Clock clock;
    private final Map<String, AlarmRule> rules = new HashMap<>();
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();
    private volatile Set<String> offline;
    private volatile MqttSubscription subscription;
    private volatile Ingest ingest;
    private volatile ScheduledExecutorService timers;
    /** Readings stored since start (benchmarks, health). */
    final AtomicLong stored = new AtomicLong();

    /** Where notes on work orders go (the kernel); {@code null} in tests that do not look at them. */
    volatile WorkOrderService orders;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AlarmEvents events;

    /**
     * A station as last read, with its newest level for the rate-of-rise rule, and what its row should show but was
     * not written yet (written at most every {@code stationWriteSeconds}; guarded by the engine's lock).
     */
    private static final class Known {
        volatile Station station;
        volatile long loadedAt;
        Double lastLevel;
        Instant lastTs;
        FloodStore.StationWrite pending;
        long writtenAt;

        Known(Station s, long now) {
            this.station = s;
            this.loadedAt = now;
            this.lastLevel = s.lastLevel();
            this.lastTs = s.lastReadingAt();
        }

        void observe(FloodStore.NewReading r) {
            FloodStore.StationWrite p = pending;
            boolean newer = p == null || !r.ts().isBefore(p.ts());
            pending = new FloodStore.StationWrite(r.station(), newer ? r.level() : p.level(), newer ? r.ts() : p.ts(),
                    r.receivedAt(), r.offlineDue());
        }
    }

    @Activate
    public FloodService(@Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource db,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=flood)") ModuleSchema schema,
            @Reference DeviceRegistry devices, @Reference WorkOrderIntake intake, @Reference WorkOrderService orders,
            @Reference MqttConsumers mqtt, FloodConfig config) {
        this(new FloodStore(db), devices, intake, config, Clock.systemUTC());
        this.orders = orders;
        startBackground();
        // subscribe last: messages may arrive at once
        this.subscription = mqtt.subscribe("flood-level", config.topicFilter(),
                (topic, payload) -> accept(topic, payload));
    }

    /** The engine without threads: every reading is written and judged in the caller's thread (tests). */
    FloodService(FloodStore store, DeviceRegistry devices, WorkOrderIntake intake, FloodConfig config, Clock clock) {
        this.store = store;
        this.rollup = new Rollup(store.sql());
        this.devices = devices;
        this.intake = intake;
        this.config = config;
        this.clock = clock;
        for (Alarm a : store.activeAlarms()) {
            if (!OFFLINE.equals(a.type())) {
                rule(a.stationCode(), a.type()).reset(true);
            }
        }
        this.offline = ConcurrentHashMap.newKeySet();
        this.offline.addAll(store.offlineStations());
    }

    /** Starts the writer thread and the timers of the offline scan and the downsampling (in the container). */
    void startBackground() {
        ingest = new Ingest(config.ingestQueueCapacity(), config.ingestBatchSize(), this::process);
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "onegrid-flood-timers");
            thread.setDaemon(true);
            return thread;
        });
        t.scheduleWithFixedDelay(this::scanOfflineQuietly, config.offlineScanSeconds(), config.offlineScanSeconds(),
                TimeUnit.SECONDS);
        t.scheduleWithFixedDelay(this::rollupQuietly, 15, config.rollupIntervalSeconds(), TimeUnit.SECONDS);
        if (config.stationWriteSeconds() > 0) {
            t.scheduleWithFixedDelay(this::flushDueQuietly, config.stationWriteSeconds(),
                    config.stationWriteSeconds(), TimeUnit.SECONDS);
        }
        timers = t;
    }

    /** Stops receiving, then writes what is queued before returning: a normal stop loses no accepted reading. */
    @Deactivate
    void deactivate() {
        MqttSubscription s = subscription;
        if (s != null) {
            s.close();
        }
        Ingest i = ingest;
        if (i != null) {
            i.stop();
        }
        ScheduledExecutorService t = timers;
        if (t != null) {
            // no interrupt: Derby closes a connection whose thread is interrupted; a run in progress ends by itself
            stopping = true;
            t.shutdown();
            try {
                t.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }

    /** Set when the component stops: a downsampling run in progress stops between stations. */
    private volatile boolean stopping;

    private void flushQuietly() {
        try {
            flush(Long.MAX_VALUE, true);
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("Flood stations: writing their last readings failed, tried again: {}", e.toString());
        }
    }

    /** Stations that stopped reporting right after a batch: their last row is written by the timer. */
    private void flushDueQuietly() {
        try {
            flush(clock.millis(), false);
        } catch (RuntimeException | java.sql.SQLException e) {
            LOG.warn("Flood stations: writing their last readings failed, tried again: {}", e.toString());
        }
    }

    /** Writes the station rows kept in memory: all of them, or those not written for the interval. */
    synchronized void flush(long nowMillis, boolean all) throws java.sql.SQLException {
        List<FloodStore.StationWrite> writes = due(nowMillis, all);
        store.writeStations(writes);
        written(writes, nowMillis);
    }

    /**
     * Writes the station's row if the writer holds a newer one in memory.
     *
     * @return whether it did (the station reported since its row was written: not silent)
     */
    private synchronized boolean flushStation(String code) throws java.sql.SQLException {
        Known k = known.get(code);
        if (k == null || k.pending == null) {
            return false;
        }
        List<FloodStore.StationWrite> writes = List.of(k.pending);
        store.writeStations(writes);
        written(writes, clock.millis());
        return true;
    }

    /** Stations whose row is due to be written: every one pending with {@code all}, else those written long ago. */
    private List<FloodStore.StationWrite> due(long nowMillis, boolean all) {
        long every = config.stationWriteSeconds() * 1000L;
        List<FloodStore.StationWrite> writes = new ArrayList<>();
        for (Known k : known.values()) {
            if (k.pending != null && (all || every == 0 || nowMillis - k.writtenAt >= every)) {
                writes.add(k.pending);
            }
        }
        return writes;
    }

    private void written(List<FloodStore.StationWrite> writes, long nowMillis) {
        for (FloodStore.StationWrite w : writes) {
            Known k = known.get(w.station());
            if (k != null && k.pending == w) {
                k.pending = null;
                k.writtenAt = nowMillis == Long.MAX_VALUE ? clock.millis() : nowMillis;
            }
        }
    }

    FloodStore store() {
        return store;
    }

    Rollup downsampling() {
        return rollup;
    }

    FloodConfig config() {
        return config;
    }

    /** Readings waiting for the writer. */
    int queued() {
        Ingest i = ingest;
        return i == null ? 0 : i.queued();
    }

    // ---- receiving -----------------------------------------------------------------------------------------------

    /** One MQTT message: refused with a counted reason, or queued. */
    void accept(String topic, byte[] payload) {
        Instant now = clock.instant();
        ReadingMessage m;
        try {
            m = ReadingMessage.parse(topic, payload, now);
        } catch (ReadingMessage.Malformed e) {
            devices.reject(RejectReason.MALFORMED, topic, e.getMessage());
            return;
        }
        level(topic, m.deviceCode(), m.townCode(), m.ts(), m.level(), now);
    }

    /**
     * A level from any protocol: refused with a counted reason when the station is unknown or retired (or, with
     * {@code townCode}, belongs to another town) or the level is implausible; stored and judged otherwise. With the
     * writer running, the reading is queued (the call waits while the queue is full) and judged in arrival order.
     *
     * @param townCode the town the message claims, or {@code null} when the protocol carries none (SL 651)
     */
    void level(String source, String code, String townCode, Instant ts, double level, Instant now) {
        Ingest.Pending p = new Ingest.Pending(source, code, townCode, ts, level, now);
        Ingest i = ingest;
        if (i != null) {
            i.put(p);
        } else {
            process(List.of(p));
        }
    }

    /** A valid reading of a known station. */
    void reading(Station s, Instant ts, double level, Instant receivedAt) {
        level(s.code(), s.code(), null, ts, level, receivedAt);
    }

    /** Writes one batch (one transaction), then judges its readings one by one in order. */
    synchronized void process(List<Ingest.Pending> batch) {
        Instant now = clock.instant();
        Instant tooOld = now.minus(Duration.ofDays(config.rawRetentionDays() - 1L));
        List<FloodStore.NewReading> accepted = new ArrayList<>(batch.size());
        List<Known> stations = new ArrayList<>(batch.size());
        Set<String> keys = new HashSet<>();
        for (Ingest.Pending p : batch) {
            Known k = known(p.code(), now);
            Station s = k == null ? null : k.station;
            if (s == null || !s.active() || p.townCode() != null && !s.townCode().equals(p.townCode())) {
                devices.reject(RejectReason.UNKNOWN_DEVICE, p.source(), s == null ? "no station " + p.code()
                        : !s.active() ? "station " + p.code() + " is retired"
                        : "station " + p.code() + " belongs to town " + s.townCode());
                continue;
            }
            if (p.level() < config.minLevelMetres() || p.level() > config.maxLevelMetres()) {
                devices.reject(RejectReason.OUT_OF_RANGE, p.source(), "level " + p.level() + " m outside ["
                        + config.minLevelMetres() + ", " + config.maxLevelMetres() + "]");
                continue;
            }
            if (p.ts().isBefore(tooOld)) {
                devices.reject(RejectReason.OUT_OF_RANGE, p.source(), "observed at " + p.ts() + ", older than the "
                        + "raw retention of " + config.rawRetentionDays() + " days allows");
                continue;
            }
            if (!keys.add(p.code() + "|" + p.ts())) {
                continue; // the same reading twice in one batch: a redelivery
            }
            accepted.add(new FloodStore.NewReading(s.code(), p.ts(), p.level(), p.receivedAt(),
                    p.receivedAt().plus(silenceLimit(s))));
            stations.add(k);
        }
        if (accepted.isEmpty()) {
            return;
        }
        for (int i = 0; i < accepted.size(); i++) {
            stations.get(i).observe(accepted.get(i));
        }
        List<FloodStore.StationWrite> writes = due(now.toEpochMilli(), false);
        List<FloodStore.NewReading> written;
        try {
            written = store.storeReadings(accepted, now.minusSeconds(config.rollupDelaySeconds()), writes);
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.error("Flood readings: storing {} readings failed; they are lost: {}", accepted.size(), e.toString());
            return;
        }
        written(writes, now.toEpochMilli());
        stored.addAndGet(written.size());
        Set<FloodStore.NewReading> fresh = written.size() == accepted.size() ? null
                : java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (fresh != null) {
            fresh.addAll(written);
        }
        for (int i = 0; i < accepted.size(); i++) {
            FloodStore.NewReading r = accepted.get(i);
            if (fresh != null && !fresh.contains(r)) {
                continue; // stored before: judged already
            }
            devices.seen(r.station(), r.receivedAt());
            try {
                judge(stations.get(i), r);
            } catch (RuntimeException e) {
                LOG.warn("Flood alarms of station {}: judging the reading of {} failed: {}", r.station(), r.ts(),
                        e.toString());
            }
        }
    }

    /** The station's silence limit: its own, else the registry's heartbeat timeout of its kind. */
    private Duration silenceLimit(Station s) {
        return s.offlineAfterSeconds() != null ? Duration.ofSeconds(s.offlineAfterSeconds())
                : devices.heartbeatTimeout(s.kind());
    }

    /** The station by code from memory (read again after a minute), else from the database; null when unknown. */
    private Known known(String code, Instant now) {
        long millis = now.toEpochMilli();
        Known k = known.get(code);
        if (k != null && millis - k.loadedAt < STATION_TTL_MILLIS) {
            return k;
        }
        Long until = unknownUntil.get(code);
        if (k == null && until != null && millis < until) {
            return null;
        }
        Optional<Station> s = store.station(code);
        if (s.isEmpty()) {
            known.remove(code);
            if (unknownUntil.size() > 10_000) {
                unknownUntil.clear();
            }
            unknownUntil.put(code, millis + 30_000);
            return null;
        }
        unknownUntil.remove(code);
        if (k == null) {
            k = new Known(s.get(), millis);
            known.put(code, k);
        } else {
            k.station = s.get();
            k.loadedAt = millis;
        }
        return k;
    }

    /** Forgets what is cached of a station (after it was changed here). */
    void forget(String code) {
        known.remove(code);
        unknownUntil.remove(code);
    }

    // ---- alarms ----------------------------------------------------------------------------------------------------

    private void judge(Known k, FloodStore.NewReading r) {
        Station s = k.station;
        Double previousLevel = k.lastLevel;
        Instant previousTs = k.lastTs;
        if (previousTs == null || !r.ts().isBefore(previousTs)) {
            k.lastLevel = r.level();
            k.lastTs = r.ts();
        }
        if (offline.contains(s.code())) {
            back(s, r);
        }
        boolean[] byLevel = AlarmRule.level(r.level(), s.warningLevel(), config.hysteresisMetres());
        judge(s, LEVEL, rule(s.code(), LEVEL).step(r.ts(), byLevel[0], byLevel[1]), r.ts(), r.level());
        if (s.riseLimit() != null) {
            boolean[] byRise = AlarmRule.rise(previousLevel, previousTs, r.level(), r.ts(), s.riseLimit());
            judge(s, RISE, rule(s.code(), RISE).step(r.ts(), byRise[0], byRise[1]), r.ts(), r.level());
        }
    }

    private AlarmRule rule(String station, String type) {
        return rules.computeIfAbsent(station + "|" + type,
                k -> new AlarmRule(Duration.ofSeconds(config.minDurationSeconds()), false));
    }

    private void judge(Station s, String type, AlarmRule.Decision decision, Instant ts, double level) {
        String severity = level >= s.guaranteeLevel() ? "GUARANTEE" : "WARNING";
        switch (decision) {
            case RAISE -> {
                Alarm alarm = store.raise(s, type, severity, ts, level);
                LOG.info("Flood alarm {} raised: station {} {} at {} m", alarm.id(), s.code(), type, level);
                order(s, alarm, level);
                post("RAISED", store.alarm(alarm.id()).orElse(alarm));
            }
            case UPDATE -> {
                Optional<Alarm> active = store.active(s.code(), type);
                if (active.isEmpty()) {
                    // cleared meanwhile (another node): judge afresh from the next reading
                    rule(s.code(), type).reset(false);
                    return;
                }
                store.update(active.get().id(), severity, ts, level);
                if (active.get().workOrderId() == null) {
                    order(s, active.get(), level); // the intake failed at the raise: try again, same key
                }
            }
            case CLEAR -> store.active(s.code(), type).ifPresent(a -> {
                String at = HH_MM.format(ts.atZone(LOCAL));
                String note = RISE.equals(type)
                        ? String.format(Locale.ROOT, "%s 水位上涨速率回落至 %.2f m/h 以下（水位 %.2f m），告警解除 / rise rate"
                                + " back below %.2f m/h (level %.2f m) at %s, alarm cleared", at, s.riseLimit(), level,
                                s.riseLimit(), level, at)
                        : String.format(Locale.ROOT, "水位回落至 %.2f m（%s），低于警戒水位 %.2f m，告警解除 / water level "
                                + "back to %.2f m at %s, below the warning level %.2f m: alarm cleared", level, at,
                                s.warningLevel(), level, at, s.warningLevel());
                if (store.clear(a.id(), ts, level, note)) {
                    LOG.info("Flood alarm {} cleared: station {} {} at {} m", a.id(), s.code(), type, level);
                    Alarm cleared = store.alarm(a.id()).orElse(a);
                    post("CLEARED", cleared);
                    note(cleared, note);
                }
            });
            default -> {
            }
        }
    }

    /** A reading from a station with an active OFFLINE alarm: it reports again, so the alarm clears. */
    private void back(Station s, FloodStore.NewReading r) {
        offline.remove(s.code());
        store.active(s.code(), OFFLINE).ifPresent(a -> {
            String at = HH_MM.format(r.receivedAt().atZone(LOCAL));
            String note = String.format(Locale.ROOT, "%s 恢复上报（水位 %.2f m），离线告警解除 / reporting again at %s "
                    + "(level %.2f m), offline alarm cleared", at, r.level(), at, r.level());
            if (store.clear(a.id(), r.receivedAt(), r.level(), note)) {
                LOG.info("Flood alarm {} cleared: station {} reports again", a.id(), s.code());
                Alarm cleared = store.alarm(a.id()).orElse(a);
                post("CLEARED", cleared);
                note(cleared, note);
            }
        });
    }

    /**
     * Submits the alarm's work order. A failure (the kernel busy or down) is logged and retried with the next reading
     * and by the offline scan, under the same idempotency key; the alarm stands either way.
     */
    private void order(Station s, Alarm alarm, double level) {
        String what = switch (alarm.type()) {
            case LEVEL -> String.format(Locale.ROOT, "水位 %.2f m，超警戒水位 %.2f m%s", level, s.warningLevel(),
                    level >= s.guaranteeLevel() ? String.format(Locale.ROOT, "（已超保证水位 %.2f m）",
                            s.guaranteeLevel()) : "");
            case RISE -> String.format(Locale.ROOT, "水位 %.2f m，上涨速率超过 %.2f m/h", level, s.riseLimit());
            default -> "已超过 " + silenceLimit(s).toMinutes() + " 分钟未上报数据" + (s.lastReceivedAt() == null ? ""
                    : "（最后一次 " + SHOWN.format(s.lastReceivedAt().atZone(LOCAL)) + String.format(Locale.ROOT,
                            "，水位 %.2f m）", s.lastLevel() == null ? 0 : s.lastLevel()));
        };
        boolean silent = OFFLINE.equals(alarm.type());
        String description = (silent ? "水位站离线 " : "积水告警 ") + s.code() + "（" + s.name() + "）：" + what
                + (silent ? "。请检查设备供电与通信，汛期请安排人工观测。" : "。请立即前往现场核查处置。");
        try {
            IntakeResult result = intake.submit(Caller.SYSTEM, new Submission(Channels.ALARM,
                    silent ? config.offlineCategory() : config.category(), description, null,
                    new Location(s.lon(), s.lat()), null, "flood-alarm-" + alarm.id()));
            store.linkOrder(alarm.id(), result.order().id(), result.order().number());
            LOG.info("Flood alarm {} → work order {} ({})", alarm.id(), result.order().number(), result.outcome());
        } catch (RuntimeException e) {
            LOG.warn("Flood alarm {}: submitting its work order failed, retried later: {}", alarm.id(), e.toString());
        }
    }

    /** Notes on the alarm's work order what happened (the kernel's comment command, as the system). */
    private void note(Alarm alarm, String text) {
        WorkOrderService o = orders;
        if (o == null || alarm.workOrderId() == null) {
            return;
        }
        try {
            o.command(Caller.SYSTEM, alarm.workOrderId(), WorkOrderCommand.comment(text));
        } catch (ProblemException e) {
            // the order is closed or rejected already: the note stays on the alarm
            LOG.debug("Flood alarm {}: no note on work order {}: {}", alarm.id(), alarm.workOrderNumber(),
                    e.detail());
        } catch (RuntimeException e) {
            LOG.warn("Flood alarm {}: noting the clear on work order {} failed: {}", alarm.id(),
                    alarm.workOrderNumber(), e.toString());
        }
    }

    private void post(String what, Alarm alarm) {
        AlarmEvents e = events;
        if (e != null) {
            e.post(what, alarm);
        }
    }

    // ---- timers ------------------------------------------------------------------------------------------------

    private void scanOfflineQuietly() {
        try {
            scanOffline();
        } catch (RuntimeException e) {
            LOG.warn("Flood offline scan failed, tried again in {} s: {}", config.offlineScanSeconds(), e.toString());
        }
    }

    private void rollupQuietly() {
        try {
            Rollup.Result r = rollup();
            LOG.debug("Flood downsampling: {}", r);
        } catch (RuntimeException e) {
            LOG.warn("Flood downsampling failed, tried again in {} s: {}", config.rollupIntervalSeconds(),
                    e.toString());
        }
    }

    /** Aggregates and purges readings now (the timer's work). */
    Rollup.Result rollup() {
        return rollup.run(clock.instant(), Duration.ofSeconds(config.rollupDelaySeconds()), config.rawRetentionDays(),
                config.minuteRetentionDays(), config.hourRetentionDays(), () -> stopping);
    }

    /**
     * Raises an OFFLINE alarm (and its work order) for every station whose silence limit has passed, and submits
     * again the orders of active alarms whose intake failed.
     *
     * @return how many OFFLINE alarms were raised
     */
    int scanOffline() {
        Instant now = clock.instant();
        Set<String> active = ConcurrentHashMap.newKeySet();
        active.addAll(store.offlineStations());
        offline = active;
        int raised = 0;
        for (Object[] due : store.offlineDue(now, 1000)) {
            Optional<Station> s = store.station((String) due[0]);
            if (s.isEmpty() || !s.get().active()) {
                continue;
            }
            try {
                if (flushStation(s.get().code())) {
                    continue; // it reported since its row was written: its new deadline is in the database now
                }
                Optional<Long> id = store.claimOffline(s.get(), (Instant) due[1], now);
                if (id.isEmpty()) {
                    continue;
                }
                raised++;
                active.add(s.get().code());
                Alarm alarm = store.alarm(id.get()).orElseThrow();
                LOG.info("Flood alarm {} raised: station {} silent since {}", alarm.id(), s.get().code(),
                        s.get().lastReceivedAt());
                order(s.get(), alarm, alarm.lastLevel());
                post("RAISED", store.alarm(alarm.id()).orElse(alarm));
            } catch (java.sql.SQLException | RuntimeException e) {
                LOG.warn("Flood offline alarm of station {} failed, tried again at the next scan: {}", due[0],
                        e.toString());
            }
        }
        for (Alarm a : store.activeWithoutOrder()) {
            store.station(a.stationCode()).ifPresent(s -> order(s, a, a.lastLevel()));
        }
        return raised;
    }

    // ---- operators -------------------------------------------------------------------------------------------------

    /** RAISED &rarr; ACKNOWLEDGED by an operator who may see the alarm. */
    synchronized Alarm acknowledge(Caller caller, long id) {
        Alarm alarm = store.alarm(id).filter(a -> caller.scope().isUnrestricted()
                || io.onegrid.api.region.RegionCode.tryParse(a.regionCode()).map(caller.scope()::coversRegion)
                        .orElse(false))
                .orElseThrow(() -> ProblemException.notFound("No alarm " + id));
        if (!store.acknowledge(id, caller.name(), clock.instant())) {
            throw new ProblemException(ProblemType.CONFLICT, "Alarm " + id + " is " + alarm.state()
                    + "; only a RAISED alarm can be acknowledged", Map.of("state", alarm.state()), null);
        }
        return store.alarm(id).orElseThrow();
    }

    List<Station> stations(Caller caller) {
        return store.stations(caller.scope());
    }

    /** Adds a station and registers it as a device; false when it exists. */
    boolean addStation(Station s) {
        boolean added = store.addStation(s, clock.instant());
        if (added) {
            forget(s.code());
        }
        devices.register(device(s));
        return added;
    }

    /** Changes an active station and its device entry; false when there is none. */
    synchronized boolean updateStation(Station s) {
        boolean changed = store.updateStation(s);
        if (changed) {
            forget(s.code());
            devices.register(device(s));
        }
        return changed;
    }

    /**
     * Takes a station out of service: readings from it are refused from now on, its active alarms clear (noted on
     * their orders), its device is retired in the registry.
     */
    synchronized boolean retireStation(Caller caller, String code) {
        Instant now = clock.instant();
        if (!store.retireStation(code, now)) {
            return false;
        }
        forget(code);
        offline.remove(code);
        for (String type : List.of(LEVEL, RISE, OFFLINE)) {
            rules.remove(code + "|" + type);
            store.active(code, type).ifPresent(a -> {
                String note = SHOWN.format(now.atZone(LOCAL)) + " 水位站停用（" + caller.displayName() + "），告警解除"
                        + " / station retired by " + caller.name() + ", alarm cleared";
                if (store.clear(a.id(), now, a.lastLevel(), note)) {
                    Alarm cleared = store.alarm(a.id()).orElse(a);
                    post("CLEARED", cleared);
                    note(cleared, note);
                }
            });
        }
        devices.retire(code, now);
        return true;
    }

    private static Device device(Station s) {
        return new Device(s.code(), s.kind(), s.townCode(), s.regionCode(), s.lon(), s.lat(),
                "RIVER_STATION".equals(s.kind()) ? "SL651" : "MQTT", "flood", null, false);
    }
}
