package io.onegrid.address.internal.geo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads and writes {@code grids.geojson} (DESIGN.md §6): a FeatureCollection of Polygon or MultiPolygon features with
 * the properties {@code code} and {@code name}, in WGS-84 longitude/latitude (RFC 7946).
 *
 * <p>A county may have thousands of grids with hundreds of vertices each, so the reader walks the {@code features}
 * array with Jackson's streaming parser and holds only one feature's JSON tree at a time; what it keeps is the JTS
 * geometry. Bad input is reported, not thrown: every problem found (with the feature's index and code) is returned
 * beside the features that could be built, so one import run lists everything a person has to fix.
 */
public final class GeoJsonGrids {

    /** WGS-84 (EPSG:4326) with full double precision: coordinates are kept exactly as the file writes them. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    // thread-safe once configured; it is only used to create parsers and generators
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_QUOTED = 60;

    private GeoJsonGrids() {
    }

    /**
     * What {@link #read(InputStream)} found.
     *
     * @param features the features that could be built, in file order
     * @param positions for each of {@code features}, its index in the file's {@code features} array (features that
     *     could not be built leave gaps)
     * @param problems everything wrong that reading found, by index; empty for a well-formed file
     */
    public record Parsed(List<GridFeature> features, List<Integer> positions, List<GridProblem> problems) {

        public Parsed {
            features = List.copyOf(features);
            positions = List.copyOf(positions);
            problems = List.copyOf(problems);
            if (features.size() != positions.size()) {
                throw new IllegalArgumentException("one position per feature");
            }
        }
    }

    /**
     * Reads a FeatureCollection. Problems of the file as a whole (not an object, not a FeatureCollection, no
     * {@code features} array, malformed JSON between features) carry {@link GridProblem#FILE}; malformed JSON inside a
     * feature carries that feature's index and ends the reading, since nothing after it can be trusted.
     *
     * <p>Per feature it checks what must hold before JTS can build a geometry: a {@code code} property, a Polygon or
     * MultiPolygon geometry, numeric positions within longitude -180..180 and latitude -90..90 (an altitude is
     * ignored), rings of at least 4 positions that end where they start ({@link GridValidator#ringProblem}). Topology
     * (validity, parents, overlaps) is {@link GridValidator}'s work.
     *
     * @throws UncheckedIOException when the stream itself fails (not when its content is bad)
     */
    public static Parsed read(InputStream in) {
        List<GridFeature> features = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<GridProblem> problems = new ArrayList<>();
        String type = null;
        boolean sawFeatures = false;
        int count = 0;
        int reading = GridProblem.FILE; // the feature whose tree is being read, for the index of a syntax error
        try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(fileProblem("The file is not a GeoJSON object; a FeatureCollection starts with '{'"));
                return new Parsed(features, positions, problems);
            }
            // members may come in any order, so "type" is judged after the loop
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(member)) {
                    type = value.isScalarValue() ? parser.getText() : value == JsonToken.START_OBJECT ? "{…}" : "[…]";
                    parser.skipChildren();
                } else if ("features".equals(member) && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        reading = count++;
                        JsonNode node = parser.readValueAsTree();
                        readFeature(reading, node, features, positions, problems);
                        reading = GridProblem.FILE;
                    }
                } else if ("features".equals(member)) {
                    sawFeatures = true; // present, though wrong: one problem is enough
                    problems.add(fileProblem("\"features\" must be an array"));
                    parser.skipChildren();
                } else {
                    parser.skipChildren(); // bbox, crs, name, foreign members: not ours to judge
                }
            }
            if (parser.nextToken() != null) {
                problems.add(fileProblem("Unexpected content after the FeatureCollection's closing '}'"));
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new GridProblem(reading, null, "Malformed JSON" + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage()));
            return new Parsed(features, positions, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!"FeatureCollection".equals(type)) {
            problems.add(fileProblem(type == null ? "The object has no \"type\"; expected \"FeatureCollection\""
                    : "The type is \"" + type + "\", expected \"FeatureCollection\""));
        }
        if (!sawFeatures) {
            problems.add(fileProblem("The FeatureCollection has no \"features\" array"));
        }
        // a file-level problem found at the end still belongs before the features' problems
        problems.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new Parsed(features, positions, problems);
    }

    private static GridProblem fileProblem(String message) {
        return new GridProblem(GridProblem.FILE, null, message);
    }

    private static void readFeature(int index, JsonNode node, List<GridFeature> features, List<Integer> positions,
            List<GridProblem> problems) {
        if (!node.isObject()) {
            problems.add(new GridProblem(index, null, "Not a GeoJSON Feature object: " + quote(node)));
            return;
        }
        JsonNode properties = node.path("properties");
        String code = text(properties.get("code"));
        String name = text(properties.get("name"));
        if (!"Feature".equals(node.path("type").asText(null))) {
            problems.add(new GridProblem(index, code, "The type must be \"Feature\", not " + quote(node.get("type"))));
        }
        JsonNode codeNode = properties.get("code");
        if (code == null && codeNode != null && !codeNode.isNull()) {
            problems.add(new GridProblem(index, null, "The \"code\" property must be a string of digits, not "
                    + quote(codeNode)));
        } else if (code == null || code.isBlank()) {
            problems.add(new GridProblem(index, null, "The feature has no \"code\" property"));
            code = null;
        }
        JsonNode nameNode = properties.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
            problems.add(new GridProblem(index, code, "The \"name\" property must be a string, not "
                    + quote(nameNode)));
        }
        Geometry geometry;
        try {
            geometry = geometry(node.get("geometry"));
        } catch (BadGeometry e) {
            problems.add(new GridProblem(index, code, e.getMessage()));
            return;
        }
        if (code != null) {
            features.add(new GridFeature(code, name, geometry));
            positions.add(index);
        }
    }

    /** A string, or an integral number written without quotes (a code typed as a number keeps its digits). */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
    }

    private static Geometry geometry(JsonNode geometry) {
        if (geometry == null || geometry.isNull()) {
            throw new BadGeometry("The feature has no geometry");
        }
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.get("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coordinates, "");
            case "MultiPolygon" -> {
                if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
                    throw new BadGeometry("A MultiPolygon's coordinates must be a non-empty array of polygons");
                }
                Polygon[] polygons = new Polygon[coordinates.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(coordinates.get(i), "polygon " + i + ", ");
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
            default -> throw new BadGeometry("The geometry must be a Polygon or MultiPolygon, not "
                    + (type.isEmpty() ? quote(geometry.get("type")) : type));
        };
    }

    private static Polygon polygon(JsonNode rings, String where) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new BadGeometry(capitalise(where + "a Polygon's coordinates must be a non-empty array of rings, not "
                    + quote(rings)));
        }
        LinearRing shell = ring(rings.get(0), where + "ring 0 (outer)");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(rings.get(i + 1), where + "ring " + (i + 1) + " (hole)");
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode positions, String where) {
        if (!positions.isArray()) {
            throw new BadGeometry(capitalise(where) + " must be an array of positions, not " + quote(positions));
        }
        Coordinate[] ring = new Coordinate[positions.size()];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = position(positions.get(i), where + ", position " + i);
        }
        // JTS refuses unclosed or too short rings with an exception that names neither feature nor ring
        String problem = GridValidator.ringProblem(ring);
        if (problem != null) {
            throw new BadGeometry(capitalise(where) + " " + problem);
        }
        return FACTORY.createLinearRing(ring);
    }

    private static Coordinate position(JsonNode position, String where) {
        if (!position.isArray() || position.size() < 2) {
            throw new BadGeometry(capitalise(where) + " must be [longitude, latitude], not " + quote(position));
        }
        for (JsonNode ordinate : position) {
            if (!ordinate.isNumber()) {
                throw new BadGeometry(capitalise(where) + " has a non-numeric coordinate: " + quote(position));
            }
        }
        double lon = position.get(0).doubleValue();
        double lat = position.get(1).doubleValue();
        // written as "!(in range)" so that an infinite value (1e999) is caught too
        if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
            // Chinese data swapped to (lat, lon) or left in a projected system (CGCS2000 Gauss-Krüger) ends up here
            String hint = Math.abs(lon) <= 90 && Math.abs(lat) <= 180 ? " (are longitude and latitude swapped?)"
                    : Math.abs(lon) > 360 || Math.abs(lat) > 360 ? " (projected metres rather than degrees?)" : "";
            throw new BadGeometry(capitalise(where) + " lies outside WGS-84 longitude -180..180 / latitude -90..90: "
                    + quote(position) + hint);
        }
        return new Coordinate(lon, lat);
    }

    private static String quote(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** Ends the reading of one feature's geometry; no stack trace, it is a message for the problem list. */
    private static final class BadGeometry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadGeometry(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Writes the features as a FeatureCollection (UTF-8, names unescaped) with the properties {@code code} and
     * {@code name}. Outer rings are written counter-clockwise and holes clockwise, as RFC 7946 §3.1.6 asks, whatever
     * the orientation of the input; coordinates are written exactly (the shortest decimal that reads back to the same
     * double). The stream is flushed, not closed.
     *
     * @throws IllegalArgumentException when a feature's geometry is neither a Polygon nor a MultiPolygon
     * @throws UncheckedIOException when the stream fails
     */
    public static void write(Iterable<GridFeature> features, OutputStream out) {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
            for (GridFeature feature : features) {
                json.writeStartObject();
                json.writeStringField("type", "Feature");
                json.writeObjectFieldStart("properties");
                json.writeStringField("code", feature.code());
                json.writeStringField("name", feature.name());
                json.writeEndObject();
                json.writeObjectFieldStart("geometry");
                writeGeometry(json, feature);
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeGeometry(JsonGenerator json, GridFeature feature) throws IOException {
        Geometry geometry = feature.geometry();
        if (geometry instanceof Polygon polygon) {
            json.writeStringField("type", "Polygon");
            json.writeFieldName("coordinates");
            writePolygon(json, polygon);
        } else if (geometry instanceof MultiPolygon multi) {
            json.writeStringField("type", "MultiPolygon");
            json.writeArrayFieldStart("coordinates");
            for (int i = 0; i < multi.getNumGeometries(); i++) {
                writePolygon(json, (Polygon) multi.getGeometryN(i));
            }
            json.writeEndArray();
        } else {
            throw new IllegalArgumentException("Grid " + feature.code() + " is a " + geometry.getGeometryType()
                    + "; grids.geojson holds only Polygon and MultiPolygon");
        }
    }

    private static void writePolygon(JsonGenerator json, Polygon polygon) throws IOException {
        json.writeStartArray();
        writeRing(json, polygon.getExteriorRing().getCoordinateSequence(), true);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            writeRing(json, polygon.getInteriorRingN(i).getCoordinateSequence(), false);
        }
        json.writeEndArray();
    }

    private static void writeRing(JsonGenerator json, CoordinateSequence ring, boolean counterClockwise)
            throws IOException {
        int n = ring.size();
        boolean reverse = n >= 4 && Orientation.isCCW(ring) != counterClockwise;
        json.writeStartArray();
        for (int i = 0; i < n; i++) {
            int k = reverse ? n - 1 - i : i;
            json.writeStartArray();
            json.writeNumber(ring.getX(k));
            json.writeNumber(ring.getY(k));
            json.writeEndArray();
        }
        json.writeEndArray();
    }
}
