package io.onegrid.demo.internal;

import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.address.RegistryImport;
import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.NewAccount;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.security.Caller;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the demo county once (regions, departments, one account per role, all with the password
 * {@value #PASSWORD}; grids, {@value DemoHouses#HOUSES_PER_VILLAGE} houses per village and their residents) through
 * the public APIs, the same way an integrator's import would. What exists already is
 * left alone, so restarts and reinstalls change nothing. Reports "demo" in health until loading is done.
 */
@Component(service = HealthIndicator.class, immediate = true)
public final class DemoData implements HealthIndicator {

    static final String PASSWORD = "onegrid-demo";
    static final String COUNTY = "370399000000";
    static final String TOWN1 = "370399101000";
    static final String TOWN2 = "370399001000";

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** One demo account. */
    record DemoAccount(String username, String displayName, String region, String department, String role) {
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("admin", "县管理员 County admin", COUNTY, null, Roles.COUNTY_ADMIN),
            new DemoAccount("leader1", "青石镇镇长 Town 1 leader", TOWN1, null, Roles.TOWN_LEADER),
            new DemoAccount("operator1", "青石镇指挥中心 Town 1 operator", TOWN1, null, Roles.TOWN_OPERATOR),
            new DemoAccount("operator2", "东城街道指挥中心 Town 2 operator", TOWN2, null, Roles.TOWN_OPERATOR),
            new DemoAccount("gridworker1", "柳树村第一网格网格员 Grid worker 1", "370399101201001", null, Roles.GRID_WORKER),
            new DemoAccount("gridworker2", "桃园村第一网格网格员 Grid worker 2", "370399101202001", null, Roles.GRID_WORKER),
            new DemoAccount("water1", "水务局处置员 Water handler", null, "water", Roles.DEPARTMENT_HANDLER),
            new DemoAccount("mediator1", "青石镇调解员 Mediator", TOWN1, null, Roles.MEDIATOR),
            new DemoAccount("auditor", "审计员 Auditor", COUNTY, null, Roles.AUDITOR));

    static final List<Department> DEPARTMENTS = List.of(
            new Department("water", "水务局 Water Bureau", List.of(COUNTY)),
            new Department("natural-resources", "自然资源局 Natural Resources Bureau", List.of(COUNTY)),
            new Department("enforcement", "综合行政执法局 Comprehensive Enforcement Bureau", List.of(COUNTY)),
            new Department("market", "市场监督管理局 Market Supervision Bureau", List.of(COUNTY)),
            new Department("emergency", "应急管理局 Emergency Management Bureau", List.of(COUNTY)),
            new Department("environment", "生态环境分局 Ecology and Environment Branch", List.of(COUNTY)));

    private final RegionService regions;
    private final DepartmentService departments;
    private final AccountDirectory accounts;
    private final RegistryImport registry;
    private final AddressDirectory addresses;
    private final GridLocator grids;
    private final Thread loader;
    private volatile String state = "loading";

    @Activate
    public DemoData(@Reference RegionService regions, @Reference DepartmentService departments,
            @Reference AccountDirectory accounts, @Reference RegistryImport registry,
            @Reference AddressDirectory addresses, @Reference GridLocator grids) {
        this.regions = regions;
        this.departments = departments;
        this.accounts = accounts;
        this.registry = registry;
        this.addresses = addresses;
        this.grids = grids;
        LOG.warn("The onegrid-demo feature is installed: demo county {} with accounts whose password is '{}'. "
                + "For demonstrations only; uninstall it (feature:uninstall onegrid-demo) on a real installation.",
                COUNTY, PASSWORD);
        // Hashing nine passwords takes a few seconds: keep it off the framework's thread.
        this.loader = new Thread(this::load, "onegrid-demo-data");
        loader.setDaemon(true);
        loader.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        loader.join(30_000);
    }

    private void load() {
        try {
            Caller system = Caller.SYSTEM;
            if (regions.find(system, COUNTY).isEmpty()) {
                try (InputStream csv = DemoData.class.getResourceAsStream("/demo/regions.csv")) {
                    LOG.info("Demo regions: {}", regions.importCsv(system, csv));
                }
            }
            for (Department d : DEPARTMENTS) {
                if (departments.find(d.code()).isEmpty()) {
                    departments.save(system, d, true);
                }
            }
            for (DemoAccount a : ACCOUNTS) {
                if (accounts.findByUsername(system, a.username()).isEmpty()) {
                    accounts.create(system, new NewAccount(a.username(), a.displayName(), null, PASSWORD, a.region(),
                            a.department(), Set.of(a.role())));
                }
            }
            loadHouses(system);
            state = "loaded";
            LOG.info("Demo county {} is ready", COUNTY);
        } catch (Exception e) {
            state = "failed: " + e;
            LOG.error("Loading the demo data failed", e);
        }
    }

    /**
     * Grids, houses and residents, each village in its own pair of all-or-nothing imports: a village whose first house
     * exists is done, so restarts add nothing and an interrupted first start completes the missing villages.
     */
    private void loadHouses(Caller system) throws IOException {
        List<DemoHouses.Village> villages = villages();
        double[] first = DemoHouses.gridBox(0, 0, villages.get(0).grids().size());
        if (grids.locate((first[0] + first[2]) / 2, (first[1] + first[3]) / 2).isEmpty()) {
            int count = registry.importGrids(system, utf8(DemoHouses.gridsGeoJson(villages)));
            LOG.info("Demo grids: {}", count);
        }
        DemoHouses generator = new DemoHouses();
        for (int v = 0; v < villages.size(); v++) {
            DemoHouses.Village village = villages.get(v);
            // generated even when loaded, so that the numbers of later villages stay the same
            DemoHouses.VillageData data = generator.village(v, village);
            if (addresses.find(system, village.code() + "00000001").isPresent()) {
                continue;
            }
            registry.importAddresses(system, utf8(data.addressesCsv()));
            registry.importResidents(system, utf8(data.residentsCsv()));
            LOG.info("Demo village {}: {} houses, {} residents", village.code(), data.houses(), data.residents());
        }
    }

    /** The villages of the demo region tree with their grids, in file order. */
    static List<DemoHouses.Village> villages() throws IOException {
        LinkedHashMap<String, String[]> villages = new LinkedHashMap<>();
        LinkedHashMap<String, List<String>> gridsOf = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DemoData.class.getResourceAsStream("/demo/regions.csv"), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                if ("village".equals(f[3])) {
                    villages.put(f[0], f);
                    gridsOf.put(f[0], new ArrayList<>());
                } else if ("grid".equals(f[3])) {
                    gridsOf.get(f[2]).add(f[0]);
                }
            }
        }
        List<DemoHouses.Village> result = new ArrayList<>();
        villages.forEach((code, f) -> result.add(new DemoHouses.Village(code, f[1], "urban".equals(f[4]),
                List.copyOf(gridsOf.get(code)))));
        return result;
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public Health check() {
        return "loaded".equals(state) ? Health.up(Map.of("county", COUNTY, "accounts", ACCOUNTS.size()))
                : Health.down("Demo data " + state, Map.of());
    }
}
