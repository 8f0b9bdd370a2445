package io.onegrid.plugin.flood.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /flood/...}: stations with their levels, state and topic; a station's readings; alarms; acknowledging one.
 * Reading needs {@code workorder.read} (alarms become work orders; whoever follows those follows these); acknowledging
 * needs {@code workorder.handle} or {@code workorder.dispatch}. Everything is limited to the caller's scope by the
 * station's region: another grid's station answers 404, like a missing one.
 */
@Component(service = RestResource.class)
public final class FloodResource implements RestResource {

    private static final int MAX_LIMIT = 10_000;

    private final FloodService flood;

    @Activate
    public FloodResource(@Reference FloodService flood) {
        this.flood = flood;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/flood/stations", req -> flood.stations(req.requireCaller()))
                .summary("Water-level stations in the caller's scope: levels (SL 323), last reading, state, MQTT topic")
                .tag("flood").returns(Station.class).permission(Permissions.WORKORDER_READ);
        routes.get("/flood/stations/{code}", req -> station(req))
                .summary("One station").tag("flood").returns(Station.class).permission(Permissions.WORKORDER_READ);
        routes.get("/flood/stations/{code}/readings", req -> {
            Station s = station(req);
            Instant to = time(req, "to").orElse(Instant.now().plus(Duration.ofDays(1)));
            Instant from = time(req, "from").orElse(to.minus(Duration.ofDays(2)));
            int limit = req.queryInt("limit").orElse(1000);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT);
            }
            return flood.store().readings(s.code(), from, to, limit);
        }).summary("Raw readings of a station, newest first").tag("flood")
                .queryParam("from", "ISO-8601 time with offset (default: two days before to)")
                .queryParam("to", "ISO-8601 time with offset (default: now)")
                .queryParam("limit", "at most this many, 1 to 10000 (default 1000)")
                .returns(Reading.class).permission(Permissions.WORKORDER_READ);
        routes.get("/flood/alarms", req -> {
            String state = req.query("state").orElse("all");
            if (!state.equals("all") && !state.equals("active")) {
                throw ProblemException.badRequest("state is active or all");
            }
            int limit = req.queryInt("limit").orElse(200);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT);
            }
            return flood.store().alarms(req.requireCaller().scope(), state.equals("active"),
                    req.query("station").orElse(null), limit);
        }).summary("Flood alarms in the caller's scope, newest first").tag("flood")
                .queryParam("state", "active (RAISED or ACKNOWLEDGED) or all (default)")
                .queryParam("station", "one station's code").queryParam("limit", "1 to 10000, default 200")
                .returns(Alarm.class).permission(Permissions.WORKORDER_READ);
        routes.post("/flood/alarms/{id}/acknowledge", req -> {
            Caller caller = req.requireCaller();
            if (!caller.hasPermission(Permissions.WORKORDER_HANDLE)
                    && !caller.hasPermission(Permissions.WORKORDER_DISPATCH)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Acknowledging an alarm needs "
                        + Permissions.WORKORDER_HANDLE + " or " + Permissions.WORKORDER_DISPATCH);
            }
            long id;
            try {
                id = Long.parseLong(req.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ProblemException.notFound("No alarm " + req.pathParam("id"));
            }
            return flood.acknowledge(caller, id);
        }).summary("Acknowledge a RAISED alarm (409 when it is acknowledged or cleared already)").tag("flood")
                .returns(Alarm.class).permission(Permissions.WORKORDER_READ);
    }

    private Station station(RestRequest req) {
        String code = req.pathParam("code");
        Caller caller = req.requireCaller();
        return flood.store().station(code)
                .filter(s -> RegionCode.tryParse(s.regionCode()).map(caller.scope()::coversRegion).orElse(false)
                        || caller.scope().isUnrestricted())
                .orElseThrow(() -> ProblemException.notFound("No station " + code));
    }

    private static java.util.Optional<Instant> time(RestRequest req, String name) {
        return req.query(name).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(name + " must be an ISO-8601 time with offset, not " + text);
            }
        });
    }
}
