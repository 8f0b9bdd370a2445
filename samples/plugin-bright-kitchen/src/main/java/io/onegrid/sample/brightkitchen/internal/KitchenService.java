package io.onegrid.sample.brightkitchen.internal;

import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.CategoryCatalog;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin's engine. A camera event from MQTT is checked (known camera on its own town's topic, plausible time and
 * confidence), stored, and, at or above the confidence threshold, grouped into an incident: an event of the same
 * camera and type within the de-duplication window of the incident's events joins it, anything else opens a new one.
 * Each incident submits one work order through the kernel's intake SPI (channel ALARM, at the camera's point, so the
 * kernel routes it to the grid's worker and the category's department) with an idempotency key made from the
 * incident's camera, type and first time: a redelivered message, a restart or a second node never makes a second.
 *
 * <p>Only SDK packages are used: the kernel's {@code io.onegrid.api.*} and the gateway's {@code io.onegrid.device.api}.
 */
@Component(service = KitchenService.class, immediate = true, configurationPid = "io.onegrid.sample.brightkitchen")
@Designate(ocd = KitchenConfig.class)
public final class KitchenService {

    static final String PLUGIN = "bright-kitchen";
    /** 明厨亮灶告警 under 08 (food and drug safety): a routine clock of 3 working days, level 2. */
    static final CategoryCatalog.Definition CATEGORY = new CategoryCatalog.Definition("0891", "明厨亮灶告警",
            "Kitchen camera alarm", 2, "ROUTINE", 3);
    private static final Logger LOG = LoggerFactory.getLogger(KitchenService.class);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.ofHours(8));

    private final KitchenStore store;
    private final DeviceRegistry devices;
    private final WorkOrderIntake intake;
    // replaced as a whole by modified(): a configuration change (or Karaf's file watcher re-reading the etc/ file
    // the feature wrote at install) must not restart the component, its subscription and the REST resource on it
    private volatile KitchenConfig config;
    private volatile Map<String, Camera> cameras;
    private MqttConsumers mqtt;
    private final Clock clock;
    private volatile MqttSubscription subscription;

    @Activate
    public KitchenService(@Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource db,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=brightkitchen)") ModuleSchema schema,
            @Reference DeviceRegistry devices, @Reference WorkOrderIntake intake, @Reference MqttConsumers mqtt,
            @Reference CategoryCatalog categories, KitchenConfig config) {
        this(new KitchenStore(db), devices, intake, config, Clock.systemUTC());
        this.mqtt = mqtt;
        // the plugin's own category; the county may rename it or change its clock, and may point category= elsewhere
        if (categories.ensure(CATEGORY)) {
            LOG.info("Bright kitchen: category {} {} added", CATEGORY.code(), CATEGORY.nameZh());
        }
        // subscribe last: messages may arrive at once
        this.subscription = mqtt.subscribe("bright-kitchen", config.topicFilter(), this::accept);
        LOG.info("Bright kitchen: {} camera(s), topic {}", cameras.size(), config.topicFilter());
    }

    KitchenService(KitchenStore store, DeviceRegistry devices, WorkOrderIntake intake, KitchenConfig config,
            Clock clock) {
        this.store = store;
        this.devices = devices;
        this.intake = intake;
        this.config = config;
        this.clock = clock;
        this.cameras = registerCameras(config);
    }

    /** A changed configuration applies in place; the subscription is renewed only when its topic changed. */
    @Modified
    synchronized void modified(KitchenConfig changed) {
        Map<String, Camera> parsed = registerCameras(changed);
        String oldTopic = config.topicFilter();
        config = changed;
        cameras = parsed;
        if (mqtt != null && !oldTopic.equals(changed.topicFilter())) {
            MqttSubscription old = subscription;
            if (old != null) {
                old.close();
            }
            subscription = mqtt.subscribe("bright-kitchen", changed.topicFilter(), this::accept);
        }
        LOG.info("Bright kitchen: configuration applied, {} camera(s), topic {}", parsed.size(),
                changed.topicFilter());
    }

    private Map<String, Camera> registerCameras(KitchenConfig c) {
        Map<String, Camera> parsed = Camera.parse(c.cameras());
        for (Camera camera : parsed.values()) {
            devices.register(new Device(camera.code(), "KITCHEN_CAMERA", camera.townCode(), camera.regionCode(),
                    camera.lon(), camera.lat(), "MQTT", PLUGIN, null, false));
        }
        return parsed;
    }

    @Deactivate
    void deactivate() {
        MqttSubscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    Map<String, Camera> cameras() {
        return cameras;
    }

    /** One MQTT message: refused with a counted reason, or stored and judged. */
    synchronized void accept(String topic, byte[] payload) {
        Instant now = clock.instant();
        EventMessage m;
        try {
            m = EventMessage.parse(topic, payload);
        } catch (EventMessage.Malformed e) {
            devices.reject(RejectReason.MALFORMED, topic, e.getMessage());
            return;
        }
        Camera camera = cameras.get(m.cameraCode());
        if (camera == null || !camera.townCode().equals(m.townCode())) {
            devices.reject(RejectReason.UNKNOWN_DEVICE, topic, camera == null ? "no camera " + m.cameraCode()
                    : "camera " + camera.code() + " belongs to town " + camera.townCode());
            return;
        }
        if (!(m.confidence() >= 0 && m.confidence() <= 1)) {
            devices.reject(RejectReason.OUT_OF_RANGE, topic, "confidence " + m.confidence() + " outside [0, 1]");
            return;
        }
        if (m.ts().isAfter(now.plus(Duration.ofMinutes(config.maxSkewMinutes())))
                || m.ts().isBefore(now.minus(Duration.ofDays(1)))) {
            devices.reject(RejectReason.OUT_OF_RANGE, topic, "time " + m.ts() + " too far from now " + now);
            return;
        }
        OptionalLong eventId = store.addEvent(camera, m, now);
        devices.seen(camera.code(), now);
        if (eventId.isEmpty()) {
            return; // the same event again: judged already
        }
        if (m.confidence() < config.minConfidence()) {
            LOG.debug("Kitchen event {} {} below the threshold: {}", camera.code(), m.type(), m.confidence());
            return;
        }
        Duration window = Duration.ofMinutes(config.dedupMinutes());
        Incident incident = store.latestIncident(camera.code(), m.type())
                .filter(i -> !m.ts().isBefore(i.firstTs().minus(window)) && !m.ts().isAfter(i.lastTs().plus(window)))
                .map(i -> store.join(i, m.ts(), m.confidence()))
                .orElseGet(() -> store.openIncident(camera, m.type(), m.ts(), m.confidence()));
        store.linkEvent(eventId.getAsLong(), incident.id());
        if (incident.workOrderId() == null) {
            order(camera, incident, m); // a new incident, or the intake failed before: same key either way
        }
    }

    /**
     * Submits the incident's work order. A failure (the kernel busy or down) is logged and retried with the next
     * event of the incident under the same idempotency key; the event stays stored either way.
     */
    private void order(Camera camera, Incident incident, EventMessage m) {
        String description = String.format(Locale.ROOT, "明厨亮灶告警：%s（摄像头 %s）%s，AI 置信度 %.2f，时间 %s。%s"
                + "请核查后厨并督促整改。", camera.name(), camera.code(), m.type().zh(), m.confidence(),
                LOCAL.format(m.ts()), m.snapshot() == null ? "" : "抓拍：" + m.snapshot() + "。");
        try {
            IntakeResult result = intake.submit(Caller.SYSTEM, new Submission(Channels.ALARM, config.category(),
                    description, null, new Location(camera.lon(), camera.lat()), null, incident.idempotencyKey()));
            store.linkOrder(incident.id(), result.order().id(), result.order().number());
            LOG.info("Kitchen incident {} ({} {}) → work order {} ({})", incident.id(), camera.code(), m.type(),
                    result.order().number(), result.outcome());
        } catch (RuntimeException e) {
            LOG.warn("Kitchen incident {}: submitting its work order failed, retried with its next event: {}",
                    incident.id(), e.toString());
        }
    }

    /** The newest events of the cameras the caller may see (by the camera's region), newest first. */
    List<KitchenEvent> recent(Caller caller, int limit) {
        List<String> visible = cameras.values().stream()
                .filter(c -> caller.scope().isUnrestricted()
                        || RegionCode.tryParse(c.regionCode()).map(caller.scope()::coversRegion).orElse(false))
                .map(Camera::code).toList();
        return store.recent(visible, cameras, limit);
    }

    /** The cameras the caller may see. */
    List<Camera> cameras(Caller caller) {
        return cameras.values().stream()
                .filter(c -> caller.scope().isUnrestricted()
                        || RegionCode.tryParse(c.regionCode()).map(caller.scope()::coversRegion).orElse(false))
                .toList();
    }
}
