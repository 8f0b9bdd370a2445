package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.IntakeResult;
import io.onegrid.api.workorder.Routing;
import io.onegrid.api.workorder.Submission;
import io.onegrid.api.workorder.TrailVerification;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderState;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /workorders}: submit (anonymous for QR reports), list, read, commands, trail and its verification.
 *
 * <p>Anonymous reports: {@code POST /workorders} without a token is accepted for channel {@code QR} only (the
 * residents' doorplate page), requires {@code reporter.phone} for the callback, and is limited per client address
 * ({@code anonymousReportsPerHour}, 429 beyond). The answer is then a receipt (number, state, routing) without the
 * order's content, and the trail names the actor {@code resident} with the client address. Every other channel needs
 * a signed-in caller with {@code workorder.submit}.
 */
@Component(service = RestResource.class)
public final class WorkOrderResource implements RestResource {

    /** Body of {@code POST /workorders/{id}/commands/{name}}; every member optional (see {@link WorkOrderCommand}). */
    public record CommandBody(String reason, String comment, Integer rating, String assignee, String department,
            String deadline, List<String> attachments, Long expectedVersion, List<String> departments) {
    }

    /**
     * The answer to a submission.
     *
     * @param order                the whole order; absent in the receipt of an anonymous report
     * @param uploadToken          only in the receipt of an anonymous report: lets the resident add photos, video
     *                             or recordings ({@code POST /workorders/receipts/{number}/attachments}, header
     *                             {@code X-Upload-Token}) until {@code uploadTokenExpiresAt}
     * @param uploadTokenExpiresAt when the upload token stops working
     * @param trackingCode         the reporter's code for the public tracking page {@code /r/track/{code}}
     */
    public record Submitted(long id, String number, WorkOrderState state, IntakeResult.Outcome outcome,
            Routing routing, WorkOrder order, String uploadToken, Instant uploadTokenExpiresAt, String trackingCode) {
    }

    private final WorkOrderKernel kernel;
    private final AnonymousLimiter limiter;

    @Activate
    public WorkOrderResource(@Reference WorkOrderKernel kernel) {
        this(kernel, Clock.systemUTC());
    }

    WorkOrderResource(WorkOrderKernel kernel, Clock clock) {
        this.kernel = kernel;
        this.limiter = new AnonymousLimiter(clock);
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/workorders", this::submit)
                .summary("Submit a report through a channel; the same idempotency key answers the same order (200), a"
                        + " near-duplicate is linked to the open order (200), a new order answers 201. Anonymous for"
                        + " channel QR only (callback phone required, rate-limited)")
                .tag("workorders").anonymous().accepts(Submission.class).returns(Submitted.class);
        routes.get("/workorders", req -> kernel.list(req.requireCaller(), filter(req), req.pageRequest()))
                .summary("Work orders in the caller's scope (and assigned to or submitted by the caller)")
                .tag("workorders").paged()
                .queryParam("state", "one or more states, comma-separated")
                .queryParam("category", "2-digit major or 4-digit minor category")
                .queryParam("region", "region code: orders there or below")
                .queryParam("department", "handling department").queryParam("channel", "intake channel")
                .queryParam("assignee", "handling user").queryParam("createdFrom", "ISO date or date-time")
                .queryParam("createdTo", "ISO date (exclusive) or date-time").queryParam("q", "text or number")
                .queryParam("overdue", "true: open orders past their deadline; false: the others")
                .returnsPage(WorkOrder.class).permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}", req -> kernel.find(req.requireCaller(), id(req))
                        .orElseThrow(() -> ProblemException.notFound("No work order " + req.pathParam("id"))))
                .summary("One work order").tag("workorders").returns(WorkOrder.class)
                .permission(Permissions.WORKORDER_READ);
        routes.post("/workorders/{id}/commands/{name}", this::command)
                .summary("Apply a lifecycle command (accept, reject, dispatch, return, start, request-suspension,"
                        + " approve-suspension, deny-suspension, resume, resolve, verify, rate, close, reopen) or a"
                        + " joint-handling command (request-joint with departments and reason, approve-joint,"
                        + " refuse-joint with reason) or a note on the trail (comment, with comment; any state but CLOSED"
                        + " and REJECTED, for whoever sees the order); optional JSON body: reason, comment, rating, assignee, department,"
                        + " departments, deadline, attachments, expectedVersion. 409 names the commands allowed in the"
                        + " current state, or the open children of a joint parent")
                .tag("workorders").returns(WorkOrder.class);
        routes.get("/workorders/{id}/commands", req -> kernel.availableCommands(req.requireCaller(), id(req)))
                .summary("The commands the caller may give on the order now (by its state, guards, the caller's"
                        + " permissions and relation to it), for a client's buttons").tag("workorders")
                .permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}/trail", req -> kernel.trail(req.requireCaller(), id(req)))
                .summary("The order's hash-chained trail, oldest first").tag("workorders")
                .permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}/trail/verify", req -> kernel.verifyTrail(req.requireCaller(), id(req)))
                .summary("Recompute the order's trail chain and report the first broken record").tag("workorders")
                .returns(TrailVerification.class).permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}/children", req -> kernel.children(req.requireCaller(), id(req)))
                .summary("The child orders of a joint order (one per department called in) that the caller may see")
                .tag("workorders").permission(Permissions.WORKORDER_READ);
        routes.get("/workorders/{id}/reports", req -> kernel.linkedReports(req.requireCaller(), id(req)))
                .summary("Near-duplicate reports linked to the order").tag("workorders")
                .permission(Permissions.WORKORDER_READ);
    }

    private Object submit(RestRequest req) {
        Submission submission = req.body(Submission.class);
        IntakeResult result;
        boolean receipt;
        if (req.caller().isPresent()) {
            result = kernel.submit(req.caller().get(), submission);
            receipt = false;
        } else {
            if (!Channels.QR.equals(submission.channel())) {
                throw new ProblemException(ProblemType.UNAUTHORIZED, "Sign in first: only residents' QR reports"
                        + " (channel QR) may be anonymous");
            }
            limiter.require(req.remoteAddress(), kernel.config().anonymousReportsPerHour(), "anonymous reports",
                    " or call the hotline");
            result = kernel.submitAnonymous(submission, req.remoteAddress());
            receipt = true;
        }
        WorkOrder o = result.order();
        // A new token also for a replayed receipt: the first answer may never have reached the resident.
        Attachments.UploadToken token = receipt ? kernel.attachments().issueToken(o.id()) : null;
        Submitted body = new Submitted(o.id(), o.number(), o.state(), result.outcome(), o.routing(),
                receipt ? null : o, token == null ? null : token.token(), token == null ? null : token.expiresAt(),
                result.trackingCode());
        return result.outcome() == IntakeResult.Outcome.CREATED
                ? RestResponse.created("/api/v1/workorders/" + o.id(), body) : RestResponse.ok(body);
    }

    private Object command(RestRequest req) {
        Caller caller = req.requireCaller();
        CommandBody b = req.hasBody() ? req.body(CommandBody.class)
                : new CommandBody(null, null, null, null, null, null, null, null, null);
        Instant deadline = null;
        if (b.deadline() != null && !b.deadline().isBlank()) {
            try {
                deadline = OffsetDateTime.parse(b.deadline().strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("deadline is an ISO date-time with offset, e.g."
                        + " 2026-11-30T18:00:00+08:00, not '" + b.deadline() + "'");
            }
        }
        return kernel.command(caller, id(req), new WorkOrderCommand(req.pathParam("name"), b.reason(), b.comment(),
                b.rating(), b.assignee(), b.department(), deadline, b.attachments(), b.expectedVersion(),
                b.departments()));
    }

    private WorkOrderFilter filter(RestRequest req) {
        Set<WorkOrderState> states = EnumSet.noneOf(WorkOrderState.class);
        for (String value : req.queryAll("state")) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    try {
                        states.add(WorkOrderState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.badRequest("state is one of " + List.of(WorkOrderState.values())
                                + ", not '" + s + "'");
                    }
                }
            }
        }
        return new WorkOrderFilter(states, req.query("category").orElse(null), req.query("region").orElse(null),
                req.query("department").orElse(null), req.query("channel").orElse(null),
                req.query("assignee").orElse(null), instant(req, "createdFrom"), instant(req, "createdTo"),
                req.query("q").orElse(null), overdue(req));
    }

    private static Boolean overdue(RestRequest req) {
        String value = req.query("overdue").filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.badRequest("overdue is true or false, not '" + value + "'");
        };
    }

    /** An ISO date-time with offset, or a date (its start in the installation's zone). */
    private Instant instant(RestRequest req, String name) {
        String text = req.query(name).filter(s -> !s.isBlank()).map(String::strip).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(kernel.config().zone()).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " is an ISO date (2026-11-24) or date-time with offset, not '"
                    + text + "'");
        }
    }

    private static long id(RestRequest req) {
        try {
            return Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No work order " + req.pathParam("id"));
        }
    }
}
