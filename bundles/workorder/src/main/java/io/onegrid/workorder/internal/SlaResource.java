package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Access;
import io.onegrid.api.workorder.Supervision;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The SLA's REST resources: {@code /calendars} (the county's working days), {@code /inbox} (the caller's
 * notifications), {@code /workorders/{id}/supervisions} and {@code POST /sla/scan} (run the scan now).
 */
@Component(service = RestResource.class)
public final class SlaResource implements RestResource {

    private final WorkOrderKernel kernel;
    private final SlaScanner scanner;

    @Activate
    public SlaResource(@Reference WorkOrderKernel kernel, @Reference SlaScanner scanner) {
        this.kernel = kernel;
        this.scanner = scanner;
    }

    @Override
    public void routes(Routes routes) {
        Calendars calendars = kernel.sla().calendars();
        routes.get("/calendars", req -> calendars.years(req.requireCaller()))
                .summary("Years of the county's working-day calendar that have holidays or worked weekend days")
                .tag("sla").returns(Calendars.YearSummary.class).permission(Permissions.WORKORDER_READ);
        routes.get("/calendars/{year}", req -> calendars.year(req.requireCaller(), year(req)))
                .summary("A year's public holidays and weekend days worked in exchange (调休); other days: Monday to"
                        + " Friday work").tag("sla").returns(Calendars.Year.class)
                .permission(Permissions.WORKORDER_READ);
        routes.put("/calendars/{year}", req -> calendars.save(req.requireCaller(), year(req),
                        req.body(Calendars.YearBody.class)))
                .summary("Replace a year's holidays and worked weekend days; deadlines already set keep their date")
                .tag("sla").accepts(Calendars.YearBody.class).returns(Calendars.Year.class)
                .permission(Permissions.CALENDAR_WRITE);
        routes.get("/inbox", req -> kernel.sla().inbox().list(req.requireCaller(), unread(req), req.pageRequest()))
                .summary("The caller's notifications (dispatches, reminders, overdue, escalations), newest first")
                .tag("sla").paged().queryParam("unread", "true: unread ones only")
                .returnsPage(InboxEntity.Item.class);
        routes.post("/inbox/{id}/read", req -> kernel.sla().inbox().read(req.requireCaller(), id(req, "notification")))
                .summary("Mark one of the caller's notifications read").tag("sla").returns(InboxEntity.Item.class);
        routes.get("/workorders/{id}/supervisions", req -> kernel.supervisions(req.requireCaller(),
                        id(req, "work order")))
                .summary("The order's supervision orders (督办单), oldest first").tag("workorders")
                .returns(Supervision.class).permission(Permissions.WORKORDER_READ);
        routes.post("/sla/scan", req -> {
                    Access.require(req.requireCaller(), Permissions.WORKORDER_SLA_SCAN);
                    return scanner.scan();
                })
                .summary("Fire the due SLA timers now (drills, tests); the scan also runs by itself on every node")
                .tag("sla").permission(Permissions.WORKORDER_SLA_SCAN);
    }

    private static boolean unread(RestRequest req) {
        String v = req.query("unread").orElse("false").strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw ProblemException.badRequest("unread is true or false, not '" + v + "'");
        }
        return v.equals("true");
    }

    private static int year(RestRequest req) {
        try {
            return Integer.parseInt(req.pathParam("year"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No calendar year " + req.pathParam("year"));
        }
    }

    private static long id(RestRequest req, String what) {
        try {
            return Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No " + what + " " + req.pathParam("id"));
        }
    }
}
