package io.onegrid.address.internal.geo;

import static io.onegrid.address.internal.geo.GeoJsonGridsTest.collection;
import static io.onegrid.address.internal.geo.GeoJsonGridsTest.feature;
import static io.onegrid.address.internal.geo.GeoJsonGridsTest.polygon;
import static io.onegrid.address.internal.geo.GeoJsonGridsTest.read;
import static io.onegrid.address.internal.geo.Tilings.box;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.union.UnaryUnionOp;

class GridValidatorTest {

    private static final String VILLAGE = "370399101201";
    private static final String A = VILLAGE + "001";
    private static final String B = VILLAGE + "002";
    private static final String C = VILLAGE + "003";
    private static final String OTHER_VILLAGE_GRID = "370399101202001";
    /** Mean Earth radius, as the validator's documentation states it. */
    private static final double R = 6_371_008.8;
    private static final double LAT = 37.2;

    private final GridValidator validator = new GridValidator();

    private static GridFeature grid(String code, Geometry geometry) {
        return new GridFeature(code, "网格", geometry);
    }

    /** A cell of 0.001° starting {@code i} cells east of 117.7, at 37.2 N. */
    private static Geometry cell(double i) {
        return box(117.7 + i * 0.001, LAT, 117.7 + (i + 1) * 0.001, LAT + 0.001);
    }

    /**
     * The area of a longitude/latitude rectangle on the sphere, R² Δλ (sin φ2 − sin φ1): exact, unlike the
     * validator's local flat approximation, so the two agree only if the validator's conversion is right.
     */
    private static double sphericalArea(double west, double south, double east, double north) {
        return R * R * Math.toRadians(east - west)
                * (Math.sin(Math.toRadians(north)) - Math.sin(Math.toRadians(south)));
    }

    private static double reportedArea(GridProblem problem, String before) {
        Matcher m = Pattern.compile(Pattern.quote(before) + " ([0-9.]+) m²").matcher(problem.message());
        assertTrue(m.find(), problem::toString);
        return Double.parseDouble(m.group(1));
    }

    private static void assertProblem(GridProblem problem, int index, String code, String fragment) {
        assertEquals(index, problem.index(), problem.toString());
        assertEquals(code, problem.code(), problem.toString());
        assertTrue(problem.message().contains(fragment), () -> "expected '" + fragment + "' in " + problem);
    }

    // ---- a good layer --------------------------------------------------------------------------------------

    @Test
    void anIrregularTilingWithMicroGridsInsideTheirVillagesHasNoProblems() {
        List<GridFeature> features = Tilings.irregular(12, 15, 117.7, 37.3, 0.004, 7, 4);
        // village outlines: the union of each row, so every grid must lie inside (and the fast path is exercised)
        Map<String, Geometry> villages = new HashMap<>();
        for (int row = 0; row < 12; row++) {
            String village = Tilings.villageCode(row);
            villages.put(village, UnaryUnionOp.union(features.stream()
                    .filter(f -> f.code().length() == 15 && f.code().startsWith(village))
                    .map(GridFeature::geometry).toList()));
        }
        assertEquals(List.of(), validator.validate(features, villages));
        assertEquals(List.of(), new GridValidator(0).validate(features, villages));
    }

    // ---- rings (raw coordinates) and topology --------------------------------------------------------------

