package io.onegrid.plugin.flood.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /flood/...}: stations with their levels, state and topic (read, add, change, retire); a station's readings,
 * raw or downsampled; alarms; acknowledging one. Reading needs {@code flood.read}; changing stations
 * {@code flood.manage}; acknowledging {@code flood.manage}, {@code workorder.handle} or {@code workorder.dispatch}.
 * Everything is limited to the caller's scope by the station's region: another grid's station answers 404, like a
 * missing one, and a station can only be placed in a region of the caller's scope.
 */
@Component(service = RestResource.class)
public final class FloodResource implements RestResource {

    private static final int MAX_LIMIT = 10_000;
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Automatic resolution: raw up to this range, minutes up to the next, hours beyond. */
    static final Duration RAW_UP_TO = Duration.ofHours(12);
    static final Duration MINUTES_UP_TO = Duration.ofDays(7);

    /**
     * Body of {@code POST /flood/stations} and {@code PUT /flood/stations/{code}}. The town is the region's town.
     *
     * @param regionCode          where it stands: a grid (or village, town) of the caller's scope
     * @param offlineAfterSeconds silence that raises an OFFLINE alarm; absent: the heartbeat timeout of its kind
     */
    public record StationBody(String code, String name, String kind, String regionCode, Double lon, Double lat,
            Double forecastLevel, Double warningLevel, Double guaranteeLevel, Double riseLimit,
            Integer offlineAfterSeconds) {
    }

    private final FloodService flood;
    private final RegionService regions;

