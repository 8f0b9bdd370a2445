package io.onegrid.address.internal.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class GeoJsonGridsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Outer rings counter-clockwise, holes clockwise (RFC 7946), decimals only: what the writer writes back. */
    private static final String THREE_GRIDS = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"code": "370399101201001", "name": "柳树村第一网格"},
               "geometry": {"type": "Polygon", "coordinates": [[[117.7, 37.2], [117.75, 37.2], [117.75, 37.25],
                 [117.7, 37.25], [117.7, 37.2]]]}},
              {"type": "Feature", "properties": {"code": "370399101201002", "name": "柳树村第二网格（含水塘）"},
               "geometry": {"type": "Polygon", "coordinates": [
                 [[117.75, 37.2], [117.8, 37.2], [117.8, 37.25], [117.75, 37.25], [117.75, 37.2]],
                 [[117.76, 37.21], [117.76, 37.22], [117.77, 37.22], [117.77, 37.21], [117.76, 37.21]]]}},
              {"type": "Feature", "properties": {"code": "37039910120100201", "name": "桃园小区微网格"},
               "geometry": {"type": "MultiPolygon", "coordinates": [
                 [[[117.78, 37.23], [117.79, 37.23], [117.79, 37.24], [117.78, 37.24], [117.78, 37.23]]],
                 [[[117.785, 37.205], [117.795, 37.205], [117.795, 37.215], [117.785, 37.215], [117.785, 37.205]]]]}}
            ]}
            """;

    static GeoJsonGrids.Parsed read(String json) {
        return GeoJsonGrids.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static String write(List<GridFeature> features) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonGrids.write(features, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A FeatureCollection of the given feature texts. */
    static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",\n", features) + "]}";
    }

    static String feature(String code, String geometry) {
        return "{\"type\": \"Feature\", \"properties\": {\"code\": \"" + code + "\", \"name\": \"网格\"}, \"geometry\": "
                + geometry + "}";
    }

    static String polygon(String rings) {
        return "{\"type\": \"Polygon\", \"coordinates\": " + rings + "}";
    }

    private static final String SQUARE = polygon("[[[117.7, 37.2], [117.701, 37.2], [117.701, 37.201], "
            + "[117.7, 37.201], [117.7, 37.2]]]");

    private static Geometry wkt(String text) throws Exception {
        return new WKTReader().read(text);
    }

    // ---- reading and round trip ----------------------------------------------------------------------------

    @Test
    void readsPolygonsWithHolesAndMultiPolygonsWithTheirProperties() throws Exception {
        GeoJsonGrids.Parsed parsed = read(THREE_GRIDS);

        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of(0, 1, 2), parsed.positions());
        List<GridFeature> f = parsed.features();
        assertEquals(List.of("370399101201001", "370399101201002", "37039910120100201"),
                f.stream().map(GridFeature::code).toList());
        assertEquals(List.of("柳树村第一网格", "柳树村第二网格（含水塘）", "桃园小区微网格"),
                f.stream().map(GridFeature::name).toList());

        assertTrue(f.get(0).geometry().equalsExact(
                wkt("POLYGON ((117.7 37.2, 117.75 37.2, 117.75 37.25, 117.7 37.25, 117.7 37.2))")));
        Polygon withHole = assertInstanceOf(Polygon.class, f.get(1).geometry());
        assertEquals(1, withHole.getNumInteriorRing());
        assertTrue(withHole.equalsExact(wkt("POLYGON ((117.75 37.2, 117.8 37.2, 117.8 37.25, 117.75 37.25, "
                + "117.75 37.2), (117.76 37.21, 117.76 37.22, 117.77 37.22, 117.77 37.21, 117.76 37.21))")));
        MultiPolygon two = assertInstanceOf(MultiPolygon.class, f.get(2).geometry());
        assertEquals(2, two.getNumGeometries());
        for (GridFeature feature : f) {
            assertEquals(4326, feature.geometry().getSRID());
        }
    }

    @Test
    void writesBackTheSameDocumentWithChineseNamesUnescaped() throws Exception {
        String written = write(read(THREE_GRIDS).features());

        assertTrue(written.contains("柳树村第二网格（含水塘）"), written);
        // same members, same values, same coordinate order (object member order aside)
        assertEquals(JSON.readTree(THREE_GRIDS), JSON.readTree(written));
        GeoJsonGrids.Parsed again = read(written);
        assertEquals(List.of(), again.problems());
        List<GridFeature> before = read(THREE_GRIDS).features();
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).code(), again.features().get(i).code());
            assertEquals(before.get(i).name(), again.features().get(i).name());
            assertTrue(before.get(i).geometry().equalsExact(again.features().get(i).geometry()));
        }
    }

    @Test
    void writesOuterRingsCounterClockwiseAndHolesClockwise() throws Exception {
        // outer ring clockwise, hole counter-clockwise: both the wrong way round for RFC 7946
        Geometry backwards = wkt("POLYGON ((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))");
        JsonNode rings = JSON.readTree(write(List.of(new GridFeature("370399101201001", null, backwards))))
                .at("/features/0/geometry/coordinates");

        assertEquals(JSON.readTree("[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]"), rings.get(0));
        assertEquals(JSON.readTree("[[2.0, 2.0], [2.0, 4.0], [4.0, 4.0], [4.0, 2.0], [2.0, 2.0]]"), rings.get(1));
        assertTrue(JSON.readTree(write(List.of(new GridFeature("370399101201001", null, backwards))))
                .at("/features/0/properties/name").isNull());
    }

    @Test
    void writingAnythingButPolygonsIsRefused() throws Exception {
        Point point = (Point) wkt("POINT (117.7 37.2)");
        assertThrows(IllegalArgumentException.class,
                () -> write(List.of(new GridFeature("370399101201001", "x", point))));
    }

    @Test
    void coordinatesSurviveTheRoundTripBitForBit() {
        // values without a short decimal form: the writer must not round them
        double x = 117.70000000000002;
        double y = 37.1 / 3;
        GridFeature feature = new GridFeature("370399101201001", "精度", Tilings.box(x, y, x + 0.1 / 3, y + 0.01));
        GridFeature back = read(write(List.of(feature))).features().get(0);
        assertTrue(feature.geometry().equalsExact(back.geometry()));
    }

    @Test
    void membersMayComeInAnyOrderAndForeignMembersAreIgnored() {
        String json = "{\"bbox\": [117, 37, 118, 38], \"crs\": {\"type\": \"name\", \"properties\": {\"name\": "
                + "\"urn:ogc:def:crs:OGC:1.3:CRS84\"}}, \"features\": [" + feature("370399101201001", SQUARE)
                + "], \"name\": {\"nested\": [1, 2]}, \"type\": \"FeatureCollection\"}";
        GeoJsonGrids.Parsed parsed = read(json);
        assertEquals(List.of(), parsed.problems());
        assertEquals(1, parsed.features().size());
    }

    @Test
    void aCodeWrittenAsANumberKeepsItsDigitsAndANameMayBeMissing() {
        String json = collection("{\"type\": \"Feature\", \"properties\": {\"code\": 370399101201001}, \"geometry\": "
                + SQUARE + "}");
        GeoJsonGrids.Parsed parsed = read(json);
        assertEquals(List.of(), parsed.problems());
        assertEquals("370399101201001", parsed.features().get(0).code());
        assertNull(parsed.features().get(0).name());
    }

    // ---- problems ------------------------------------------------------------------------------------------

    @Test
    void everyBadFeatureIsReportedWithItsIndexAndCodeAndTheGoodOnesAreKept() {
        String json = collection(
                feature("370399101201001", SQUARE),
                "{\"type\": \"Feature\", \"properties\": {\"name\": \"无编码\"}, \"geometry\": " + SQUARE + "}",
                feature("370399101201003", "{\"type\": \"Point\", \"coordinates\": [117.7, 37.2]}"),
                feature("370399101201004", polygon("[[[117.7, 37.2], [117.701, 37.2], [117.701, 37.201], "
                        + "[117.7, 37.201]]]")),
                feature("370399101201005", polygon("[[[117.7, 37.2], [117.701, 37.2], [117.7, 37.2]]]")),
                feature("370399101201006", polygon("[[[\"117.7\", 37.2], [117.701, 37.2], [117.701, 37.201], "
                        + "[117.7, 37.2]]]")),
                feature("370399101201007", polygon("[[[190.0, 37.2], [117.701, 37.2], [117.701, 37.201], "
                        + "[190.0, 37.2]]]")),
                feature("370399101201008", polygon("[[[37.2, 117.7], [37.2, 117.701], [37.201, 117.701], "
                        + "[37.2, 117.7]]]")),
                feature("370399101201009", polygon("[5]")),
                feature("370399101201010", polygon("[[[117.7], [117.701, 37.2], [117.701, 37.201], [117.7]]]")),
                "{\"type\": \"Feature\", \"properties\": {\"code\": \"370399101201011\"}, \"geometry\": null}",
                feature("370399101201012", "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[117.7, 37.2], "
                        + "[117.701, 37.2], [117.701, 37.201], [117.7, 37.2]]], [[[117.8, 37.2], [117.801, 37.2], "
                        + "[117.801, 37.201], [117.8, 37.21]]]]}"),
                feature("370399101201013", polygon("[]")),
                "\"not a feature\"",
                feature("370399101201015", SQUARE));

        GeoJsonGrids.Parsed parsed = read(json);

        assertEquals(List.of(0, 14), parsed.positions());
        assertEquals(List.of("370399101201001", "370399101201015"),
                parsed.features().stream().map(GridFeature::code).toList());
        List<GridProblem> p = parsed.problems();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13), p.stream().map(GridProblem::index).toList(),
                p.toString());
        assertProblem(p.get(0), 1, null, "no \"code\"");
        assertProblem(p.get(1), 2, "370399101201003", "must be a Polygon or MultiPolygon, not Point");
        assertProblem(p.get(2), 3, "370399101201004", "Ring 0 (outer) is not closed");
        assertProblem(p.get(3), 4, "370399101201005", "Ring 0 (outer) has 3 positions; a ring needs at least 4");
        assertProblem(p.get(4), 5, "370399101201006", "Ring 0 (outer), position 0 has a non-numeric coordinate");
        assertProblem(p.get(5), 6, "370399101201007", "Ring 0 (outer), position 0 lies outside WGS-84");
        assertProblem(p.get(6), 7, "370399101201008", "swapped");
        assertProblem(p.get(7), 8, "370399101201009", "Ring 0 (outer) must be an array of positions, not 5");
        assertProblem(p.get(8), 9, "370399101201010", "Ring 0 (outer), position 0 must be [longitude, latitude]");
        assertProblem(p.get(9), 10, "370399101201011", "no geometry");
        assertProblem(p.get(10), 11, "370399101201012", "Polygon 1, ring 0 (outer) is not closed: it starts at "
                + "(117.8 37.2) but ends at (117.8 37.21)");
        assertProblem(p.get(11), 12, "370399101201013", "non-empty array of rings");
        assertProblem(p.get(12), 13, null, "Not a GeoJSON Feature object");
    }

    private static void assertProblem(GridProblem problem, int index, String code, String fragment) {
        assertEquals(index, problem.index(), problem.toString());
        assertEquals(code, problem.code(), problem.toString());
        assertTrue(problem.message().contains(fragment), () -> "expected '" + fragment + "' in " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                          | not a GeoJSON object",
        "[]                                                          | not a GeoJSON object",
        "{\"type\": \"Feature\", \"geometry\": null}                 | The type is \"Feature\"",
        "{\"features\": []}                                          | no \"type\"",
        "{\"type\": \"FeatureCollection\"}                           | no \"features\" array",
        "{\"type\": \"FeatureCollection\", \"features\": {}}         | \"features\" must be an array",
        "{\"type\": \"FeatureCollection\", \"features\": []} []      | Unexpected content",
        "{\"type\": \"FeatureCollection\", \"features\": [], }       | Malformed JSON at line 1",
    })
    void problemsOfTheWholeFileHaveNoFeatureIndex(String json, String fragment) {
        GeoJsonGrids.Parsed parsed = read(json);
        assertFalse(parsed.problems().isEmpty());
        assertProblem(parsed.problems().get(0), GridProblem.FILE, null, fragment);
    }

    @Test
    void malformedJsonInsideAFeatureNamesThatFeatureAndKeepsTheOnesBefore() {
        String json = collection(feature("370399101201001", SQUARE), feature("370399101201002", SQUARE),
                "{\"type\": \"Feature\", \"properties\": {\"code\": \"370399101201003\" \"name\": \"缺逗号\"}}");
        GeoJsonGrids.Parsed parsed = read(json);
        assertEquals(List.of(0, 1), parsed.positions());
        assertEquals(1, parsed.problems().size());
        assertProblem(parsed.problems().get(0), 2, null, "Malformed JSON at line 3");
    }

    @Test
    void aCodeThatIsNeitherTextNorAWholeNumberIsNamedAsSuch() {
        String json = collection("{\"type\": \"Feature\", \"properties\": {\"code\": 3.7e14}, \"geometry\": "
                + SQUARE + "}", "{\"type\": \"Feature\", \"properties\": {\"code\": \" \"}, \"geometry\": " + SQUARE
                + "}");
        List<GridProblem> problems = read(json).problems();
        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems.get(0), 0, null, "The \"code\" property must be a string of digits, not 3.7E14");
        assertProblem(problems.get(1), 1, null, "no \"code\" property");
    }

    @Test
    void anEmptyCollectionIsFine() {
        GeoJsonGrids.Parsed parsed = read("{\"type\": \"FeatureCollection\", \"features\": []}");
        assertEquals(List.of(), parsed.problems());
        assertEquals(List.of(), parsed.features());
    }
}
