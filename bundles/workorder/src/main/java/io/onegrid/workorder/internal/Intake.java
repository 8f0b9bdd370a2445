package io.onegrid.workorder.internal;

import io.onegrid.api.address.Address;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.Channels;
import io.onegrid.api.workorder.Location;
import io.onegrid.api.workorder.Routing;
import io.onegrid.api.workorder.Submission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a submission into a routed, validated order-to-be, before any transaction starts: checks every field (all
 * problems reported at once), places it (address or doorplate &rarr; grid, point &rarr; grid), and routes it (grid
 * &rarr; grid worker, category and region &rarr; department, else the town command centre).
 */
final class Intake {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,30}");
    static final int MAX_DESCRIPTION = 2000;
    static final int MAX_NAME = 50;

    /** Where a report is. */
    record Place(String addressCode, Double lon, Double lat, String regionCode, String gridCode, String townCode,
            String placeKey) {
    }

    /**
     * A submission ready to be stored.
     *
     * @param createdByKind {@code USER}, {@code API_TOKEN}, {@code SYSTEM} or {@link #RESIDENT}
     */
    record Prepared(String channel, String idempotencyKey, String fingerprint, Category category, String description,
            Place place, String reporterName, String reporterPhone, String createdBy, String createdByKind,
            String actor, String actorName, String roles, String actorDetail, Routing routing, ZoneId zone) {
    }

    /** The creator kind of an anonymous resident's QR report. */
    static final String RESIDENT = "RESIDENT";

    private final Categories categories;
    private final RoutingRules rules;
    private final GridLocator grids;
    private final AddressDirectory addresses;
    private final AccountDirectory accounts;
    private final DepartmentService departments;
    private final RegionService regions;
    /** Intake's own short-lived answers (see RecentLookups): one read transaction less each, per report. */
    private final RecentLookups<String, Category> recentCategories;
    private final RecentLookups<String, List<RoutingRule>> recentRules;
    private final RecentLookups<String, Boolean> recentDepartments;
    private final RecentLookups<String, String> recentGridWorkers;

    Intake(Categories categories, RoutingRules rules, GridLocator grids, AddressDirectory addresses,
            AccountDirectory accounts, DepartmentService departments, RegionService regions) {
        this.categories = categories;
        this.rules = rules;
        this.grids = grids;
        this.addresses = addresses;
        this.accounts = accounts;
        this.departments = departments;
        this.regions = regions;
        Clock clock = Clock.systemUTC();
        long age = RecentLookups.DEFAULT_MAX_AGE_MILLIS;
        this.recentCategories = new RecentLookups<>(categories::find, clock, age);
        this.recentRules = new RecentLookups<>(c -> Optional.of(rules.current(c)), clock, age);
        this.recentDepartments = new RecentLookups<>(d -> Optional.of(departments.find(d).isPresent()), clock, age);
        this.recentGridWorkers = new RecentLookups<>(this::gridWorker, clock, age);
    }

    /** Forgets the recent answers: a category or a routing rule was changed on this node. */
    void forgetRecent() {
        recentCategories.clear();
        recentRules.clear();
        recentDepartments.clear();
        recentGridWorkers.clear();
    }

    /**
     * @param caller        who submits, or {@code null} for an anonymous resident (then a phone is required)
     * @param remoteAddress the anonymous resident's address, recorded in the trail; {@code null} otherwise
     * @throws ProblemException {@code validation-failed} listing every bad field
     */
    Prepared prepare(Caller caller, Submission s, String remoteAddress, WorkOrderConfigValues config) {
        List<Violation> errors = new ArrayList<>();
        if (s == null) {
            throw ProblemException.invalid("The report was not accepted", List.of(Violation.ofField(null,
                    "a JSON body is required")));
        }
        String channel = s.channel() == null ? null : s.channel().strip();
        if (channel == null || !Channels.NAME.matcher(channel).matches()) {
            errors.add(Violation.ofField("/channel", "required: QR, HOTLINE, HOTLINE_12345, PATROL, API, ALARM or a "
                    + "plugin's channel (upper-case letters, digits, '_', 2 to 32 characters)"));
        }
        Category category = null;
        if (s.category() == null || s.category().isBlank()) {
            errors.add(Violation.ofField("/category", "required: a minor category code (4 digits)"));
        } else {
            category = recentCategories.get(s.category().strip()).orElse(null);
            if (category == null || category.parentCode() == null) {
                errors.add(Violation.ofField("/category", "no minor category '" + s.category()
                        + "'; see GET /api/v1/categories"));
                category = null;
            } else if (!category.enabled()) {
                errors.add(Violation.ofField("/category", "category " + category.code() + " takes no new reports"));
                category = null;
            }
        }
        String description = s.description() == null ? null : s.description().strip();
        if (description == null || description.isEmpty()) {
            errors.add(Violation.ofField("/description", "required"));
        } else if (description.length() > MAX_DESCRIPTION) {
            errors.add(Violation.ofField("/description", "at most " + MAX_DESCRIPTION + " characters"));
        } else if (hasControl(description)) {
            errors.add(Violation.ofField("/description", "no control characters other than tab and line feed"));
        }
        String key = s.idempotencyKey();
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(Violation.ofField("/idempotencyKey", "required: 1 to 100 letters, digits, '.', '_', ':' or '-',"
                    + " unique per channel (a retry sends the same key)"));
        }
        String reporterName = s.reporter() == null ? null : blankToNull(s.reporter().name());
        String reporterPhone = s.reporter() == null ? null : blankToNull(s.reporter().phone());
        if (reporterName != null && (reporterName.length() > MAX_NAME || hasControl(reporterName))) {
            errors.add(Violation.ofField("/reporter/name", "at most " + MAX_NAME + " characters, one line"));
        }
        if (reporterPhone != null && !PHONE.matcher(reporterPhone).matches()) {
            errors.add(Violation.ofField("/reporter/phone", "a phone number: digits, spaces and '-', 5 to 32"));
        }
        if (caller == null && reporterPhone == null) {
            errors.add(Violation.ofField("/reporter/phone", "required for an anonymous report, so that the grid worker"
                    + " can call back"));
        }
        Place place = place(s.addressCode(), s.location(), config, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The report was not accepted", errors);
        }
        Routing routing = route(category, place);
        String createdBy = caller == null ? null : caller.name();
        String kind = caller == null ? RESIDENT : caller.kind().name();
        String actor = caller == null ? "resident" : caller.name();
        String actorName = caller == null ? reporterName : caller.displayName();
        String roles = caller == null ? "resident" : String.join(",", caller.roles());
        String actorDetail = caller == null ? "anonymous report from " + remoteAddress : null;
        String fingerprint = fingerprint(channel, category.code(), description, place.addressCode(), place.lon(),
                place.lat(), reporterName, reporterPhone, kind, createdBy);
        return new Prepared(channel, key, fingerprint, category, description, place, reporterName, reporterPhone,
                createdBy, kind, actor, actorName, roles, actorDetail, routing, config.zone());
    }

    /**
     * The place of a report. A standard address's grid wins over the point's (the doorplate is exact, a phone's GPS
     * is not); a doorplate region code (village or grid QR code) places it in that region; a point alone is placed
     * by the grid geometry. Without any grid the region is the address's village, else the fallback region.
     */
    private Place place(String addressCode, Location location, WorkOrderConfigValues config, List<Violation> errors) {
        String code = blankToNull(addressCode);
        Double lon = null;
        Double lat = null;
        if (code == null && location == null) {
            errors.add(Violation.ofField("/addressCode", "give an addressCode, a location, or both"));
            return null;
        }
        if (location != null) {
            if (!Double.isFinite(location.lon()) || !Double.isFinite(location.lat()) || location.lon() < 73
                    || location.lon() > 136 || location.lat() < 3 || location.lat() > 54) {
                errors.add(Violation.ofField("/location", "a WGS-84 point in China: lon 73 to 136, lat 3 to 54"));
            } else {
                lon = location.lon();
                lat = location.lat();
            }
        }
        String village = null;
        String grid = null;
        if (code != null) {
            if (AddressCode.isValid(code)) {
                Optional<Address> address = addresses.find(Caller.SYSTEM, code);
                if (address.isEmpty()) {
                    errors.add(Violation.ofField("/addressCode", "no standard address " + code));
                } else {
                    village = address.get().regionCode();
                    grid = address.get().gridCode();
                    if (lon == null && address.get().lon() != null) {
                        lon = address.get().lon();
                        lat = address.get().lat();
                    }
                }
            } else {
                Optional<RegionCode> region = RegionCode.tryParse(code)
                        .filter(r -> r.level().compareTo(RegionLevel.VILLAGE) >= 0);
                if (region.isEmpty() || regions.find(Caller.SYSTEM, code).isEmpty()) {
                    errors.add(Violation.ofField("/addressCode", "neither a standard address code (20 digits) nor the "
                            + "code of a village or grid doorplate: " + code));
                } else if (region.get().level() == RegionLevel.VILLAGE) {
                    village = code;
                } else {
                    grid = code;
                    village = region.get().ancestorAt(RegionLevel.VILLAGE).orElseThrow().value();
                }
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (grid == null && lon != null) {
            String v = village;
            grid = grids.locate(lon, lat)
                    .filter(g -> v == null || RegionCode.parse(v).contains(RegionCode.parse(g)))
                    .orElse(null);
        }
        String region = grid != null ? grid : village != null ? village : fallbackRegion(config);
        if (region == null) {
            errors.add(Violation.ofField("/location", "the point lies in no grid and OneGrid has no fallback region:"
                    + " give an addressCode, or set fallbackRegion in etc/io.onegrid.workorder.cfg"));
            return null;
        }
        String town = RegionCode.parse(region).ancestorAt(RegionLevel.TOWN).map(RegionCode::value).orElse(null);
        String placeKey = code != null ? code : grid;
        return new Place(code, lon, lat, region, grid, town, placeKey);
    }

    /** The configured fallback region, else the county when the region tree holds exactly one. */
    private String fallbackRegion(WorkOrderConfigValues config) {
        if (config.fallbackRegion() != null) {
            return config.fallbackRegion();
        }
        List<Region> counties = regions.list(Caller.SYSTEM, null, RegionLevel.COUNTY, null, PageRequest.first(2))
                .items();
        return counties.size() == 1 ? counties.get(0).code() : null;
    }

    /** Grid &rarr; grid worker, category and region &rarr; department; a gap falls back to the town command centre. */
    Routing route(Category category, Place place) {
        List<String> notes = new ArrayList<>();
        String assignee = null;
        if (place.gridCode() != null) {
            assignee = recentGridWorkers.get(place.gridCode()).orElse(null);
            if (assignee == null) {
                notes.add("no grid worker in grid " + place.gridCode());
            }
        } else {
            notes.add("the place lies in no grid");
        }
        String department = null;
        String source;
        Long ruleId = null;
        Integer ruleVersion = null;
        Optional<RoutingRule> rule = RoutingRules.best(recentRules.get(category.code()).orElseThrow(),
                place.regionCode());
        if (rule.isPresent()) {
            department = rule.get().department();
            ruleId = rule.get().id();
            ruleVersion = rule.get().version();
            source = Routing.SOURCE_RULE;
        } else {
            department = category.department();
            source = Routing.SOURCE_CATEGORY;
        }
        if (department != null && !recentDepartments.get(department).orElseThrow()) {
            notes.add("department '" + department + "' does not exist here");
            department = null;
        }
        if (department == null && source.equals(Routing.SOURCE_CATEGORY)) {
            source = Routing.SOURCE_COMMAND_CENTRE;
        }
        String centre = place.townCode();
        return new Routing(place.gridCode(), centre, department, assignee, source, ruleId, ruleVersion,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** The first enabled grid worker (by user name) of the grid, or of its parent grid for a micro-grid. */
    private Optional<String> gridWorker(String gridCode) {
        RegionCode code = RegionCode.parse(gridCode);
        while (code != null && code.level().compareTo(RegionLevel.GRID) >= 0) {
            List<Account> workers = accounts.withRole(Caller.SYSTEM, code.value(), Roles.GRID_WORKER);
            if (!workers.isEmpty()) {
                return Optional.of(workers.get(0).username());
            }
            code = code.parent().orElse(null);
        }
        return Optional.empty();
    }

    static String fingerprint(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            String text = String.valueOf(p);
            sb.append(text.length()).append(':').append(text).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
