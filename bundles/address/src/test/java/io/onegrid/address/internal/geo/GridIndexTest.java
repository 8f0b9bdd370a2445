package io.onegrid.address.internal.geo;

import static io.onegrid.address.internal.geo.Tilings.box;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTReader;

class GridIndexTest {

    private static final String A = "370399101201001";
    private static final String B = "370399101201002";

    /** Most specific first, then the smallest code: the tie rule stated by {@link GridIndex}. */
    private static final Comparator<String> PREFERENCE =
            Comparator.comparingInt((String code) -> -code.length()).thenComparing(Comparator.naturalOrder());

    private static GridFeature grid(String code, Geometry geometry) {
        return new GridFeature(code, null, geometry);
    }

    // ---- the rules, one at a time --------------------------------------------------------------------------

    @Test
    void aPointOnTheSharedEdgeOfTwoSiblingsGoesToTheSmallerCodeWhateverTheOrder() {
        GridFeature a = grid(A, box(117.700, 37.2, 117.701, 37.201));
        GridFeature b = grid(B, box(117.701, 37.2, 117.702, 37.201));
        for (List<GridFeature> order : List.of(List.of(a, b), List.of(b, a))) {
            GridIndex index = new GridIndex(order);
            assertEquals(Optional.of(A), index.locate(117.701, 37.2005));
            assertEquals(List.of(A, B), index.locateAll(117.701, 37.2005));
            assertEquals(Optional.of(A), index.locate(117.7005, 37.2005));
            assertEquals(Optional.of(B), index.locate(117.7015, 37.2005));
            assertEquals(Optional.of(B), index.locate(117.702, 37.201)); // outer corner: B's outline only
        }
    }

    @Test
    void aMicroGridWinsOverItsGridAlsoOnItsOutline() {
        GridIndex index = new GridIndex(List.of(grid(A, box(117.700, 37.2, 117.701, 37.201)),
                grid(A + "02", box(117.7005, 37.2, 117.701, 37.2005)),
                grid(A + "01", box(117.700, 37.2, 117.7005, 37.2005))));
        assertEquals(Optional.of(A + "01"), index.locate(117.7002, 37.2002));
        assertEquals(Optional.of(A + "01"), index.locate(117.7005, 37.2002)); // edge between the two micro-grids
        assertEquals(Optional.of(A + "02"), index.locate(117.7007, 37.2005)); // micro-grid edge inside the grid
        assertEquals(Optional.of(A), index.locate(117.7002, 37.2008));
        assertEquals(List.of(A + "01", A + "02", A), index.locateAll(117.7005, 37.2005));
        assertEquals(3, index.size());
    }

    @Test
    void holesAreOutsideAndAnEnclaveInAHoleIsFound() throws Exception {
        WKTReader wkt = new WKTReader();
        String enclave = "370399101202007"; // a grid of another village, surrounded by A
        GridIndex index = new GridIndex(List.of(
                grid(A, wkt.read("POLYGON ((117.7 37.2, 117.71 37.2, 117.71 37.21, 117.7 37.21, 117.7 37.2), "
                        + "(117.702 37.202, 117.702 37.204, 117.704 37.204, 117.704 37.202, 117.702 37.202), "
                        + "(117.706 37.206, 117.706 37.208, 117.708 37.208, 117.708 37.206, 117.706 37.206))")),
                grid(enclave, box(117.702, 37.202, 117.704, 37.204))));
        assertEquals(Optional.of(enclave), index.locate(117.703, 37.203));
        assertEquals(Optional.of(A), index.locate(117.702, 37.203)); // the shared ring: smaller code
        assertEquals(Optional.empty(), index.locate(117.707, 37.207)); // a pond nobody governs
        assertEquals(Optional.of(A), index.locate(117.705, 37.205));
    }