    @Test
    void unclosedAndTooShortRingsAreReportedAndTheRestIsStillValidatedWithFileIndexes() {
        String json = collection(
                feature(A, polygon("[[[117.7, 37.2], [117.701, 37.2], [117.701, 37.201], [117.7, 37.201]]]")),
                feature(B, polygon("[[[117.7, 37.2], [117.701, 37.2], [117.701, 37.201], [117.7, 37.201], "
                        + "[117.7, 37.2]]]")),
                feature(C, polygon("[[[117.7, 37.2], [117.701, 37.201], [117.7, 37.2]]]")),
                feature(VILLAGE + "004", polygon("[[[117.7005, 37.2], [117.7015, 37.2], [117.7015, 37.201], "
                        + "[117.7005, 37.201], [117.7005, 37.2]]]")));

        List<GridProblem> problems = validator.validate(read(json), Map.of());

        assertEquals(3, problems.size(), problems::toString);
        assertProblem(problems.get(0), 0, A, "Ring 0 (outer) is not closed");
        assertProblem(problems.get(1), 2, C, "has 3 positions; a ring needs at least 4");
        // feature 3 overlaps feature 1 by half a cell: the index and the reference are positions in the file
        assertProblem(problems.get(2), 3, VILLAGE + "004", "overlaps its sibling " + B + " (feature 1)");
    }

