package io.onegrid.address.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.AddressImporter;
import io.onegrid.api.address.Address;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Search, nearest and export on a real database (in-memory Derby and PostgreSQL) with the real schema and importer. */
class AddressSearchTest {

    static final String HEADER = "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n";
    static final Set<String> VILLAGES = Set.of("370399101201", "370399101202", "370399001001");
    static final DataScope COUNTY = DataScope.ofRegion(RegionCode.parse("370399000000"));
    static final DataScope VILLAGE1 = DataScope.ofRegion(RegionCode.parse("370399101201"));
    static final DataScope GRID1 = DataScope.ofRegion(RegionCode.parse("370399101201001"));

    private final List<String> schemas = new ArrayList<>();

    @AfterEach
    void dropSchemas() throws Exception {
        for (String s : schemas) {
            TestDatabases.dropPostgresSchema(s);
        }
    }

    private DataSource database(String kind) throws Exception {
        DataSource ds;
        if (kind.equals("derby")) {
            ds = TestDatabases.derby();
        } else {
            String schema = TestDatabases.createPostgresSchema();
            schemas.add(schema);
            ds = TestDatabases.postgres(schema);
        }
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        for (String name : List.of("V1__address.sql", "V2__grid_shapes.derby.sql", "V2__grid_shapes.postgresql.sql")) {
            try (InputStream in = getClass().getResourceAsStream("/db/address/" + name)) {
                files.add(new ScriptSet.ScriptFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        new MigrationRunner(ds).migrate("address", ScriptSet.select("address", files, kind));
        return ds;
    }

    /** Everything east of 118.0 lies in grid 001 of village 370399101201. */
    private static AddressImporter importer(DataSource ds, AddressIndex index) {
        return new AddressImporter(ds, (lon, lat) -> lon > 118.0 ? Optional.of("370399101201001") : Optional.empty(),
                index);
    }

    private static AddressImporter.Report run(AddressImporter importer, String csv) {
        return importer.importCsv(new ByteArrayInputStream((HEADER + csv).getBytes(StandardCharsets.UTF_8)),
                VILLAGES::contains, DataScope.ofRegion(RegionCode.parse("370399000000")));
    }

    /** 30 houses in village 1 (half of them east of 118.0, in grid 001), 10 in village 2, 5 in another town. */
    private static String county() {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            csv.append(String.format("370399101201%08d,370399101201,,幸福路,%d,,,,%s,36.8%n", i, i,
                    i % 2 == 0 ? "118.0" + (100 + i) : "117.9" + (100 + i)));
        }
        for (int i = 1; i <= 10; i++) {
            csv.append(String.format("370399101202%08d,370399101202,,桃园村二组,%d,,,,117.95,36.70%d%n", i, i, i - 1));
        }
        for (int i = 1; i <= 5; i++) {
            csv.append(String.format("370399001001%08d,370399001001,,东关路,%d,2,1,%d01,,%n", i, i, i));
        }
        return csv.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void searchesWhatIsStoredAndWhatIsImportedThenScoped(String kind) throws Exception {
        DataSource ds = database(kind);
        // rows stored before the index is built (the activation of a node)
        run(importer(ds, null), county());
        AddressSearch search = new AddressSearch(ds, new AddressIndex());
        search.load();
        assertEquals(45, search.index().size());

        Page<Address> page = search.search(COUNTY, null, "幸福路1", PageRequest.of(1, 5));
        // 幸福路1号, 10-19号
        assertEquals(11, page.total());
        assertEquals(List.of("37039910120100000001", "37039910120100000010", "37039910120100000011",
                "37039910120100000012", "37039910120100000013"), page.items().stream().map(Address::code).toList());
        assertEquals("幸福路1号", page.items().get(0).fullText());
        // a grid worker: only the even houses of village 1 lie in grid 001
        Page<Address> grid = search.search(GRID1, null, "幸福路1", PageRequest.of(2, 3));
        assertEquals(5, grid.total());
        assertEquals(List.of("37039910120100000016", "37039910120100000018"),
                grid.items().stream().map(Address::code).toList());
        assertEquals(10, search.search(COUNTY, "370399101202", "村", PageRequest.of(1, 20)).total());
        assertEquals(0, search.search(VILLAGE1, "370399101202", "村", PageRequest.of(1, 20)).total());
        assertEquals(0, search.search(COUNTY, "bad", "村", PageRequest.of(1, 20)).total());
        assertEquals(5, search.search(COUNTY, null, "单元", PageRequest.of(1, 20)).total());

        // an import through an importer that knows the index is searchable once committed
        run(importer(ds, search.index()), "37039910120100000031,370399101201,,幸福路,131,,,,118.2,36.8\n");
        assertEquals(12, search.search(COUNTY, null, "幸福路1", PageRequest.of(1, 20)).total());
        // a refused file leaves no trace in the index either
        assertThrows(ProblemException.class, () -> run(importer(ds, search.index()),
                "37039910120100000032,370399101201,,幸福路,132,,,,118.2,36.8\n"
                        + "37039910120100000001,370399101201,,幸福路,1,,,,118.2,36.8\n"));
        assertEquals(12, search.search(COUNTY, null, "幸福路1", PageRequest.of(1, 20)).total());
        assertEquals(0, search.search(COUNTY, null, "幸福路132", PageRequest.of(1, 20)).total());
        assertEquals(46, search.index().size());
        assertEquals("46", query(ds, "SELECT COUNT(*) FROM og_address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void nearestIsScopedAndOrderedByDistance(String kind) throws Exception {
        DataSource ds = database(kind);
        AddressIndex index = new AddressIndex();
        index.load(new SegmentBuilder());
        run(importer(ds, index), county());
        AddressSearch search = new AddressSearch(ds, index);
        // village 2's houses stand 0.001° (111.2 m) apart along a meridian, from 36.700 (house 1) to 36.709
        List<AddressSearch.Nearby> near = search.nearest(COUNTY, 117.95, 36.7041, 3);
        assertEquals(List.of("37039910120200000005", "37039910120200000006", "37039910120200000004"),
                near.stream().map(n -> n.address().code()).toList());
        assertEquals(11.12, near.get(0).distanceMetres(), 0.01);
        assertEquals(100.08, near.get(1).distanceMetres(), 0.01);
        assertEquals(122.31, near.get(2).distanceMetres(), 0.01);
        List<AddressSearch.Nearby> inGrid = search.nearest(GRID1, 117.95, 36.7041, 2);
        assertEquals(List.of("37039910120100000002", "37039910120100000004"),
                inGrid.stream().map(n -> n.address().code()).toList());
        assertTrue(inGrid.get(0).distanceMetres() < inGrid.get(1).distanceMetres());
        // addresses without a point are never near anything
        assertEquals(0, search.nearest(DataScope.ofRegion(RegionCode.parse("370399001000")), 117.95, 36.7, 5).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void exportImportsBackIntoAnEmptyDatabaseAsTheSameRows(String kind) throws Exception {
        DataSource ds = database(kind);
        run(importer(ds, null), county() + "37039910120100000099,370399101201,370399101201001,\"路,\"\"引号\"\"\",9号,"
                + "A座,,,118.123456789012,36.000001\n");
        AddressSearch search = new AddressSearch(ds, new AddressIndex());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        search.exportCsv(COUNTY, null, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith(HEADER), csv);
        assertEquals(47, csv.lines().count());

        DataSource empty = database(kind);
        AddressImporter.Report report = importer(empty, null).importCsv(new ByteArrayInputStream(out.toByteArray()),
                VILLAGES::contains, COUNTY);
        assertEquals(46, report.imported());
        String all = "SELECT code, region_code, grid_code, scope_code, road, house_number, building, unit_no, room,"
                + " full_text, lon, lat FROM og_address ORDER BY code";
        assertEquals(rows(ds, all), rows(empty, all));

        // scope and region: a village caller gets its village only, a region outside it nothing but the header
        ByteArrayOutputStream village = new ByteArrayOutputStream();
        search.exportCsv(VILLAGE1, null, village);
        assertEquals(1 + 31, village.toString(StandardCharsets.UTF_8).lines().count());
        ByteArrayOutputStream grid = new ByteArrayOutputStream();
        search.exportCsv(COUNTY, "370399101201001", grid);
        assertEquals(1 + 16, grid.toString(StandardCharsets.UTF_8).lines().count());
        ByteArrayOutputStream outside = new ByteArrayOutputStream();
        search.exportCsv(VILLAGE1, "370399101202", outside);
        assertEquals(HEADER, outside.toString(StandardCharsets.UTF_8));
    }

    private static List<List<String>> rows(DataSource ds, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String query(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
