package io.onegrid.plugin.flood.internal;

import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.MqttConsumers;
import io.onegrid.device.api.MqttSubscription;
import io.onegrid.device.api.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The flood plugin's engine: level readings from MQTT are checked, stored, run through the alarm rules of their
 * station, and alarms raise, update and clear; every raise submits one work order to the kernel (channel ALARM, at the
 * station's point, so it is routed to the grid's worker) with an idempotency key made from the alarm's id, so that a
 * retry or a second node never makes a second order.
 *
 * <p>Readings are handled one at a time ({@code synchronized}): the MQTT route delivers them in order on one thread,
 * and acknowledgements from the API are rare. The rules' debounce state lives in memory; at start it is rebuilt from
 * the active alarms, so a restart neither forgets nor repeats an alarm (a pending, not yet raised condition starts
 * its minimum duration again).
 */
@Component(service = FloodService.class, immediate = true, configurationPid = "io.onegrid.flood")
@Designate(ocd = FloodConfig.class)
public final class FloodService {

    static final String LEVEL = "LEVEL";
    static final String RISE = "RISE";
    private static final Logger LOG = LoggerFactory.getLogger(FloodService.class);

    private final FloodStore store;
    private final DeviceRegistry devices;
    private final WorkOrderIntake intake;
    private final FloodConfig config;
    private final Clock clock;
    private final Map<String, AlarmRule> rules = new HashMap<>();
    private volatile MqttSubscription subscription;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AlarmEvents events;

    @Activate
    public FloodService(@Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource db,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=flood)") ModuleSchema schema,
            @Reference DeviceRegistry devices, @Reference WorkOrderIntake intake, @Reference MqttConsumers mqtt,
            FloodConfig config) {
        this(new FloodStore(db), devices, intake, config, Clock.systemUTC());
        // subscribe last: messages may arrive at once
        this.subscription = mqtt.subscribe("flood-level", config.topicFilter(),
                (topic, payload) -> accept(topic, payload));
    }

    FloodService(FloodStore store, DeviceRegistry devices, WorkOrderIntake intake, FloodConfig config, Clock clock) {
        this.store = store;
        this.devices = devices;
        this.intake = intake;
        this.config = config;
        this.clock = clock;
        for (Alarm a : store.activeAlarms()) {
            rule(a.stationCode(), a.type()).reset(true);
        }
    }

    @Deactivate
    void deactivate() {
        MqttSubscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    FloodStore store() {
        return store;
    }

    /** One MQTT message: refused with a counted reason, or stored and judged. */
    synchronized void accept(String topic, byte[] payload) {
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
     * A level from any protocol: refused with a counted reason when the station is unknown (or, with
     * {@code townCode}, belongs to another town) or the level is implausible; stored and judged otherwise.
     *
     * @param townCode the town the message claims, or {@code null} when the protocol carries none (SL 651)
     */
    synchronized void level(String source, String code, String townCode, Instant ts, double level, Instant now) {
        Optional<Station> found = store.station(code);
        if (found.isEmpty() || townCode != null && !found.get().townCode().equals(townCode)) {
            devices.reject(RejectReason.UNKNOWN_DEVICE, source, found.isEmpty() ? "no station " + code
                    : "station " + code + " belongs to town " + found.get().townCode());
            return;
        }
        if (level < config.minLevelMetres() || level > config.maxLevelMetres()) {
            devices.reject(RejectReason.OUT_OF_RANGE, source, "level " + level + " m outside ["
                    + config.minLevelMetres() + ", " + config.maxLevelMetres() + "]");
            return;
        }
        reading(found.get(), ts, level, now);
    }

    /** A valid reading of a known station (from MQTT, or from another protocol's listener). */
    synchronized void reading(Station s, Instant ts, double level, Instant receivedAt) {
        LOG.debug("Reading of {}: {} m at {}", s.code(), level, ts);
        Double previousLevel = s.lastLevel();
        Instant previousTs = s.lastReadingAt();
        if (!store.addReading(s.code(), ts, level, receivedAt)) {
            return; // the same reading again: judged already
        }
        devices.seen(s.code(), receivedAt);
        boolean[] byLevel = AlarmRule.level(level, s.warningLevel(), config.hysteresisMetres());
        judge(s, LEVEL, rule(s.code(), LEVEL).step(ts, byLevel[0], byLevel[1]), ts, level);
        if (s.riseLimit() != null) {
            boolean[] byRise = AlarmRule.rise(previousLevel, previousTs, level, ts, s.riseLimit());
            judge(s, RISE, rule(s.code(), RISE).step(ts, byRise[0], byRise[1]), ts, level);
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
                String note = String.format(Locale.ROOT, "%s 解除：水位 %.2f m 回落至警戒水位 %.2f m 以下（回差 %.2f m）"
                        + " / cleared: level %.2f m below the warning level", ts, level, s.warningLevel(),
                        config.hysteresisMetres(), level);
                if (RISE.equals(type)) {
                    note = ts + " 解除：水位上涨速率回落至 " + s.riseLimit() + " m/h 以下 / cleared: rise rate below limit";
                }
                store.clear(a.id(), ts, level, note);
                LOG.info("Flood alarm {} cleared: station {} {} at {} m", a.id(), s.code(), type, level);
                post("CLEARED", store.alarm(a.id()).orElse(a));
            });
            default -> {
            }
        }
    }

    /**
     * Submits the alarm's work order. A failure (the kernel busy or down) is logged and retried with the next reading
     * under the same idempotency key; the alarm stands either way.
     */
    private void order(Station s, Alarm alarm, double level) {
        String what = LEVEL.equals(alarm.type())
                ? String.format(Locale.ROOT, "水位 %.2f m，超警戒水位 %.2f m%s", level, s.warningLevel(),
                        level >= s.guaranteeLevel() ? String.format(Locale.ROOT, "（已超保证水位 %.2f m）",
                                s.guaranteeLevel()) : "")
                : String.format(Locale.ROOT, "水位 %.2f m，上涨速率超过 %.2f m/h", level, s.riseLimit());
        String description = "积水告警 " + s.code() + "（" + s.name() + "）：" + what + "。请立即前往现场核查处置。";
        try {
            IntakeResult result = intake.submit(Caller.SYSTEM, new Submission(Channels.ALARM, config.category(),
                    description, null, new Location(s.lon(), s.lat()), null, "flood-alarm-" + alarm.id()));
            store.linkOrder(alarm.id(), result.order().id(), result.order().number());
            LOG.info("Flood alarm {} → work order {} ({})", alarm.id(), result.order().number(), result.outcome());
        } catch (RuntimeException e) {
            LOG.warn("Flood alarm {}: submitting its work order failed, retried with the next reading: {}",
                    alarm.id(), e.toString());
        }
    }

    private void post(String what, Alarm alarm) {
        AlarmEvents e = events;
        if (e != null) {
            e.post(what, alarm);
        }
    }

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
        devices.register(new Device(s.code(), s.kind(), s.townCode(), s.regionCode(), s.lon(), s.lat(),
                "RIVER_STATION".equals(s.kind()) ? "SL651" : "MQTT", "flood", null, false));
        return added;
    }
}
