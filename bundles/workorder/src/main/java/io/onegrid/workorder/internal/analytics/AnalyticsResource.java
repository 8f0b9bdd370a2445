package io.onegrid.workorder.internal.analytics;

import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.workorder.internal.WorkOrderKernel;
import io.onegrid.workorder.internal.analytics.Analytics.Bulletin;
import io.onegrid.workorder.internal.analytics.Analytics.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /analytics}: summary, breakdowns, hotspots, rankings and the daily bulletin of a town, each computed by the
 * database within the caller's scope (the order list's). Filters: {@code from}, {@code to} (creation, ISO date or
 * date-time), {@code region}, {@code category}, {@code department}, {@code channel}.
 */
@Component(service = RestResource.class)
public final class AnalyticsResource implements RestResource {

    private final Analytics analytics;
    private final WorkOrderKernel kernel;
    private final Clock clock;

    @Activate
    public AnalyticsResource(@Reference WorkOrderKernel kernel,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=workorder)") ModuleSchema schema,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference RegionService regions, @Reference DepartmentService departments) {
        this.kernel = kernel;
        this.clock = Clock.systemUTC();
        this.analytics = new Analytics(dataSource, clock, kernel::zone, regions, departments);
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/analytics/summary", req -> analytics.summary(req.requireCaller(), filter(req)))
                .summary("Counts by state, open, overdue, on-time rate of resolved orders, average handling time and"
                        + " satisfaction of the orders in the caller's scope")
                .tag("analytics").returns(Analytics.Summary.class).permission(Permissions.WORKORDER_READ)
                .queryParam("from", "created from: ISO date or date-time").queryParam("to", "created before")
                .queryParam("region", "region code: orders there or below")
                .queryParam("category", "2-digit major or 4-digit minor category")
                .queryParam("department", "handling department (joint children included)")
                .queryParam("channel", "intake channel");
        routes.get("/analytics/breakdown", req -> analytics.breakdown(req.requireCaller(), filter(req),
                        enumOf(Analytics.By.class, "by", req.query("by").orElse(null)), level(req, RegionLevel.TOWN)))
                .summary("The summary's measures per category, region (level=town|village|grid), department, channel,"
                        + " day or month")
                .tag("analytics").returns(Analytics.Breakdown.class).permission(Permissions.WORKORDER_READ)
                .queryParam("by", "category | region | department | channel | day | month")
                .queryParam("level", "with by=region: town (default), village or grid");
        routes.get("/analytics/hotspots", req -> analytics.hotspots(req.requireCaller(), filter(req),
                        level(req, RegionLevel.VILLAGE), req.queryInt("limit").orElse(20)))
                .summary("Area x category x hour-of-day counts, busiest first").tag("analytics")
                .permission(Permissions.WORKORDER_READ)
                .queryParam("level", "area: town, village (default) or grid")
                .queryParam("limit", "how many, 1-" + Analytics.MAX_LIMIT + " (20)");
        routes.get("/analytics/rankings", req -> analytics.rankings(req.requireCaller(), filter(req),
                        enumOf(Analytics.Of.class, "of", req.query("of").orElse(null)), req.query("sort").orElse(null),
                        req.queryInt("limit").orElse(20)))
                .summary("Departments or villages ranked by on-time rate, handling time, satisfaction or volume")
                .tag("analytics").returns(Analytics.Ranking.class).permission(Permissions.WORKORDER_READ)
                .queryParam("of", "department | village")
                .queryParam("sort", "onTimeRate (default) | handlingTime | satisfaction | volume")
                .queryParam("limit", "how many, 1-" + Analytics.MAX_LIMIT + " (20)");
        routes.get("/analytics/bulletin", this::bulletin)
                .summary("A town's daily bulletin: new, resolved, overdue, top categories, departments to supervise;"
                        + " JSON with a Chinese Markdown rendering, or the Markdown alone with format=markdown")
                .tag("analytics").returns(Bulletin.class).permission(Permissions.WORKORDER_READ)
                .queryParam("town", "12-digit town code").queryParam("date", "ISO date (today)")
                .queryParam("format", "json (default) or markdown");
    }

    private Object bulletin(RestRequest req) {
        ZoneId zone = kernel.zone();
        LocalDate date;
        String text = req.query("date").filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        try {
            date = text == null ? LocalDate.now(clock.withZone(zone)) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("date is an ISO date (2026-11-24), not '" + text + "'");
        }
        Bulletin b = analytics.bulletin(req.requireCaller(), req.query("town").orElse(null), date);
        String format = req.query("format").orElse("json").strip().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "json" -> b;
            case "markdown", "md" -> RestResponse.stream("text/markdown; charset=UTF-8",
                    out -> out.write(b.markdown().getBytes(StandardCharsets.UTF_8)));
            default -> throw ProblemException.badRequest("format is json or markdown, not '" + format + "'");
        };
    }

    private Filter filter(RestRequest req) {
        return new Filter(instant(req, "from"), instant(req, "to"), req.query("region").orElse(null),
                req.query("category").orElse(null), req.query("department").orElse(null),
                req.query("channel").orElse(null));
    }

    private static RegionLevel level(RestRequest req, RegionLevel otherwise) {
        String text = req.query("level").filter(s -> !s.isBlank()).orElse(null);
        if (text == null) {
            return otherwise;
        }
        RegionLevel level = enumOf(RegionLevel.class, "level", text);
        if (level != RegionLevel.TOWN && level != RegionLevel.VILLAGE && level != RegionLevel.GRID) {
            throw ProblemException.badRequest("level is town, village or grid, not '" + text + "'");
        }
        return level;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest(name + " is required: one of " + choices(type));
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " is one of " + choices(type) + ", not '" + text + "'");
        }
    }

    private static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList().toString();
    }

    /** An ISO date-time with offset, or a date (its start in the installation's zone). */
    private Instant instant(RestRequest req, String name) {
        String text = req.query(name).filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(kernel.zone()).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is an ISO date (2026-11-24) or date-time with offset, not '"
                    + text + "'");
        }
    }
}