    @Test
    void everyPartOfAMultiPolygonCounts() throws Exception {
        GridIndex index = new GridIndex(List.of(grid(A, new WKTReader().read("MULTIPOLYGON ("
                + "((117.7 37.2, 117.701 37.2, 117.701 37.201, 117.7 37.201, 117.7 37.2)), "
                + "((117.71 37.21, 117.711 37.21, 117.711 37.211, 117.71 37.211, 117.71 37.21)))"))));
        assertEquals(Optional.of(A), index.locate(117.7105, 37.2105));
        assertEquals(Optional.empty(), index.locate(117.705, 37.205));
    }

    @Test
    void outsideEverythingAndNonsenseFindNothing() {
        GridIndex index = new GridIndex(List.of(grid(A, box(117.700, 37.2, 117.701, 37.201))));
        assertEquals(Optional.empty(), index.locate(117.7011, 37.2005));
        assertEquals(Optional.empty(), index.locate(Double.NaN, 37.2005));
        assertEquals(Optional.empty(), index.locate(117.7005, Double.POSITIVE_INFINITY));
        assertEquals(List.of(), index.locateAll(0, 0));

        GridIndex empty = new GridIndex(List.of());
        assertEquals(0, empty.size());
        assertEquals(Optional.empty(), empty.locate(117.7005, 37.2005));
    }

    @Test
    void duplicateCodesAndNonPolygonsCannotBeIndexed() throws Exception {
        GridFeature a = grid(A, box(117.700, 37.2, 117.701, 37.201));
        assertThrows(IllegalArgumentException.class, () -> new GridIndex(List.of(a, a)));
        Point point = (Point) new WKTReader().read("POINT (117.7 37.2)");
        assertThrows(IllegalArgumentException.class, () -> new GridIndex(List.of(grid(B, point))));
    }

    // ---- a regular tiling against an arithmetic oracle -----------------------------------------------------

    private record Rect(String code, double minX, double minY, double maxX, double maxY) {
        boolean covers(double x, double y) {
            return minX <= x && x <= maxX && minY <= y && y <= maxY;
        }
    }

    @Test
    void aRegularTilingWithMicroGridsAnswersLikeABruteForceScan() {
        int n = 70;
        double step = 0.001;
        double[] xs = Tilings.lines(117.7, step, n);
        double[] ys = Tilings.lines(37.2, step, n);
        List<Rect> rects = new ArrayList<>();
        for (int r = 0; r < n; r++) { // row 0 is the northernmost
            double south = ys[n - 1 - r];
            double north = ys[n - r];
            for (int c = 0; c < n; c++) {
                String code = Tilings.gridCode(r, c);
                rects.add(new Rect(code, xs[c], south, xs[c + 1], north));
                if ((r * n + c) % 7 == 3) { // two micro-grids share the northern half
                    double midX = (xs[c] + xs[c + 1]) / 2;
                    double midY = (south + north) / 2;
                    rects.add(new Rect(code + "01", xs[c], midY, midX, north));
                    rects.add(new Rect(code + "02", midX, midY, xs[c + 1], north));
                }
            }
        }
        List<GridFeature> features = rects.stream()
                .map(q -> grid(q.code(), box(q.minX(), q.minY(), q.maxX(), q.maxY()))).toList();
        assertEquals(List.of(), new GridValidator(0).validate(features), "test premise: a clean tiling");
        GridIndex index = new GridIndex(features);
        assertEquals(rects.size(), index.size());

        Random random = new Random(42);
        double lo = 117.7 - 5 * step;
        double hi = 117.7 + (n + 5) * step;
        int onEdges = 0;
        int outside = 0;
        for (int k = 0; k < 20_000; k++) {
            double x = lo + random.nextDouble() * (hi - lo);
            double y = 37.2 - 5 * step + random.nextDouble() * (hi - lo);
            Rect some = rects.get(random.nextInt(rects.size()));
            switch (k % 10) {
                case 0, 1 -> x = xs[random.nextInt(n + 1)];                                       // a vertical line
                case 2, 3 -> y = ys[random.nextInt(n + 1)];                                       // a horizontal line
                case 4 -> { x = xs[random.nextInt(n + 1)]; y = ys[random.nextInt(n + 1)]; }       // a corner
                case 5 -> { x = random.nextBoolean() ? some.minX() : some.maxX(); y = some.minY(); } // its corner
                case 6 -> x = (some.minX() + some.maxX()) / 2;        // the micro-grids' common edge, where they are
                default -> { }                                        // anywhere, 5 cells of margin around
            }
            double px = x;
            double py = y;
            List<String> expected = new ArrayList<>();
            for (Rect q : rects) {
                if (q.covers(px, py)) {
                    expected.add(q.code());
                }
            }
            expected.sort(PREFERENCE);
            onEdges += expected.size() > 1 ? 1 : 0;
            outside += expected.isEmpty() ? 1 : 0;
            assertEquals(expected.stream().findFirst(), index.locate(px, py), () -> "at " + px + " " + py);
            assertEquals(expected, index.locateAll(px, py), () -> "at " + px + " " + py);
        }
        assertTrue(onEdges > 5_000 && outside > 1_000, "test premise: many ties and misses: " + onEdges + ", "
                + outside);
    }

