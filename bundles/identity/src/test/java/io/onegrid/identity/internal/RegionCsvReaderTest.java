package io.onegrid.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Region;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.DataScope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The region import file. Line numbers are physical lines of the file with the header as line 1; every expected line
 * number below is counted by hand from the text of the file.
 */
class RegionCsvReaderTest {

    private static final String HEADER = "code,name,parent_code,kind,area";
    private static final String COUNTY = "370322000000";
    private static final String TOWN_101 = "370322101000";
    private static final String TOWN_102 = "370322102000";
    private static final String VILLAGE_101_201 = "370322101201";
    private static final String VILLAGE_102_201 = "370322102201";
    private static final Predicate<String> EMPTY_TREE = code -> false;
    private static final Predicate<String> TREE_WITH_COUNTY = COUNTY::equals;

    /** One row of an expected result, built independently of the reader. */
    private record Row(String code, String name, String parent, RegionLevel level, AreaKind area) {

        String line() {
            return String.join(",", code, name, parent == null ? "" : parent, level.name().toLowerCase(),
                    area.name().toLowerCase());
        }
    }

    private static List<Region> read(String csv, Predicate<String> tree, DataScope scope) {
        return RegionCsvReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), tree, scope);
    }

    private static List<Region> read(String csv) {
        return read(csv, EMPTY_TREE, DataScope.unrestricted());
    }

    /** The violations of a refused file. */
    @SuppressWarnings("unchecked")
    private static List<Violation> violations(String csv, Predicate<String> tree, DataScope scope) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(csv, tree, scope));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type(), e.detail());
        assertEquals(422, e.type().status());
        Object errors = e.extensions().get("errors");
        assertInstanceOf(List.class, errors);
        List<Violation> list = (List<Violation>) errors;
        assertTrue(!list.isEmpty(), "a refused file names at least one reason");
        for (Violation v : list) {
            assertInstanceOf(Violation.class, v);
        }
        return list;
    }

    private static List<Violation> violations(String csv) {
        return violations(csv, EMPTY_TREE, DataScope.unrestricted());
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** "line:field" of each violation, in the reported order. */
    private static List<String> where(List<Violation> violations) {
        return violations.stream().map(v -> v.line() + ":" + v.field()).toList();
    }

    private static void assertOneViolation(List<Violation> violations, int line, String field, String... fragments) {
        assertEquals(1, violations.size(), violations::toString);
        Violation v = violations.get(0);
        assertEquals(line, v.line(), v::toString);
        assertEquals(field, v.field(), v::toString);
        for (String fragment : fragments) {
            assertTrue(v.message().contains(fragment), () -> "'" + fragment + "' in: " + v.message());
        }
    }

    // ---- a whole county ----------------------------------------------------------------------------------------

    /** County, 3 towns, 3 villages each, 3 grids each, 2 micro-grids each: 94 rows, parents listed before children. */
    private static List<Row> county() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(COUNTY, "高青县", null, RegionLevel.COUNTY, AreaKind.RURAL));
        String[] towns = {"101", "102", "201"};
        String[] townNames = {"田镇街道", "芦湖街道", "花沟镇"};
        for (int t = 0; t < towns.length; t++) {
            String town = "370322" + towns[t] + "000";
            rows.add(new Row(town, townNames[t], COUNTY, RegionLevel.TOWN, t == 0 ? AreaKind.URBAN : AreaKind.RURAL));
            for (String v : List.of("201", "202", "203")) {
                String village = "370322" + towns[t] + v;
                rows.add(new Row(village, townNames[t] + v + "村", town, RegionLevel.VILLAGE, AreaKind.RURAL));
                for (String g : List.of("001", "002", "003")) {
                    String grid = village + g;
                    rows.add(new Row(grid, "第" + g + "网格", village, RegionLevel.GRID, AreaKind.URBAN));
                    for (String m : List.of("01", "02")) {
                        rows.add(new Row(grid + m, "微网格" + m, grid, RegionLevel.MICROGRID, AreaKind.RURAL));
                    }
                }
            }
        }
        return rows;
    }

    private static String file(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            sb.append(row.line()).append('\n');
        }
        return sb.toString();
    }

    private static void assertSameRegions(List<Row> expected, List<Region> actual) {
        assertEquals(expected.size(), actual.size());
        Map<String, Region> byCode = actual.stream().collect(Collectors.toMap(Region::code, r -> r));
        assertEquals(expected.size(), byCode.size(), "no region twice");
        for (Row row : expected) {
            Region r = byCode.get(row.code);
            assertEquals(row.name, r.name(), row.code);
            assertEquals(row.parent, r.parentCode(), row.code);
            assertEquals(row.level, r.level(), row.code);
            assertEquals(row.area, r.area(), row.code);
            assertNull(r.boundaryRef());
        }
    }

    @Test
    void aWholeCountyInTreeOrderIsAccepted() {
        List<Row> rows = county();
        assertEquals(94, rows.size());
        assertSameRegions(rows, read(file(rows)));
    }

    @Test
    void aWholeCountyInAnyOrderIsAcceptedChildrenBeforeParentsToo() {
        List<Row> rows = county();
        List<Row> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        assertEquals(RegionLevel.MICROGRID, reversed.get(0).level, "children come first");
        assertSameRegions(rows, read(file(reversed)));
        Random random = new Random(2024);
        for (int i = 0; i < 5; i++) {
            List<Row> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            assertSameRegions(rows, read(file(shuffled)));
        }
    }

    @Test
    void aBranchBelowAnExistingRegionIsAcceptedInsideTheScope() {
        List<Row> branch = county().stream().filter(r -> r.code.startsWith("370322102")).toList();
        assertEquals(1 + 3 + 9 + 18, branch.size());
        assertSameRegions(branch, read(file(branch), TREE_WITH_COUNTY, DataScope.ofRegion(RegionCode.parse(TOWN_102))));
        List<Row> villages = branch.stream().filter(r -> r.level != RegionLevel.TOWN).toList();
        Predicate<String> treeWithTown = Set.of(COUNTY, TOWN_102)::contains;
        assertSameRegions(villages, read(file(villages), treeWithTown,
                DataScope.ofRegion(RegionCode.parse(VILLAGE_102_201)).union(DataScope.ofRegion(
                        RegionCode.parse("370322102202"))).union(DataScope.ofRegion(RegionCode.parse("370322102203")))));
    }

    @Test
    void kindAndAreaAreCaseInsensitiveAndAreaIsOptional() {
        List<Region> regions = read(lines(HEADER,
                COUNTY + ",高青县,,COUNTY,",
                TOWN_101 + ",田镇街道," + COUNTY + ",Town,Urban",
                VILLAGE_101_201 + ",西村," + TOWN_101 + ",village,RURAL",
                VILLAGE_101_201 + "001,网格一," + VILLAGE_101_201 + ",grid,urban",
                VILLAGE_101_201 + "00101,微网格," + VILLAGE_101_201 + "001,MicroGrid,rural"));
        assertEquals(List.of(RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.VILLAGE, RegionLevel.GRID,
                RegionLevel.MICROGRID), regions.stream().map(Region::level).toList());
        assertEquals(List.of(AreaKind.RURAL, AreaKind.URBAN, AreaKind.RURAL, AreaKind.URBAN, AreaKind.RURAL),
                regions.stream().map(Region::area).toList());
        List<Region> withoutArea = read(lines("code,name,parent_code,kind", TOWN_101 + ",田镇街道," + COUNTY + ",town"),
                TREE_WITH_COUNTY, DataScope.unrestricted());
        assertEquals(AreaKind.RURAL, withoutArea.get(0).area(), "rural when the file has no area column");
    }

    @Test
    void columnsMayComeInAnyOrderAndHeaderCase() {
        List<Region> regions = read(lines("Kind,Area,Name,Code,Parent_Code",
                "town,urban,田镇街道," + TOWN_101 + "," + COUNTY), TREE_WITH_COUNTY, DataScope.unrestricted());
        assertEquals(List.of(new Region(TOWN_101, "田镇街道", COUNTY, RegionLevel.TOWN, AreaKind.URBAN, null)), regions);
    }

    @Test
    void fieldsAreTrimmed() {
        List<Region> regions = read(lines(HEADER, "  " + TOWN_101 + " , 田镇街道 ,  " + COUNTY + " , town , urban "),
                TREE_WITH_COUNTY, DataScope.unrestricted());
        assertEquals(List.of(new Region(TOWN_101, "田镇街道", COUNTY, RegionLevel.TOWN, AreaKind.URBAN, null)), regions);
    }

    @Test
    void anEmptyFileWithAHeaderReadsAsNothing() {
        assertEquals(List.of(), read(HEADER + "\n"));
        assertEquals(List.of(), read(HEADER));
    }

    // ---- text encoding and CSV syntax ---------------------------------------------------------------------------

    @Test
    void aUtf8ByteOrderMarkIsTolerated() {
        List<Region> regions = read("\uFEFF" + lines(HEADER, TOWN_101 + ",田镇街道," + COUNTY + ",town,urban"),
                TREE_WITH_COUNTY, DataScope.unrestricted());
        assertEquals(List.of(new Region(TOWN_101, "田镇街道", COUNTY, RegionLevel.TOWN, AreaKind.URBAN, null)), regions);
    }

    @Test
    void aByteOrderMarkDoesNotShiftLineNumbers() {
        List<Violation> v = violations("\uFEFF" + lines(HEADER, TOWN_101 + ",田镇街道," + COUNTY + ",town,urban",
                TOWN_102 + ",芦湖街道," + COUNTY + ",town,suburban"), TREE_WITH_COUNTY, DataScope.unrestricted());
        assertOneViolation(v, 3, "area", "suburban");
    }

    @Test
    void quotedFieldsMayHoldCommasAndQuotes() {
        List<Region> regions = read(lines(HEADER,
                TOWN_101 + ",\"田镇街道, 东区\"," + COUNTY + ",town,urban",
                TOWN_102 + ",\"\"\"芦湖\"\"街道\"," + COUNTY + ",\"town\",\"rural\""), TREE_WITH_COUNTY,
                DataScope.unrestricted());
        assertEquals("田镇街道, 东区", regions.get(0).name());
        assertEquals("\"芦湖\"街道", regions.get(1).name());
        assertEquals(RegionLevel.TOWN, regions.get(1).level());
    }

    @Test
    void chineseNamesRoundTrip() {
        List<String> names = List.of("高青县", "田镇街道", "黑里寨镇", "唐坊镇前进村", "𠀀字村", "Ⅲ区·东园");
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(COUNTY, names.get(0), null, RegionLevel.COUNTY, AreaKind.RURAL));
        rows.add(new Row(TOWN_101, names.get(1), COUNTY, RegionLevel.TOWN, AreaKind.URBAN));
        rows.add(new Row(TOWN_102, names.get(2), COUNTY, RegionLevel.TOWN, AreaKind.RURAL));
        rows.add(new Row(VILLAGE_102_201, names.get(3), TOWN_102, RegionLevel.VILLAGE, AreaKind.RURAL));
        rows.add(new Row("370322102202", names.get(4), TOWN_102, RegionLevel.VILLAGE, AreaKind.RURAL));
        rows.add(new Row("370322102202001", names.get(5), "370322102202", RegionLevel.GRID, AreaKind.URBAN));
        assertEquals(names, read(file(rows)).stream().map(Region::name).toList());
    }

    @Test
    void aNameOfExactly100CharactersIsAcceptedAnd101Refused() {
        String hundred = "田".repeat(100);
        assertEquals(hundred, read(lines(HEADER, TOWN_101 + "," + hundred + "," + COUNTY + ",town,"),
                TREE_WITH_COUNTY, DataScope.unrestricted()).get(0).name());
        assertOneViolation(violations(lines(HEADER, TOWN_101 + "," + hundred + "田," + COUNTY + ",town,"),
                TREE_WITH_COUNTY, DataScope.unrestricted()), 2, "name");
    }

    @Test
    void invalidUtf8IsRefusedWithAClearError() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(lines(HEADER, TOWN_101 + ",田镇街道," + COUNTY + ",town,").getBytes(StandardCharsets.UTF_8));
        bytes.write((TOWN_102 + ",").getBytes(StandardCharsets.UTF_8));
        bytes.write("芦湖街道".getBytes(java.nio.charset.Charset.forName("GBK")));
        bytes.write(("," + COUNTY + ",town,\n").getBytes(StandardCharsets.UTF_8));
        ProblemException e = assertThrows(ProblemException.class, () -> RegionCsvReader.read(
                new ByteArrayInputStream(bytes.toByteArray()), TREE_WITH_COUNTY, DataScope.unrestricted()));
        assertEquals(ProblemType.INVALID_REQUEST, e.type());
        assertEquals(400, e.type().status());
        assertTrue(e.detail().contains("UTF-8"), e.detail());
        assertTrue(e.detail().contains("not UTF-8"), e.detail());
    }

    @Test
    void aLoneContinuationByteIsRefusedToo() {
        byte[] csv = (HEADER + "\n" + TOWN_101 + ",x\u0000," + COUNTY + ",town,\n").getBytes(StandardCharsets.UTF_8);
        csv[HEADER.length() + 1 + TOWN_101.length() + 2] = (byte) 0x80; // replaces the NUL
        ProblemException e = assertThrows(ProblemException.class, () -> RegionCsvReader.read(
                new ByteArrayInputStream(csv), TREE_WITH_COUNTY, DataScope.unrestricted()));
        assertEquals(ProblemType.INVALID_REQUEST, e.type());
        assertTrue(e.detail().contains("UTF-8"), e.detail());
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> read(lines(HEADER, TOWN_101 + ",\"田镇街道," + COUNTY + ",town,")));
        assertEquals(ProblemType.INVALID_REQUEST, e.type());
    }

    // ---- the header ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"code", "name", "parent_code", "kind"})
    void aHeaderMissingAColumnIsRefused(String missing) {
        List<String> columns = new ArrayList<>(List.of("code", "name", "parent_code", "kind", "area"));
        columns.remove(missing);
        List<Violation> v = violations(lines(String.join(",", columns), "1,2,3,4"));
        assertOneViolation(v, 1, missing);
    }

    @Test
    void aFileWithoutHeaderIsRefusedAtLine1() {
        List<Violation> v = violations(lines(TOWN_101 + ",田镇街道," + COUNTY + ",town,urban"));
        assertEquals(1, v.get(0).line());
    }

    // ---- each kind of bad line, with its line number ------------------------------------------------------------

    /** Header (1), county (2), town 101 (3), then the line under test (4), then a good village (5). */
    private static List<Violation> badFourthLine(String line) {
        return violations(lines(HEADER,
                COUNTY + ",高青县,,county,",
                TOWN_101 + ",田镇街道," + COUNTY + ",town,urban",
                line,
                VILLAGE_101_201 + ",西村," + TOWN_101 + ",village,rural"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"37032210200", "3703221020000", "37032210200a", "370322000201", "000000000000",
        "370322102000001", "", "３７０３２２１０２０００"})
    void aBadCodeIsReported(String code) {
        assertOneViolation(badFourthLine(code + ",芦湖街道," + COUNTY + ",town,rural"), 4, "code");
    }

    @Test
    void aKindThatDoesNotMatchTheCodesLevelIsReported() {
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",village,rural"), 4, "kind", "town",
                "village");
        assertOneViolation(badFourthLine(VILLAGE_101_201 + "001,网格," + VILLAGE_101_201 + ",microgrid,"), 4, "kind");
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",hamlet,rural"), 4, "kind", "hamlet");
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",,rural"), 4, "kind");
    }

    @Test
    void aCodeThatDoesNotFitItsParentIsReported() {
        assertOneViolation(badFourthLine("370322101202,东村," + TOWN_102 + ",village,"), 4, "parent_code",
                TOWN_101);
        assertOneViolation(badFourthLine("370322101202,东村," + COUNTY + ",village,"), 4, "parent_code",
                TOWN_101);
        assertOneViolation(badFourthLine("370322101202,东村,,village,"), 4, "parent_code");
        assertOneViolation(badFourthLine("370323000000,邻县," + COUNTY + ",county,"), 4, "parent_code",
                "a county has no parent");
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道,37032200000,town,"), 4, "parent_code");
    }

    @Test
    void aParentThatIsItsOwnDescendantIsReportedNotLooped() {
        // The town names its own village as parent, and the village names the town: a would-be cycle.
        List<Violation> v = violations(lines(HEADER,
                VILLAGE_102_201 + ",东村," + TOWN_102 + ",village,",
                TOWN_102 + ",芦湖街道," + VILLAGE_102_201 + ",town,"), TREE_WITH_COUNTY, DataScope.unrestricted());
        assertOneViolation(v, 3, "parent_code", COUNTY);
        List<Violation> self = violations(lines(HEADER, TOWN_102 + ",芦湖街道," + TOWN_102 + ",town,"),
                TREE_WITH_COUNTY, DataScope.unrestricted());
        assertOneViolation(self, 2, "parent_code");
    }

    @Test
    void aParentNeitherInTheTreeNorInTheFileIsReported() {
        List<Violation> v = violations(lines(HEADER,
                TOWN_101 + ",田镇街道," + COUNTY + ",town,",
                VILLAGE_102_201 + ",东村," + TOWN_102 + ",village,",
                VILLAGE_101_201 + ",西村," + TOWN_101 + ",village,"), TREE_WITH_COUNTY, DataScope.unrestricted());
        assertOneViolation(v, 3, "parent_code", TOWN_102, "neither");
        List<Violation> noCounty = violations(lines(HEADER, TOWN_101 + ",田镇街道," + COUNTY + ",town,"));
        assertOneViolation(noCounty, 2, "parent_code", COUNTY);
    }

    @Test
    void aDuplicateCodeIsReportedOnTheLaterLineNamingTheEarlier() {
        List<Violation> v = violations(lines(HEADER,
                COUNTY + ",高青县,,county,",
                TOWN_101 + ",田镇街道," + COUNTY + ",town,",
                TOWN_102 + ",芦湖街道," + COUNTY + ",town,",
                TOWN_101 + ",田镇," + COUNTY + ",town,"));
        assertOneViolation(v, 5, "code", TOWN_101, "line 3");
    }

    @Test
    void aCodeAlreadyInTheTreeIsReported() {
        List<Violation> v = violations(lines(HEADER,
                TOWN_101 + ",田镇街道," + COUNTY + ",town,",
                COUNTY + ",高青县,,county,"), TREE_WITH_COUNTY, DataScope.unrestricted());
        assertOneViolation(v, 3, "code", COUNTY, "exists already");
    }

    @Test
    void aRegionOutsideTheCallersScopeIsReported() {
        DataScope town101 = DataScope.ofRegion(RegionCode.parse(TOWN_101));
        Predicate<String> tree = Set.of(COUNTY, TOWN_101, TOWN_102)::contains;
        List<Violation> v = violations(lines(HEADER,
                VILLAGE_101_201 + ",西村," + TOWN_101 + ",village,",
                VILLAGE_102_201 + ",东村," + TOWN_102 + ",village,",
                VILLAGE_101_201 + "001,网格," + VILLAGE_101_201 + ",grid,"), tree, town101);
        assertOneViolation(v, 3, "code", VILLAGE_102_201, "scope");
        List<Violation> sibling = violations(lines(HEADER, "370322103000,新镇," + COUNTY + ",town,"), tree, town101);
        assertOneViolation(sibling, 2, "code", "scope");
        assertOneViolation(violations(lines(HEADER, "370322103000,新镇," + COUNTY + ",town,"), tree,
                DataScope.none()), 2, "code", "scope");
    }

    @Test
    void theWrongNumberOfFieldsIsReported() {
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY), 4, null, "3");
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",town,rural,extra"), 4, null, "6");
        assertOneViolation(badFourthLine(TOWN_102 + ",\"芦湖,街道\"," + COUNTY + ",town"), 4, null, "4");
    }

    @Test
    void aBadAreaIsReported() {
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",town,suburban"), 4, "area",
                "suburban");
        assertOneViolation(badFourthLine(TOWN_102 + ",芦湖街道," + COUNTY + ",town,城镇"), 4, "area");
    }

    @Test
    void aBlankNameIsReported() {
        assertOneViolation(badFourthLine(TOWN_102 + ",," + COUNTY + ",town,"), 4, "name");
        assertOneViolation(badFourthLine(TOWN_102 + ",   ," + COUNTY + ",town,"), 4, "name");
        assertOneViolation(badFourthLine(TOWN_102 + ",\"\"," + COUNTY + ",town,"), 4, "name");
    }

    @Test
    void everyProblemOfOneLineIsReported() {
        List<Violation> v = badFourthLine(TOWN_102 + ",," + COUNTY + ",village,suburb");
        assertEquals(Set.of("4:name", "4:area", "4:kind"), Set.copyOf(where(v)));
        assertEquals(3, v.size());
    }

    @Test
    void severalBadLinesAreAllReportedInLineOrder() {
        String csv = lines(HEADER,
                "370322101202001,网格," + "370322101202" + ",grid,",              // 2: parent only in file, later
                VILLAGE_101_201 + ",西村," + TOWN_101 + ",village,",              // 3
                TOWN_102 + ",芦湖街道," + COUNTY + ",village,",                   // 4: kind
                "370322201201,北村,370322201000,village,",                        // 5: parent nowhere
                TOWN_101 + ",田镇街道," + COUNTY + ",town,",                      // 6
                "37032210120,短码," + TOWN_101 + ",village,",                     // 7: code
                VILLAGE_101_201 + ",西村二," + TOWN_101 + ",village,",            // 8: duplicate of 3
                "370322101202,东村," + TOWN_101 + ",village,",                    // 9
                "370322101203,南村," + TOWN_101 + ",village",                     // 10: fields
                COUNTY + ",高青县,,county,",                                       // 11: exists
                "370322101204,," + TOWN_101 + ",village,",                        // 12: name
                "370322101205,西五村," + TOWN_101 + ",village,downtown");         // 13: area
        List<Violation> v = violations(csv, TREE_WITH_COUNTY, DataScope.unrestricted());
        assertEquals(List.of("4:kind", "5:parent_code", "7:code", "8:code", "10:null", "11:code", "12:name",
                "13:area"), where(v));
        assertTrue(v.get(3).message().contains("line 3"), v.get(3).message());
    }

    @Test
    void theDetailCountsTheBadLinesAndTheReportIsCapped() {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int bad = RegionCsvReader.MAX_REPORTED + 50;
        for (int i = 0; i < bad; i++) {
            csv.append("bad").append(i).append(",名,,county,\n");
        }
        ProblemException e = assertThrows(ProblemException.class, () -> read(csv.toString()));
        @SuppressWarnings("unchecked")
        List<Violation> v = (List<Violation>) e.extensions().get("errors");
        assertEquals(RegionCsvReader.MAX_REPORTED, v.size());
        assertEquals(2, v.get(0).line());
        assertEquals(RegionCsvReader.MAX_REPORTED + 1, v.get(v.size() - 1).line());
        assertTrue(e.detail().startsWith(bad + " "), e.detail());
    }

    // ---- line numbering -------------------------------------------------------------------------------------

    @Test
    void theLastLineIsNumberedRightWithoutATrailingNewline() {
        String csv = HEADER + "\n" + COUNTY + ",高青县,,county,\n" + TOWN_101 + ",田镇街道," + COUNTY + ",town,bad";
        assertOneViolation(violations(csv), 3, "area");
        String onlyLine = HEADER + "\n" + TOWN_101 + ",田镇街道," + COUNTY + ",town,bad";
        assertOneViolation(violations(onlyLine, TREE_WITH_COUNTY, DataScope.unrestricted()), 2, "area");
    }

    @Test
    void theLastLineIsNumberedRightWithATrailingNewline() {
        String csv = HEADER + "\n" + COUNTY + ",高青县,,county,\n" + TOWN_101 + ",田镇街道," + COUNTY + ",town,bad\n";
        assertOneViolation(violations(csv), 3, "area");
    }

    @Test
    void windowsAndOldMacLineEndsCountOneLineEach() {
        String crlf = String.join("\r\n", HEADER, COUNTY + ",高青县,,county,", TOWN_101 + ",田镇街道," + COUNTY
                + ",town,bad", TOWN_102 + ",芦湖街道," + COUNTY + ",town,") + "\r\n";
        assertOneViolation(violations(crlf), 3, "area");
        String cr = String.join("\r", HEADER, COUNTY + ",高青县,,county,", TOWN_101 + ",田镇街道," + COUNTY
                + ",town,", TOWN_102 + ",芦湖街道," + COUNTY + ",town,bad");
        assertOneViolation(violations(cr), 4, "area");
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        String csv = HEADER + "\n\n" + COUNTY + ",高青县,,county,\n\n\n" + TOWN_101 + ",田镇街道," + COUNTY
                + ",town,bad\n\n";
        assertOneViolation(violations(csv), 6, "area");
        String crlf = HEADER + "\r\n\r\n" + COUNTY + ",高青县,,county,\r\n\r\n" + TOWN_101 + ",田镇街道," + COUNTY
                + ",town,bad";
        assertOneViolation(violations(crlf), 5, "area");
    }

    @Test
    void aRecordSpanningLinesIsReportedAtTheLineItStartsOn() {
        // lines: 1 header, 2 county, 3-4 town 101 (name with a line break), 5 town 102
        String csv = lines(HEADER,
                COUNTY + ",高青县,,county,",
                TOWN_101 + ",\"田镇",
                "街道\"," + COUNTY + ",town,bad",
                TOWN_102 + ",芦湖街道," + COUNTY + ",town,worse");
        assertEquals(List.of("3:area", "5:area"), where(violations(csv)));
    }

    @Test
    void lineNumbersAfterAMultiLineRecordStayRight() {
        // lines: 1 header, 2-4 county (name over three lines), 5 blank, 6 town 101, 7 town 102 (no newline at end)
        String csv = HEADER + "\n" + COUNTY + ",\"高青县\n第二行\n第三行\",,county,\n\n"
                + TOWN_101 + ",田镇街道," + COUNTY + ",village,\n"
                + TOWN_102 + ",芦湖街道," + COUNTY + ",town,x";
        assertEquals(List.of("6:kind", "7:area"), where(violations(csv)));
        String multiLineLast = HEADER + "\n" + COUNTY + ",高青县,,county,\n" + TOWN_101 + ",\"田镇\r\n街道\","
                + COUNTY + ",town,x";
        assertEquals(List.of("3:area"), where(violations(multiLineLast)));
    }

    @Test
    void aMultiLineHeaderShiftsTheFollowingLines() {
        String csv = "code,\"name\n\",parent_code,kind,area\n" + TOWN_101 + ",田镇街道," + COUNTY + ",town,x\n";
        // the header's quoted "name" ends on line 2 (and is trimmed), so the record is line 3
        assertEquals(List.of("3:area"), where(violations(csv, TREE_WITH_COUNTY, DataScope.unrestricted())));
    }

    @Test
    void lineNumbersMatchPhysicalLinesOfARandomFile() {
        // Random good and bad lines, random line ends, blank lines and multi-line names; the expected line of
        // each bad record is counted while the file is written.
        Random random = new Random(99);
        List<Row> rows = county();
        Map<String, Integer> expectedBadLines = new HashMap<>();
        StringBuilder csv = new StringBuilder(HEADER);
        int line = 1;
        for (Row row : rows) {
            String eol = random.nextBoolean() ? "\n" : "\r\n";
            csv.append(eol);
            line++;
            if (random.nextInt(6) == 0) {
                csv.append(eol);
                line++;
            }
            boolean multiLine = random.nextInt(5) == 0;
            boolean bad = random.nextInt(4) == 0;
            String name = multiLine ? "\"" + row.name + eol + "续\"" : row.name;
            String area = bad ? "nowhere" : row.area.name().toLowerCase();
            csv.append(String.join(",", row.code, name, row.parent == null ? "" : row.parent,
                    row.level.name().toLowerCase(), area));
            if (bad) {
                expectedBadLines.put(row.code, line);
            }
            if (multiLine) {
                line++;
            }
        }
        if (random.nextBoolean()) {
            csv.append('\n');
        }
        assertTrue(expectedBadLines.size() > 10, "the random file has bad lines");
        List<Violation> v = violations(csv.toString());
        List<Integer> expected = expectedBadLines.values().stream().sorted().toList();
        assertEquals(expected, v.stream().map(Violation::line).toList());
        for (Violation each : v) {
            assertEquals("area", each.field());
        }
    }
}
