package io.onegrid.demo.internal;

import io.onegrid.api.health.Health;
import io.onegrid.api.health.HealthIndicator;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.NewAccount;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.security.Caller;
import java.io.InputStream;
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
 * {@value #PASSWORD}) through the public APIs, the same way an integrator's import would. What exists already is
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
    private final Thread loader;
    private volatile String state = "loading";

    @Activate
    public DemoData(@Reference RegionService regions, @Reference DepartmentService departments,
            @Reference AccountDirectory accounts) {
        this.regions = regions;
        this.departments = departments;
        this.accounts = accounts;
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
            state = "loaded";
            LOG.info("Demo county {} is ready", COUNTY);
        } catch (Exception e) {
            state = "failed: " + e;
            LOG.error("Loading the demo data failed", e);
        }
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
