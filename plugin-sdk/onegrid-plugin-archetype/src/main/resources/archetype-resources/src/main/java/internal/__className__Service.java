package ${package}.internal;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderIntake;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Turns reports into work orders through the kernel's intake SPI, which validates, routes (place &rarr; grid &rarr;
 * grid worker, category &rarr; department) and records the trail; keeps the latest reports for
 * {@code GET /${pluginId}/reports}.
 */
@Component(service = ${className}Service.class, configurationPid = "${package}")
@Designate(ocd = ${className}Config.class)
public final class ${className}Service {

    /** The intake channel of this plugin's reports (analytics and the trail show it). */
    public static final String CHANNEL = "${pluginId}".toUpperCase(Locale.ROOT).replace('-', '_');

    /**
     * A report that became a work order.
     *
     * @param orderId     the work order's id ({@code GET /api/v1/workorders/{id}})
     * @param orderNumber its number
     * @param regionCode  where it is (village or town)
     * @param gridCode    its grid, when the place lies in one
     * @param outcome     {@code CREATED}, {@code REPLAYED} (same key again) or {@code LINKED} (to an open order nearby)
     * @param at          when it was accepted
     */
    public record Submitted(long orderId, String orderNumber, String regionCode, String gridCode, String outcome,
            Instant at) {
    }

    private final WorkOrderIntake intake;
    private final ${className}Config config;
    private final Deque<Submitted> recent = new ArrayDeque<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    @Activate
    public ${className}Service(@Reference WorkOrderIntake intake, ${className}Config config) {
        this.intake = intake;
        this.config = config;
    }

    /**
     * Submits a report as {@code caller}, who needs {@code workorder.submit}; refusals are the intake's problems
     * (403, 422 naming each bad field, 409 for a reused key) and change nothing.
     */
    public Submitted submit(Caller caller, Report report) {
        try {
            String category = report.category() == null || report.category().isBlank() ? config.defaultCategory()
                    : report.category();
            IntakeResult result = intake.submit(caller, new Submission(CHANNEL, category, report.description(),
                    report.addressCode(), null, null, report.idempotencyKey()));
            WorkOrder order = result.order();
            Submitted s = new Submitted(order.id(), order.number(), order.regionCode(), order.gridCode(),
                    result.outcome().name(), Instant.now());
            synchronized (recent) {
                recent.addFirst(s);
                while (recent.size() > config.recentLimit()) {
                    recent.removeLast();
                }
            }
            accepted.incrementAndGet();
            return s;
        } catch (RuntimeException e) {
            rejected.incrementAndGet();
            throw e;
        }
    }

    /** The latest reports whose place lies in the caller's scope, newest first. */
    public List<Submitted> recent(Caller caller) {
        synchronized (recent) {
            return recent.stream().filter(s -> visible(caller, s)).toList();
        }
    }

    private static boolean visible(Caller caller, Submitted s) {
        String place = s.gridCode() != null ? s.gridCode() : s.regionCode();
        return place != null && caller.scope().coversRegion(RegionCode.parse(place));
    }

    /** Reports accepted since the plugin started. */
    public long accepted() {
        return accepted.get();
    }

    /** Reports refused since the plugin started. */
    public long rejected() {
        return rejected.get();
    }
}
