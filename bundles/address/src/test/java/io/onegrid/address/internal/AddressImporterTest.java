package io.onegrid.address.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bulk import on a real (in-memory Derby) database with the real schema. */
class AddressImporterTest {

    static final String HEADER = "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n";
    static final Set<String> VILLAGES = Set.of("370399101201", "370399101202", "370399001001");
    static final DataScope TOWN1 = DataScope.ofRegion(RegionCode.parse("370399101000"));

    private DataSource ds;
    private AddressImporter importer;

    @BeforeEach
    void setUp() throws Exception {
        ds = TestDatabases.derby();
        List<ScriptSet.ScriptFile> files = new java.util.ArrayList<>();
        for (String name : List.of("V1__address.sql", "V2__grid_shapes.derby.sql", "V2__grid_shapes.postgresql.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/address/" + name)) {
                files.add(new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        assertEquals(2, new MigrationRunner(ds).migrate("address", ScriptSet.select("address", files, "derby")));
        // a fake locator: everything east of 118.0 lies in grid 001 of the village 370399101201
        importer = new AddressImporter(ds, (lon, lat) -> lon > 118.0 ? Optional.of("370399101201001")
                : Optional.empty());
    }

    @Test
    void schemaAndImportWorkOnPostgres() throws Exception {
        String schema = TestDatabases.createPostgresSchema();
        try {
            DataSource pg = TestDatabases.postgres(schema);
            List<ScriptSet.ScriptFile> files = new java.util.ArrayList<>();
            for (String name : List.of("V1__address.sql", "V2__grid_shapes.derby.sql", "V2__grid_shapes.postgresql.sql")) {
                try (InputStream in = getClass().getResourceAsStream("/db/address/" + name)) {
                    files.add(new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            assertEquals(2, new MigrationRunner(pg).migrate("address", ScriptSet.select("address", files, "postgresql")));
            AddressImporter onPostgres = new AddressImporter(pg, (lon, lat) -> Optional.of("370399101201001"));
            assertEquals(1, onPostgres.importCsv(new ByteArrayInputStream((HEADER
                    + "37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n").getBytes(StandardCharsets.UTF_8)),
                    VILLAGES::contains, TOWN1).gridAssigned());
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private AddressImporter.Report run(String csv, DataScope scope) {
        return importer.importCsv(new ByteArrayInputStream((HEADER + csv).getBytes(StandardCharsets.UTF_8)),
                VILLAGES::contains, scope);
    }

    @Test
    void importsAssignsGridsAndReportsHousesOutsideEveryGrid() throws Exception {
        AddressImporter.Report report = run(
                "37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n"
                        + "37039910120100000002,370399101201,370399101201002,幸福路,14,,,,117.5,36.8\n"
                        + "37039910120100000003,370399101201,,幸福路,16,3,2,201,117.9,36.8\n"
                        + "37039910120200000001,370399101202,,桃园路,1号,,,,,\n", TOWN1);
        assertEquals(4, report.imported());
        assertEquals(1, report.gridAssigned());
        assertEquals(1, report.outsideEveryGrid());
        assertEquals(List.of(4), report.outsideLines());
        assertEquals("370399101201001", query("SELECT grid_code FROM og_address WHERE code = '37039910120100000001'"));
        assertEquals("370399101201002", query("SELECT scope_code FROM og_address WHERE code = '37039910120100000002'"));
        assertEquals("370399101201", query("SELECT scope_code FROM og_address WHERE code = '37039910120100000003'"));
        assertEquals("幸福路16号3栋2单元201室",
                query("SELECT full_text FROM og_address WHERE code = '37039910120100000003'"));
        assertEquals("桃园路1号", query("SELECT full_text FROM og_address WHERE code = '37039910120200000001'"));
    }

    @Test
    void badLinesAreReportedByNumberAndNothingIsKept() throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> run(
                "37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n"          // 2 good
                        + "37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n"  // 3 duplicate
                        + "3703991012010000000x,370399101201,,幸福路,12,,,,118.1,36.8\n"  // 4 bad code
                        + "37039910120300000001,370399101203,,幸福路,12,,,,118.1,36.8\n"  // 5 unknown village
                        + "37039900100100000001,370399001001,,东关路,1,,,,118.1,36.8\n"   // 6 outside scope
                        + "37039910120100000009,370399101201,,幸福路,12,,,,18.1,36.8\n"   // 7 not in China
                        + "37039910120100000010,370399101201,370399101202001,幸福路,12,,,,118.1,36.8\n" // 8 foreign grid
                        + "37039910120100000011,370399101201,,幸福路,12,,,,abc,36.8\n",  // 9 bad number
                TOWN1));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        @SuppressWarnings("unchecked")
        List<Violation> errors = (List<Violation>) e.extensions().get("errors");
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), errors.stream().map(Violation::line).toList());
        assertEquals("0", query("SELECT COUNT(*) FROM og_address"));
    }

    @Test
    void anExistingCodeRefusesTheWholeFile() throws Exception {
        run("37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n", TOWN1);
        ProblemException e = assertThrows(ProblemException.class, () -> run(
                "37039910120100000002,370399101201,,幸福路,14,,,,118.1,36.8\n"
                        + "37039910120100000001,370399101201,,幸福路,12,,,,118.1,36.8\n", TOWN1));
        assertEquals(3, ((Violation) ((List<?>) e.extensions().get("errors")).get(0)).line());
        assertEquals("1", query("SELECT COUNT(*) FROM og_address"));
    }

    @Test
    void importsThousandsInBatches() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 2500; i++) {
            csv.append(String.format("370399101201%08d,370399101201,,幸福路,%d,,,,118.%04d,36.8%n", i, i, i));
        }
        assertEquals(2500, run(csv.toString(), TOWN1).imported());
        assertEquals("2500", query("SELECT COUNT(*) FROM og_address WHERE grid_code = '370399101201001'"));
    }

    private String query(String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
