package io.onegrid.address.internal.resident;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.audit.AuditRecord;
import io.onegrid.api.audit.AuditVerification;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import javax.sql.DataSource;

/**
 * A migrated address schema on a test database with the real persistence unit, key file and services, and a few
 * houses in two grids of village 370399101201 and one of another town.
 */
final class ResidentDb implements AutoCloseable {

    static final String GRID1 = "370399101201001";
    static final String GRID2 = "370399101201002";
    static final String HOUSE_A = "37039910120100000001"; // grid 1
    static final String HOUSE_B = "37039910120100000002"; // grid 1
    static final String HOUSE_C = "37039910120100000003"; // grid 2
    static final String HOUSE_TOWN2 = "37039900100100000001";

    final DataSource ds;
    final EntityManagerFactory emf;
    final IdProtector protector;
    final RecordingAudit audit = new RecordingAudit();
    final ResidentService residents;
    final HouseService houses;

    ResidentDb(DataSource ds, String dialect, Path keyFile) throws Exception {
        this.ds = ds;
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        for (String name : List.of("V1__address.sql", "V2__grid_shapes.derby.sql", "V2__grid_shapes.postgresql.sql",
                "V3__households.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/address/" + name)) {
                files.add(new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        new MigrationRunner(ds).migrate("address", ScriptSet.select("address", files, dialect));
        execute("INSERT INTO og_address (code, region_code, grid_code, scope_code, road, house_number, full_text, version)"
                + " VALUES ('" + HOUSE_A + "', '370399101201', '" + GRID1 + "', '" + GRID1 + "', '柳树路', '1', '柳树路1号', 1),"
                + " ('" + HOUSE_B + "', '370399101201', '" + GRID1 + "', '" + GRID1 + "', '柳树路', '2', '柳树路2号', 1),"
                + " ('" + HOUSE_C + "', '370399101201', '" + GRID2 + "', '" + GRID2 + "', '柳树路', '3', '柳树路3号', 1),"
                + " ('" + HOUSE_TOWN2 + "', '370399001001', NULL, '370399001001', '东关路', '1', '东关路1号', 1)");
        this.protector = ResidentKeys.open(keyFile, ds);
        this.emf = Persistence.createEntityManagerFactory("onegrid-address", Map.of(
                "openjpa.ConnectionFactory", ds,
                "openjpa.ConnectionFactoryMode", "local",
                "javax.persistence.nonJtaDataSource", ds));
        JpaTransactions jpa = new JpaTransactions(emf);
        this.residents = new ResidentService(jpa, ds, protector, audit);
        this.houses = new HouseService(jpa, audit);
    }

    static Caller caller(String name, String region, String... permissions) {
        return new Caller(name, name, Caller.Kind.USER, 1L, Set.of(), Set.of(permissions),
                DataScope.ofRegion(RegionCode.parse(region)));
    }

    void execute(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    String query(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public void close() {
        emf.close();
    }

    /** Keeps what was recorded, to check that reveals and exports leave a trace. */
    static final class RecordingAudit implements AuditLog {
        final List<AuditEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public AuditRecord record(AuditEvent e) {
            events.add(e);
            return new AuditRecord(events.size(), Instant.now(), e.actor(), e.action(), e.target(), e.detail(),
                    e.address(), "", "");
        }

        @Override
        public Page<AuditRecord> list(String actor, String action, String target, PageRequest page) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        List<AuditEvent> withAction(String action) {
            return events.stream().filter(e -> e.action().equals(action)).toList();
        }
    }
}