    // ---- irregular grids against JTS's own (unprepared, unindexed) predicate -------------------------------

    @Test
    void irregularGridsAnswerLikeABruteForceScanAlsoOnVertices() {
        List<GridFeature> features = Tilings.irregular(25, 30, 117.7, 37.3, 0.002, 11, 3);
        assertEquals(List.of(), new GridValidator(0).validate(features), "test premise: a clean tiling");
        GridIndex index = new GridIndex(features);
        List<Coordinate> points = samplePoints(features, 6_000, 5);

        for (Coordinate p : points) {
            Point point = GeoJsonGrids.FACTORY.createPoint(p);
            List<String> expected = features.stream().filter(f -> f.geometry().covers(point)).map(GridFeature::code)
                    .sorted(PREFERENCE).toList();
            assertEquals(expected.stream().findFirst(), index.locate(p.x, p.y), () -> "at " + p);
            assertEquals(expected, index.locateAll(p.x, p.y), () -> "at " + p);
        }
    }

    /** Uniform points over the layer's envelope with a margin, and every third one a vertex of some outline. */
    static List<Coordinate> samplePoints(List<GridFeature> features, int count, long seed) {
        Random random = new Random(seed);
        Envelope envelope = new Envelope();
        features.forEach(f -> envelope.expandToInclude(f.geometry().getEnvelopeInternal()));
        envelope.expandBy(envelope.getWidth() * 0.05);
        List<Coordinate> points = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (k % 3 == 0) {
                Coordinate[] vertices = features.get(random.nextInt(features.size())).geometry().getCoordinates();
                points.add(vertices[random.nextInt(vertices.length)].copy());
            } else {
                points.add(new Coordinate(envelope.getMinX() + random.nextDouble() * envelope.getWidth(),
                        envelope.getMinY() + random.nextDouble() * envelope.getHeight()));
            }
        }
        return points;
    }

    // ---- concurrent readers --------------------------------------------------------------------------------

    @Test
    void concurrentReadersGetTheSameAnswersAsASingleOne() throws Exception {
        List<GridFeature> features = Tilings.irregular(30, 40, 117.7, 37.3, 0.002, 3, 5);
        GridIndex index = new GridIndex(features);
        List<Coordinate> points = samplePoints(features, 20_000, 9);
        List<Optional<String>> expected = points.stream().map(p -> index.locate(p.x, p.y)).toList();
        assertTrue(expected.stream().filter(Optional::isPresent).count() > 10_000, "test premise: mostly hits");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < points.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(t));
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int round = 0; round < 5; round++) {
                        for (int i : order) {
                            wrong += index.locate(points.get(i).x, points.get(i).y).equals(expected.get(i)) ? 0 : 1;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