    @Test
    void ringProblemNeedsFourPositionsAndAClosedRing() {
        Coordinate[] c = {new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0)};
        assertNull(GridValidator.ringProblem(c));
        assertTrue(GridValidator.ringProblem(Arrays.copyOf(c, 3)).contains("at least 4"));
        c[3] = new Coordinate(0, 1e-12);
        assertTrue(GridValidator.ringProblem(c).contains("not closed"));
    }

    @Test
    void aBowTieIsReportedWithTheSelfIntersectionPoint() throws Exception {
        Geometry bowTie = new WKTReader().read(
                "POLYGON ((117.7 37.2, 117.701 37.201, 117.701 37.2, 117.7 37.201, 117.7 37.2))");
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(5)), grid(B, bowTie)));

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, B, "The outline is not valid: Self-intersection at (117.7005 37.2005)");
    }

    @Test
    void multiPolygonsAreValidatedPartByPart() throws Exception {
        WKTReader wkt = new WKTReader();
        Geometry twoParts = wkt.read("MULTIPOLYGON (((117.701 37.2, 117.702 37.2, 117.702 37.201, 117.701 37.201, "
                + "117.701 37.2)), ((117.704 37.2, 117.705 37.2, 117.705 37.201, 117.704 37.201, 117.704 37.2)))");
        Geometry overlappingParts = wkt.read("MULTIPOLYGON (((117.71 37.2, 117.712 37.2, 117.712 37.201, 117.71 37.201,"
                + " 117.71 37.2)), ((117.711 37.2, 117.713 37.2, 117.713 37.201, 117.711 37.201, 117.711 37.2)))");

        // touches A on one side; its second part overlaps C (3.5 .. 4.5)
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)), grid(B, twoParts),
                grid(C, cell(3.5)), grid(VILLAGE + "004", overlappingParts)));

        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems.get(0), 2, C, "overlaps its sibling " + B + " (feature 1)");
        assertProblem(problems.get(1), 3, VILLAGE + "004", "The outline is not valid");
    }

    @Test
    void onlyPolygonsAndMultiPolygonsAreGrids() throws Exception {
        List<GridProblem> problems = validator.validate(List.of(
                grid(A, new WKTReader().read("LINESTRING (117.7 37.2, 117.701 37.2)")),
                grid(B, new WKTReader().read("POLYGON EMPTY"))));
        assertProblem(problems.get(0), 0, A, "must be a Polygon or MultiPolygon, not LineString");
        assertProblem(problems.get(1), 1, B, "empty");
    }

    // ---- codes ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "37039910120100      | 15 digits (grid) or 17 (micro-grid), not 14",
        "3703991012010011    | 15 digits (grid) or 17 (micro-grid), not 16",
        "370399101201        | 15 digits (grid) or 17 (micro-grid), not 12",
        "370399101201001011  | 15 digits (grid) or 17 (micro-grid), not 18",
        "37039910120A001     | digits only",
        "370399101201000     | grid number (digits 13-15) must not be all zero",
        "37039910120100100   | micro-grid number (digits 16-17) must not be all zero",
        "370399000201001     | needs a town",
    })
    void wrongCodesAreReported(String code, String fragment) {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)), grid(code, cell(1))));
        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, code, fragment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"370399101201001", "37039910120100101", "370399001001999"})
    void gridAndMicroGridCodesAreAccepted(String code) {
        assertEquals(List.of(), validator.validate(List.of(grid(code, cell(0)))));
    }

    @Test
    void aCodeUsedTwiceIsReportedOnItsSecondUse() {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)), grid(B, cell(1)), grid(A, cell(2))));
        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 2, A, "also used by feature 0");
    }

    // ---- parents -------------------------------------------------------------------------------------------

    @Test
    void aGridBeyondItsVillageIsReportedWithTheAreaOutside() {
        Geometry village = box(117.70, LAT, 117.71, LAT + 0.01);
        double overshoot = 0.00001; // ≈ 0.89 m east of the village, along its 1.1 km edge: ≈ 990 m²
        List<GridFeature> grids = List.of(grid(A, box(117.70, LAT, 117.705, LAT + 0.01)),
                grid(B, box(117.705, LAT, 117.71 + overshoot, LAT + 0.01)));

        List<GridProblem> problems = validator.validate(grids, Map.of(VILLAGE, village));

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, B, "outside its parent " + VILLAGE + " (at most 1.00 m² allowed)");
        double expected = sphericalArea(117.71, LAT, 117.71 + overshoot, LAT + 0.01);
        assertEquals(expected, reportedArea(problems.get(0), "extends"), expected * 0.002);
    }

    @Test
    void anOvershootWithinTheToleranceIsAccepted() {
        Geometry village = box(117.70, LAT, 117.71, LAT + 0.01);
        double overshoot = 5e-9; // ≈ 0.44 mm along 1.1 km: ≈ 0.5 m²
        double area = sphericalArea(117.71, LAT, 117.71 + overshoot, LAT + 0.01);
        assertTrue(area > 0.4 && area < 0.6, "test premise: " + area);
        List<GridFeature> grids = List.of(grid(B, box(117.705, LAT, 117.71 + overshoot, LAT + 0.01)));

        assertEquals(List.of(), validator.validate(grids, Map.of(VILLAGE, village)));
        List<GridProblem> strict = new GridValidator(0.25).validate(grids, Map.of(VILLAGE, village));
        assertEquals(1, strict.size(), strict::toString);
        assertEquals(area, reportedArea(strict.get(0), "extends"), 0.01);
    }

    @Test
    void aGridEntirelyOutsideItsVillageIsReportedWithItsWholeArea() {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(20))),
                Map.of(VILLAGE, box(117.70, LAT, 117.71, LAT + 0.01)));
        assertEquals(1, problems.size(), problems::toString);
        double whole = sphericalArea(117.72, LAT, 117.721, LAT + 0.001);
        assertEquals(whole, reportedArea(problems.get(0), "extends"), whole * 0.002);
    }

    @Test
    void aMicroGridMustLieInItsGridFromTheSameFileWhichWinsOverAnOlderOutline() {
        Geometry oldOutline = cell(7); // the registry's outline, elsewhere: the file's grid is the new one
        List<GridFeature> features = List.of(grid(A, cell(0)),
                grid(A + "01", box(117.7, LAT, 117.7005, LAT + 0.001)),
                grid(A + "02", box(117.7005, LAT, 117.7015, LAT + 0.001)));

        List<GridProblem> problems = validator.validate(features, Map.of(A, oldOutline));

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 2, A + "02", "outside its parent " + A);
        double expected = sphericalArea(117.701, LAT, 117.7015, LAT + 0.001);
        assertEquals(expected, reportedArea(problems.get(0), "extends"), expected * 0.002);
    }

    @Test
    void aMicroGridOfAGridNotInTheFileIsCheckedAgainstTheGivenOutline() {
        List<GridFeature> features = List.of(grid(A + "01", box(117.7, LAT, 117.7015, LAT + 0.001)));
        List<GridProblem> problems = validator.validate(features, Map.of(A, cell(0)));
        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 0, A + "01", "outside its parent " + A);
        assertEquals(List.of(), validator.validate(features)); // no outline known: nothing to compare with
    }

    // ---- overlaps ------------------------------------------------------------------------------------------

    @Test
    void siblingsSharingAnEdgeOrACornerAreFine() {
        List<GridFeature> features = List.of(grid(A, cell(0)), grid(B, cell(1)),
                grid(C, box(117.702, LAT + 0.001, 117.703, LAT + 0.002)));
        assertEquals(List.of(), new GridValidator(0).validate(features));
    }

    @Test
    void overlappingSiblingsAreReportedOnTheLaterOneWithTheCommonArea() {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)), grid(B, cell(0.9))));

        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, B, "The outline overlaps its sibling " + A + " (feature 0) by ");
        double expected = sphericalArea(117.7009, LAT, 117.701, LAT + 0.001);
        assertEquals(expected, reportedArea(problems.get(0), "by"), expected * 0.002);
    }

    @Test
    void anOverlapWithinTheToleranceIsAccepted() {
        double sliver = 1e-8; // ≈ 0.9 mm × 111 m ≈ 0.1 m²
        List<GridFeature> features = List.of(grid(A, cell(0)), grid(B, cell(1 - sliver / 0.001)));
        assertEquals(List.of(), validator.validate(features));
        assertEquals(1, new GridValidator(0.01).validate(features).size());
    }

    @Test
    void gridsOfNeighbouringVillagesMustNotOverlapEither() {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)), grid(OTHER_VILLAGE_GRID, cell(0.5))));
        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 1, OTHER_VILLAGE_GRID, "overlaps " + A + " of another village (feature 0)");
    }

    @Test
    void aMicroGridInsideItsGridIsNotAnOverlapButTwoOverlappingMicroGridsAre() {
        List<GridProblem> problems = validator.validate(List.of(grid(A, cell(0)),
                grid(A + "01", box(117.7, LAT, 117.7006, LAT + 0.001)),
                grid(A + "02", box(117.7005, LAT, 117.701, LAT + 0.001))));
        assertEquals(1, problems.size(), problems::toString);
        assertProblem(problems.get(0), 2, A + "02", "overlaps its sibling " + A + "01 (feature 1)");
    }

    @Test
    void problemsComeInFileOrderAndTheSameOrderEveryTime() {
        // feature 3 overlaps 0, 1 and 2; feature 4 is bad in two ways
        List<GridFeature> features = new ArrayList<>(List.of(grid(A, cell(0)), grid(B, cell(1)), grid(C, cell(2)),
                grid(VILLAGE + "004", box(117.7, LAT, 117.703, LAT + 0.001)),
                grid("12345", box(117.7, LAT, 117.701, LAT + 0.001))));
        features.add(grid(VILLAGE + "006", cell(10)));

        List<GridProblem> first = validator.validate(features);

        assertEquals(first, validator.validate(features));
        assertEquals(List.of(3, 3, 3, 4), first.stream().map(GridProblem::index).toList(), first::toString);
        assertTrue(first.get(0).message().contains("(feature 0)"));
        assertTrue(first.get(1).message().contains("(feature 1)"));
        assertTrue(first.get(2).message().contains("(feature 2)"));
        assertProblem(first.get(3), 4, "12345", "not 5");
    }

    @Test
    void theToleranceIsAnArea() {
        assertThrows(IllegalArgumentException.class, () -> new GridValidator(-1));
        assertThrows(IllegalArgumentException.class, () -> new GridValidator(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GridValidator(Double.POSITIVE_INFINITY));
        assertEquals(1.0, new GridValidator().toleranceSquareMetres());
    }

    @Test
    void parentCodesDropTheLastGroup() {
        assertEquals(VILLAGE, GridValidator.parentCode(A));
        assertEquals(A, GridValidator.parentCode(A + "07"));
    }
}
