package io.onegrid.address.internal.geo;

import io.onegrid.api.region.RegionCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks grid outlines before they are stored or indexed: codes, topology, containment in the parent and overlaps.
 *
 * <p>Rules, per feature:
 * <ul>
 *   <li>the code has 15 digits (grid: village code + 3) or 17 (micro-grid: grid code + 2) and parses as a
 *       {@link RegionCode}; no code appears twice;</li>
 *   <li>the geometry is a non-empty, valid Polygon or MultiPolygon ({@link IsValidOp}: no self-intersection, holes
 *       inside shells, …). Closed rings of at least 4 positions are checked on the raw coordinates by the reader
 *       ({@link #ringProblem}), since JTS cannot even build such a ring;</li>
 *   <li>it lies inside its parent (a grid inside its village, a micro-grid inside its grid) where the parent's outline
 *       is known: given by the caller, or for a micro-grid its grid in the same file;</li>
 *   <li>it does not overlap another feature of its level: siblings (same parent) must not, and neither may grids of
 *       neighbouring villages, whose territories are disjoint too.</li>
 * </ul>
 * Hand-digitised boundaries never meet exactly, so containment and overlap tolerate a sliver of at most
 * {@link #toleranceSquareMetres()}; touching along a shared edge is always fine.
 *
 * <p>Areas are converted from square degrees with a local equirectangular scale at the feature's latitude: exact
 * enough (well under 1 % error) for pieces a few kilometres across, and needs no projection library.
 */
public final class GridValidator {

    /** One square metre: a 5 mm sliver along a 200 m edge. */
    public static final double DEFAULT_TOLERANCE_M2 = 1.0;

    /** Metres per degree of latitude on a sphere of the mean Earth radius (IUGG, 6,371,008.8 m). */
    static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

    private final double toleranceM2;

    public GridValidator() {
        this(DEFAULT_TOLERANCE_M2);
    }

    /** @param toleranceSquareMetres the largest overshoot or overlap still accepted, in m² (0 for none) */
    public GridValidator(double toleranceSquareMetres) {
        if (!(toleranceSquareMetres >= 0) || Double.isInfinite(toleranceSquareMetres)) {
            throw new IllegalArgumentException("The tolerance must be a finite area >= 0 m², not "
                    + toleranceSquareMetres);
        }
        this.toleranceM2 = toleranceSquareMetres;
    }

    public double toleranceSquareMetres() {
        return toleranceM2;
    }

    /**
     * What is wrong with a raw GeoJSON ring, or null when it can be built: at least 4 positions, the last repeating the
     * first exactly (RFC 7946 §3.1.6). The answer completes a sentence that names the ring.
     */
    public static String ringProblem(Coordinate[] ring) {
        if (ring.length < 4) {
            return "has " + ring.length + " position" + (ring.length == 1 ? "" : "s")
                    + "; a ring needs at least 4 (three corners, then the first again)";
        }
        Coordinate first = ring[0];
        Coordinate last = ring[ring.length - 1];
        if (!first.equals2D(last)) {
            return "is not closed: it starts at " + format(first) + " but ends at " + format(last)
                    + "; GeoJSON repeats the first position at the end";
        }
        return null;
    }

    /** The code of the region directly above a grid (its 12-digit village) or micro-grid (its 15-digit grid). */
    public static String parentCode(String code) {
        return code.substring(0, code.length() == 17 ? 15 : 12);
    }

    /** Validates features that have no known parents except, for micro-grids, the grids among them. */
    public List<GridProblem> validate(List<GridFeature> features) {
        return validate(features, Map.of());
    }

    /**
     * Validates features against each other and against the parents' outlines.
     *
     * @param features the features; a problem's index is the position in this list
     * @param parents outlines of parent regions by code (villages for grids, grids for micro-grids), e.g. from the
     *     registry; a grid in {@code features} takes precedence over an entry here, since it is the new outline
     * @return the problems, ordered by index and, within one feature, by rule; empty when everything holds
     */
    public List<GridProblem> validate(List<GridFeature> features, Map<String, ? extends Geometry> parents) {
        return validate(features, parents, i -> i);
    }

    /**
     * Validates what {@link GeoJsonGrids#read} built and merges the problems with the reader's, all indexed by position
     * in the file.
     */
    public List<GridProblem> validate(GeoJsonGrids.Parsed parsed, Map<String, ? extends Geometry> parents) {
        List<GridProblem> all = new ArrayList<>(parsed.problems());
        all.addAll(validate(parsed.features(), parents, parsed.positions()::get));
        all.sort(Comparator.comparingInt(GridProblem::index)); // stable: the reader's problems stay first
        return List.copyOf(all);
    }

    private List<GridProblem> validate(List<GridFeature> features, Map<String, ? extends Geometry> parents,
            IntUnaryOperator position) {
        int n = features.size();
        List<GridProblem> problems = new ArrayList<>();
        // only sound features (good code, valid geometry, first of its code) take part in the checks between features
        boolean[] sound = new boolean[n];
        Map<String, Integer> firstOfCode = new HashMap<>();
        for (int i = 0; i < n; i++) {
            GridFeature feature = features.get(i);
            sound[i] = checkAlone(feature, position.applyAsInt(i), problems);
            Integer first = firstOfCode.putIfAbsent(feature.code(), i);
            if (first != null) {
                problems.add(new GridProblem(position.applyAsInt(i), feature.code(), "The code is also used by feature "
                        + position.applyAsInt(first)));
                sound[i] = false;
            }
        }
        checkParents(features, parents, sound, firstOfCode, position, problems);
        checkOverlaps(features, sound, position, problems);
        problems.sort(Comparator.comparingInt(GridProblem::index)); // stable: rule order within a feature
        return List.copyOf(problems);
    }

    private static boolean checkAlone(GridFeature feature, int index, List<GridProblem> problems) {
        boolean sound = true;
        String codeProblem = codeProblem(feature.code());
        if (codeProblem != null) {
            problems.add(new GridProblem(index, feature.code(), codeProblem));
            sound = false;
        }
        Geometry geometry = feature.geometry();
        if (!(geometry instanceof Polygon || geometry instanceof MultiPolygon)) {
            problems.add(new GridProblem(index, feature.code(), "The geometry must be a Polygon or MultiPolygon, not "
                    + geometry.getGeometryType()));
            return false;
        }
        if (geometry.isEmpty()) {
            problems.add(new GridProblem(index, feature.code(), "The geometry is empty"));
            return false;
        }
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            problems.add(new GridProblem(index, feature.code(), "The outline is not valid: " + error.getMessage()
                    + (error.getCoordinate() == null ? "" : " at " + near(error.getCoordinate()))));
            return false;
        }
        return sound;
    }

    private static String codeProblem(String code) {
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "The code must contain digits only: '" + code + "'";
        }
        if (code.length() != 15 && code.length() != 17) {
            return "The code must have 15 digits (grid) or 17 (micro-grid), not " + code.length() + ": '" + code + "'";
        }
        try {
            RegionCode.parse(code); // village part and non-zero grid numbers
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private void checkParents(List<GridFeature> features, Map<String, ? extends Geometry> parents, boolean[] sound,
            Map<String, Integer> firstOfCode, IntUnaryOperator position, List<GridProblem> problems) {
        // many children share a parent: prepare each parent once
        Map<String, PreparedGeometry> prepared = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            if (!sound[i]) {
                continue;
            }
            GridFeature feature = features.get(i);
            String parentCode = parentCode(feature.code());
            Geometry parent;
            Integer inFile = feature.code().length() == 17 ? firstOfCode.get(parentCode) : null;
            if (inFile != null) {
                if (!sound[inFile]) {
                    continue; // its grid is already reported; comparing with a broken outline would only add noise
                }
                parent = features.get(inFile).geometry();
            } else {
                parent = parents.get(parentCode);
            }
            if (parent == null) {
                continue;
            }
            Geometry child = feature.geometry();
            if (prepared.computeIfAbsent(parentCode, c -> PreparedGeometryFactory.prepare(parent)).covers(child)) {
                continue; // the common case, without computing an overlay
            }
            try {
                double outside = squareMetres(OverlayNGRobust.overlay(child, parent, OverlayNG.DIFFERENCE), child);
                if (outside > toleranceM2) {
                    problems.add(new GridProblem(position.applyAsInt(i), feature.code(), "The outline extends "
                            + area(outside) + " outside its parent " + parentCode + " (at most " + area(toleranceM2)
                            + " allowed)"));
                }
            } catch (RuntimeException e) { // TopologyException: an invalid parent outline from the caller
                problems.add(new GridProblem(position.applyAsInt(i), feature.code(),
                        "The outline could not be compared with its parent " + parentCode + ": " + e.getMessage()));
            }
        }
    }

    private void checkOverlaps(List<GridFeature> features, boolean[] sound, IntUnaryOperator position,
            List<GridProblem> problems) {
        // envelopes in an STRtree give the candidate pairs: O(n log n) for a tiling, instead of O(n²) pairs
        STRtree tree = new STRtree();
        for (int i = 0; i < features.size(); i++) {
            if (sound[i]) {
                tree.insert(features.get(i).geometry().getEnvelopeInternal(), i);
            }
        }
        tree.build();
        for (int i = 0; i < features.size(); i++) {
            if (!sound[i]) {
                continue;
            }
            GridFeature a = features.get(i);
            Envelope envelope = a.geometry().getEnvelopeInternal();
            List<Integer> candidates = new ArrayList<>();
            for (Object item : tree.query(envelope)) {
                int j = (Integer) item;
                // each pair once, reported on the later feature; only the same level (a micro-grid lies in its grid)
                if (j > i && features.get(j).code().length() == a.code().length()) {
                    candidates.add(j);
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            candidates.sort(null); // the tree's order is not the file's: keep the report deterministic
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(a.geometry());
            for (int j : candidates) {
                GridFeature b = features.get(j);
                if (!prepared.intersects(b.geometry())) {
                    continue;
                }
                // neighbours sharing an edge intersect too; only a common area counts
                try {
                    double common = squareMetres(OverlayNGRobust.overlay(a.geometry(), b.geometry(),
                            OverlayNG.INTERSECTION), a.geometry());
                    if (common > toleranceM2) {
                        boolean siblings = parentCode(a.code()).equals(parentCode(b.code()));
                        problems.add(new GridProblem(position.applyAsInt(j), b.code(), "The outline overlaps "
                                + (siblings ? "its sibling " + a.code() : a.code() + " of another "
                                        + (a.code().length() == 17 ? "grid" : "village"))
                                + " (feature " + position.applyAsInt(i) + ") by " + area(common) + " (at most "
                                + area(toleranceM2) + " allowed)"));
                    }
                } catch (RuntimeException e) {
                    problems.add(new GridProblem(position.applyAsInt(j), b.code(), "The outline could not be compared "
                            + "with " + a.code() + " (feature " + position.applyAsInt(i) + "): " + e.getMessage()));
                }
            }
        }
    }

    /** The area of {@code piece} in m², scaled at the latitude of the middle of {@code at}'s envelope. */
    static double squareMetres(Geometry piece, Geometry at) {
        Envelope envelope = at.getEnvelopeInternal();
        double latitude = (envelope.getMinY() + envelope.getMaxY()) / 2;
        return piece.getArea() * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos(Math.toRadians(latitude));
    }

    private static String area(double squareMetres) {
        return String.format(Locale.ROOT, "%.2f m²", squareMetres);
    }

    /** Exactly: an unclosed ring may miss its start by less than any rounding would show. */
    private static String format(Coordinate c) {
        return "(" + c.getX() + " " + c.getY() + ")";
    }

    /** To 7 decimals (about 1 cm): a computed intersection point carries floating-point noise beyond that. */
    private static String near(Coordinate c) {
        return "(" + round7(c.getX()) + " " + round7(c.getY()) + ")";
    }

    private static String round7(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(7, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