    @Activate
    public FloodResource(@Reference FloodService flood, @Reference RegionService regions) {
        this.flood = flood;
        this.regions = regions;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/flood/stations", req -> flood.store().stations(req.requireCaller().scope(),
                        req.query("retired").map(Boolean::parseBoolean).orElse(false)))
                .summary("Water-level stations in the caller's scope: levels (SL 323), last reading, state, MQTT topic,"
                        + " offline")
                .queryParam("retired", "true: retired stations too").tag("flood").returns(Station.class)
                .permission(FloodPermissions.READ);
        routes.get("/flood/stations/{code}", req -> station(req))
                .summary("One station (also a retired one)").tag("flood").returns(Station.class)
                .permission(FloodPermissions.READ);
        routes.post("/flood/stations", req -> {
            Caller caller = req.requireCaller();
            Station s = valid(caller, req.body(StationBody.class), null);
            if (!flood.addStation(s)) {
                throw new ProblemException(ProblemType.CONFLICT, "Station " + s.code() + " exists (retired stations"
                        + " keep their code)", java.util.Map.of("code", s.code()), null);
            }
            return RestResponse.created("/flood/stations/" + s.code(), flood.store().station(s.code())
                    .orElseThrow());
        }).summary("Add a station in the caller's scope; it is registered as a device and its readings are accepted at"
                + " once").tag("flood").accepts(StationBody.class).returns(Station.class)
                .permission(FloodPermissions.MANAGE);
        routes.put("/flood/stations/{code}", req -> {
            Caller caller = req.requireCaller();
            Station current = station(req);
            if (!current.active()) {
                throw new ProblemException(ProblemType.CONFLICT, "Station " + current.code() + " is retired",
                        java.util.Map.of("retiredAt", current.retiredAt().toString()), null);
            }
            Station s = valid(caller, req.body(StationBody.class), current.code());
            if (!flood.updateStation(s)) {
                throw ProblemException.conflict("Station " + current.code() + " was retired meanwhile");
            }
            return flood.store().station(s.code()).orElseThrow();
        }).summary("Change a station: name, kind, place (within the caller's scope), levels, rise limit, silence limit")
                .tag("flood").accepts(StationBody.class).returns(Station.class).permission(FloodPermissions.MANAGE);
        routes.delete("/flood/stations/{code}", req -> {
            Caller caller = req.requireCaller();
            Station s = station(req);
            if (!s.active() || !flood.retireStation(caller, s.code())) {
                throw new ProblemException(ProblemType.CONFLICT, "Station " + s.code() + " is retired already",
                        java.util.Map.of(), null);
            }
            return RestResponse.noContent();
        }).summary("Retire a station: its readings are refused from now on, its active alarms clear, its history stays")
                .tag("flood").permission(FloodPermissions.MANAGE);
        routes.get("/flood/stations/{code}/readings", this::readings)
                .summary("Readings of a station, newest first: raw ({ts, level, receivedAt}) or per minute or hour "
                        + "({ts, level = avg, min, max, avg, last, count}); header X-Resolution names the one used")
                .tag("flood")
                .queryParam("from", "ISO-8601 time with offset (default: two days before to)")
                .queryParam("to", "ISO-8601 time with offset (default: a day from now)")
                .queryParam("resolution", "raw, minute or hour; absent: raw up to 12 h, minutes up to 7 days, hours "
                        + "beyond (never raw before the raw retention)")
                .queryParam("limit", "at most this many, 1 to 10000 (default 1000)")
                .returns(Reading.class).permission(FloodPermissions.READ);
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
        }).summary("Flood alarms (LEVEL, RISE, OFFLINE) in the caller's scope, newest first").tag("flood")
                .queryParam("state", "active (RAISED or ACKNOWLEDGED) or all (default)")
                .queryParam("station", "one station's code").queryParam("limit", "1 to 10000, default 200")
                .returns(Alarm.class).permission(FloodPermissions.READ);
        routes.post("/flood/alarms/{id}/acknowledge", req -> {
            Caller caller = req.requireCaller();
            if (!caller.hasPermission(FloodPermissions.MANAGE) && !caller.hasPermission(Permissions.WORKORDER_HANDLE)
                    && !caller.hasPermission(Permissions.WORKORDER_DISPATCH)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Acknowledging an alarm needs "
                        + FloodPermissions.MANAGE + ", " + Permissions.WORKORDER_HANDLE + " or "
                        + Permissions.WORKORDER_DISPATCH);
            }
            long id;
            try {
                id = Long.parseLong(req.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ProblemException.notFound("No alarm " + req.pathParam("id"));
            }
            return flood.acknowledge(caller, id);
        }).summary("Acknowledge a RAISED alarm (409 when it is acknowledged or cleared already)").tag("flood")
                .returns(Alarm.class).permission(FloodPermissions.READ);
    }

    private Object readings(RestRequest req) {
        Station s = station(req);
        Instant now = Instant.now();
        Instant to = time(req, "to").orElse(now.plus(Duration.ofDays(1)));
        Instant from = time(req, "from").orElse(to.minus(Duration.ofDays(2)));
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("from must not be after to");
        }
        int limit = req.queryInt("limit").orElse(1000);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be 1 to " + MAX_LIMIT);
        }
        String resolution = req.query("resolution").map(r -> r.strip().toLowerCase(Locale.ROOT))
                .orElseGet(() -> resolution(from, to, now, flood.config().rawRetentionDays()));
        Object body = switch (resolution) {
            case "raw" -> flood.store().readings(s.code(), from, to, limit);
            case "minute" -> newestFirst(flood.downsampling().minuteSeries(s.code(), from, to), limit);
            case "hour" -> newestFirst(flood.downsampling().hourSeries(s.code(), from, to), limit);
            default -> throw ProblemException.badRequest("resolution is raw, minute or hour, not '" + resolution
                    + "'");
        };
        return RestResponse.ok(body).header("X-Resolution", resolution);
    }

    /** The resolution for a range: raw for short ones still within the raw retention, then minutes, then hours. */
    static String resolution(Instant from, Instant to, Instant now, int rawRetentionDays) {
        Duration range = Duration.between(from, to);
        boolean rawKept = !from.isBefore(now.minus(Duration.ofDays(rawRetentionDays)));
        if (range.compareTo(RAW_UP_TO) <= 0 && rawKept) {
            return "raw";
        }
        return range.compareTo(MINUTES_UP_TO) <= 0 ? "minute" : "hour";
    }

    private static List<ReadingAggregate> newestFirst(List<Rollup.Bucket> buckets, int limit) {
        List<ReadingAggregate> out = new ArrayList<>(buckets.size());
        buckets.forEach(b -> out.add(ReadingAggregate.of(b)));
        Collections.reverse(out);
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    /** The station if the caller may see it (retired ones too), else 404. */
    private Station station(RestRequest req) {
        String code = req.pathParam("code");
        Caller caller = req.requireCaller();
        return flood.store().station(code)
                .filter(s -> caller.scope().isUnrestricted()
                        || RegionCode.tryParse(s.regionCode()).map(caller.scope()::coversRegion).orElse(false))
                .orElseThrow(() -> ProblemException.notFound("No station " + code));
    }

    /**
     * Checks a station's body; every problem at once (422 {@code validation-failed}, nothing stored).
     *
     * @param code the station's code when changing one (the body may repeat it), {@code null} when adding
     */
    Station valid(Caller caller, StationBody b, String code) {
        List<Violation> errors = new ArrayList<>();
        String c = code != null ? code : b.code() == null ? null : b.code().strip();
        if (code != null && b.code() != null && !b.code().strip().equals(code)) {
            errors.add(Violation.ofField("/code", "a station's code does not change; it is " + code));
        } else if (c == null || !CODE.matcher(c).matches()) {
            errors.add(Violation.ofField("/code", "1 to 64 letters, digits, '_', '.' or '-' (its MQTT topic's "
                    + "{deviceCode}, or the SL 651 station address)"));
        }
        String name = b.name() == null ? null : b.name().strip();
        if (name == null || name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(Violation.ofField("/name", "1 to 100 characters"));
        }
        if (b.kind() == null || !Station.KINDS.contains(b.kind())) {
            errors.add(Violation.ofField("/kind", "one of " + new java.util.TreeSet<>(Station.KINDS)));
        }
        RegionCode region = b.regionCode() == null ? null : RegionCode.tryParse(b.regionCode().strip()).orElse(null);
        String town = null;
        if (region == null || region.level().compareTo(RegionLevel.TOWN) < 0) {
            errors.add(Violation.ofField("/regionCode", "the code of the grid, village or town it stands in"));
        } else if (!caller.scope().coversRegion(region)) {
            errors.add(Violation.ofField("/regionCode", region.value() + " is outside your scope"));
        } else if (regions.find(Caller.SYSTEM, region.value()).isEmpty()) {
            errors.add(Violation.ofField("/regionCode", "no region " + region.value()));
        } else {
            town = region.ancestorAt(RegionLevel.TOWN).map(RegionCode::value).orElse(null);
        }
        if (b.lon() == null || !Double.isFinite(b.lon()) || b.lon() < -180 || b.lon() > 180) {
            errors.add(Violation.ofField("/lon", "WGS-84 longitude, -180 to 180"));
        }
        if (b.lat() == null || !Double.isFinite(b.lat()) || b.lat() < -90 || b.lat() > 90) {
            errors.add(Violation.ofField("/lat", "WGS-84 latitude, -90 to 90"));
        }
        FloodConfig config = flood.config();
        level(errors, "/warningLevel", b.warningLevel(), true, config);
        level(errors, "/guaranteeLevel", b.guaranteeLevel(), true, config);
        level(errors, "/forecastLevel", b.forecastLevel(), false, config);
        if (b.warningLevel() != null && b.guaranteeLevel() != null && !(b.warningLevel() < b.guaranteeLevel())) {
            errors.add(Violation.ofField("/guaranteeLevel", "above the warning level (SL 323: WRZ < GRZ)"));
        }
        if (b.forecastLevel() != null && b.warningLevel() != null && !(b.forecastLevel() < b.warningLevel())) {
            errors.add(Violation.ofField("/forecastLevel", "below the warning level (SL 323: SFZ < WRZ)"));
        }
        if (b.riseLimit() != null && (!Double.isFinite(b.riseLimit()) || b.riseLimit() <= 0 || b.riseLimit() > 100)) {
            errors.add(Violation.ofField("/riseLimit", "metres per hour, above 0 and at most 100"));
        }
        if (b.offlineAfterSeconds() != null && (b.offlineAfterSeconds() < 60 || b.offlineAfterSeconds() > 604_800)) {
            errors.add(Violation.ofField("/offlineAfterSeconds", "60 s to 7 days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(code == null ? "The station was not added" : "The station was not changed",
                    errors);
        }
        return new Station(c, name, b.kind(), town, region.value(), b.lon(), b.lat(), b.forecastLevel(),
                b.warningLevel(), b.guaranteeLevel(), b.riseLimit(), null, null, "NO_DATA", 0,
                Station.topicOf(town, c), b.offlineAfterSeconds(), null, false, null);
    }

    private static void level(List<Violation> errors, String field, Double v, boolean required, FloodConfig c) {
        if (v == null) {
            if (required) {
                errors.add(Violation.ofField(field, "required, in metres"));
            }
        } else if (!Double.isFinite(v) || v < c.minLevelMetres() || v > c.maxLevelMetres()) {
            errors.add(Violation.ofField(field, "metres, " + c.minLevelMetres() + " to " + c.maxLevelMetres()));
        }
    }

    private static Optional<Instant> time(RestRequest req, String name) {
        return req.query(name).map(text -> {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(name + " must be an ISO-8601 time with offset, not " + text);
            }
        });
    }
}
