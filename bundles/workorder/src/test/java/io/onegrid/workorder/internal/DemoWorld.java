package io.onegrid.workorder.internal;

import io.onegrid.api.address.Address;
import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.NewAccount;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A small county for the kernel's tests, shaped like the demo county: in-memory implementations of the identity and
 * address services the kernel routes through (regions, departments, accounts, grid geometry, addresses), and the
 * callers of each role with the permissions identity's V2-V4 migrations grant them.
 */
final class DemoWorld {

    static final String COUNTY = "370399000000";
    static final String TOWN1 = "370399101000";
    static final String VILLAGE1 = "370399101201";
    static final String GRID1 = "370399101201001";
    static final String GRID2 = "370399101201002";
    static final String OTHER_GRID = "370399101202001";
    /** A house in GRID1. */
    static final String ADDRESS1 = "37039910120100000001";
    /** A house in the village, outside every grid. */
    static final String ADDRESS_NO_GRID = "37039910120100000002";

    static final Set<String> REGIONS = Set.of(COUNTY, TOWN1, VILLAGE1, "370399101202", GRID1, GRID2, OTHER_GRID);
    static final Set<String> DEPARTMENTS = Set.of("water", "natural-resources", "enforcement", "market", "emergency",
            "environment");

    /** A point in each grid; squares of 0.01 degrees. */
    static final double[] IN_GRID1 = {118.005, 36.805};
    static final double[] IN_GRID2 = {118.015, 36.805};
    static final double[] IN_OTHER_GRID = {118.105, 36.805};
    static final double[] NOWHERE = {119.5, 37.5};

    final List<Account> accounts = new ArrayList<>(List.of(
            new Account(1, "gridworker1", "网格员一", GRID1, null, Set.of(Roles.GRID_WORKER), true),
            new Account(2, "gridworker2", "网格员二", OTHER_GRID, null, Set.of(Roles.GRID_WORKER), true),
            new Account(3, "water1", "水务局处置员", null, "water", Set.of(Roles.DEPARTMENT_HANDLER), true),
            new Account(4, "operator1", "指挥中心", TOWN1, null, Set.of(Roles.TOWN_OPERATOR), true),
            new Account(5, "retired", "已停用", GRID1, null, Set.of(Roles.GRID_WORKER), false)));

    static Caller user(String name, String region, String department, String role, String... permissions) {
        List<RegionCode> roots = region == null ? List.of() : List.of(RegionCode.parse(region));
        return new Caller(name, name + " 的名字", Caller.Kind.USER, 1L, Set.of(role), Set.of(permissions),
                DataScope.of(roots, department == null ? List.of() : List.of(department)));
    }

    static final Caller OPERATOR = user("operator1", TOWN1, null, Roles.TOWN_OPERATOR, "workorder.read",
            "workorder.submit", "workorder.dispatch", "workorder.supervise");
    static final Caller LEADER = user("leader1", TOWN1, null, Roles.TOWN_LEADER, "workorder.read",
            "workorder.supervise");
    static final Caller WORKER1 = user("gridworker1", GRID1, null, Roles.GRID_WORKER, "workorder.read",
            "workorder.submit", "workorder.handle");
    static final Caller WORKER2 = user("gridworker2", OTHER_GRID, null, Roles.GRID_WORKER, "workorder.read",
            "workorder.submit", "workorder.handle");
    static final Caller WATER = user("water1", null, "water", Roles.DEPARTMENT_HANDLER, "workorder.read",
            "workorder.handle");
    static final Caller AUDITOR = user("auditor", COUNTY, null, Roles.AUDITOR, "workorder.read");
    static final Caller HOTLINE_TOKEN = new Caller("12345-adapter", "12345 adapter", Caller.Kind.API_TOKEN, null,
            Set.of(), Set.of("workorder.submit", "workorder.read"), DataScope.ofRegion(RegionCode.parse(COUNTY)));

    final GridLocator grids = (lon, lat) -> {
        if (lat < 36.80 || lat >= 36.81) {
            return Optional.empty();
        }
        if (lon >= 118.00 && lon < 118.01) {
            return Optional.of(GRID1);
        }
        if (lon >= 118.01 && lon < 118.02) {
            return Optional.of(GRID2);
        }
        if (lon >= 118.10 && lon < 118.11) {
            return Optional.of(OTHER_GRID);
        }
        return Optional.empty();
    };

    final AddressDirectory addresses = (caller, code) -> switch (code) {
        case ADDRESS1 -> Optional.of(new Address(ADDRESS1, VILLAGE1, GRID1, "幸福路", "12", null, null, null,
                "柳树村幸福路12号", 118.004, 36.804));
        case ADDRESS_NO_GRID -> Optional.of(new Address(ADDRESS_NO_GRID, VILLAGE1, null, "幸福路", "14", null, null,
                null, "柳树村幸福路14号", null, null));
        default -> Optional.empty();
    };

    final AccountDirectory accountDirectory = new AccountDirectory() {
        @Override
        public Optional<Account> findByUsername(Caller caller, String username) {
            return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
        }

        @Override
        public List<Account> withRole(Caller caller, String regionCode, String role) {
            return accounts.stream().filter(a -> a.enabled() && regionCode.equals(a.regionCode())
                    && a.roles().contains(role)).sorted((a, b) -> a.username().compareTo(b.username())).toList();
        }

        @Override
        public Account create(Caller caller, NewAccount account) {
            throw new UnsupportedOperationException("the kernel never creates accounts");
        }
    };

    final DepartmentService departments = new DepartmentService() {
        @Override
        public Optional<Department> find(String code) {
            return DEPARTMENTS.contains(code) ? Optional.of(new Department(code, code, List.of(COUNTY)))
                    : Optional.empty();
        }

        @Override
        public List<Department> all() {
            return DEPARTMENTS.stream().sorted().map(c -> new Department(c, c, List.of(COUNTY))).toList();
        }

        @Override
        public Department save(Caller caller, Department department, boolean create) {
            throw new UnsupportedOperationException("the kernel never changes departments");
        }
    };

    final RegionService regions = new RegionService() {
        @Override
        public Optional<Region> find(Caller caller, String code) {
            return REGIONS.contains(code) ? Optional.of(region(code)) : Optional.empty();
        }

        @Override
        public Page<Region> list(Caller caller, String parentCode, RegionLevel level, String text, PageRequest page) {
            List<Region> found = REGIONS.stream().sorted().map(DemoWorld::region)
                    .filter(r -> level == null || r.level() == level).toList();
            return Page.of(found, found.size(), page);
        }

        @Override
        public RegionImportReport importCsv(Caller caller, InputStream csv) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Region create(Caller caller, Region region) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Region update(Caller caller, String code, String name, AreaKind area, String boundaryRef) {
            throw new UnsupportedOperationException();
        }
    };

    private static Region region(String code) {
        RegionCode c = RegionCode.parse(code);
        return new Region(code, code, c.parent().map(RegionCode::value).orElse(null), c.level(), AreaKind.RURAL, null);
    }

    /** Every migration script of the module, as the schema extender would find them in the bundle. */
    static List<ScriptSet.ScriptFile> migrations() throws IOException, URISyntaxException {
        Path dir = Path.of(DemoWorld.class.getResource("/db/workorder").toURI());
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(dir)) {
            for (Path p : scripts.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                files.add(new ScriptSet.ScriptFile(p.getFileName().toString(), Files.readString(p)));
            }
        }
        return files;
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
