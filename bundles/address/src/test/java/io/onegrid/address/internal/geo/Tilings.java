package io.onegrid.address.internal.geo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Synthetic grid layers for tests and the benchmark. Rows run north &rarr; south and are villages
 * ({@code 370399101201}, {@code …202}, …), columns run west &rarr; east and are the grids of a village ({@code 001},
 * {@code 002}, …), as the grid numbering rule asks. Neighbours share their edge coordinates exactly (each edge is
 * computed once), so the layers tile without gaps or slivers.
 */
final class Tilings {

    private Tilings() {
    }

    /** A village (row) code: {@code 370399101} + {@code 201 + row}. */
    static String villageCode(int row) {
        if (row < 0 || row > 198) {
            throw new IllegalArgumentException("row " + row);
        }
        return "370399101" + (201 + row);
    }

    static String gridCode(int row, int col) {
        if (col < 0 || col > 998) {
            throw new IllegalArgumentException("col " + col);
        }
        return villageCode(row) + String.format("%03d", col + 1);
    }

    /** An axis-aligned rectangle, counter-clockwise. */
    static Polygon box(double minX, double minY, double maxX, double maxY) {
        return GeoJsonGrids.FACTORY.createPolygon(new Coordinate[] {new Coordinate(minX, minY),
            new Coordinate(maxX, minY), new Coordinate(maxX, maxY), new Coordinate(minX, maxY),
            new Coordinate(minX, minY)});
    }

    /** {@code origin + i * step} for i = 0..n: the same double for both cells that share the line. */
    static double[] lines(double origin, double step, int n) {
        double[] lines = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            lines[i] = origin + i * step;
        }
        return lines;
    }

    /**
     * Irregular grids: a lattice of {@code rows × cols} cells of about {@code step} degrees whose inner corners are
     * moved by up to 20 % of a cell, and whose edges are broken into 3 to 7 segments bent sideways (each bend at most a
     * quarter of its distance to the nearer corner, so edges of one cell never cross). Cells have 12 to 28 vertices.
     * Every {@code microEvery}-th cell (0 for none) holds two micro-grids, {@code …01} and {@code …02}: small squares
     * side by side around the cell's undisturbed centre, which the disturbance never reaches.
     *
     * @param west the west edge of the undisturbed lattice; {@code north} its north edge
     */
    static List<GridFeature> irregular(int rows, int cols, double west, double north, double step, long seed,
            int microEvery) {
        Random random = new Random(seed);
        Coordinate[][] corner = new Coordinate[rows + 1][cols + 1];
        for (int r = 0; r <= rows; r++) {
            for (int c = 0; c <= cols; c++) {
                boolean inner = r > 0 && r < rows && c > 0 && c < cols;
                double dx = inner ? (random.nextDouble() * 2 - 1) * 0.2 * step : 0;
                double dy = inner ? (random.nextDouble() * 2 - 1) * 0.2 * step : 0;
                corner[r][c] = new Coordinate(west + c * step + dx, north - r * step + dy);
            }
        }
        // eastward[r][c]: corner[r][c] -> corner[r][c+1]; southward[r][c]: corner[r][c] -> corner[r+1][c]
        List<Coordinate>[][] eastward = edges(rows + 1, cols, random, (r, c) -> corner[r][c],
                (r, c) -> corner[r][c + 1]);
        List<Coordinate>[][] southward = edges(rows, cols + 1, random, (r, c) -> corner[r][c],
                (r, c) -> corner[r + 1][c]);
        List<GridFeature> features = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // counter-clockwise: down the west edge, east along the south, up the east, west along the north
                List<Coordinate> ring = new ArrayList<>();
                append(ring, southward[r][c], false);
                append(ring, eastward[r + 1][c], false);
                append(ring, southward[r][c + 1], true);
                append(ring, eastward[r][c], true);
                ring.add(ring.get(0));
                String code = gridCode(r, c);
                features.add(new GridFeature(code, "第" + (c + 1) + "网格",
                        GeoJsonGrids.FACTORY.createPolygon(ring.toArray(new Coordinate[0]))));
                if (microEvery > 0 && (r * cols + c) % microEvery == 0) {
                    double cx = west + (c + 0.5) * step;
                    double cy = north - (r + 0.5) * step;
                    double h = 0.08 * step;
                    features.add(new GridFeature(code + "01", "第1微网格", box(cx - h, cy - h, cx, cy + h)));
                    features.add(new GridFeature(code + "02", "第2微网格", box(cx, cy - h, cx + h, cy + h)));
                }
            }
        }
        return features;
    }

    private interface CornerAt {
        Coordinate at(int r, int c);
    }

    @SuppressWarnings("unchecked")
    private static List<Coordinate>[][] edges(int rows, int cols, Random random, CornerAt from, CornerAt to) {
        List<Coordinate>[][] edges = new List[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Coordinate a = from.at(r, c);
                Coordinate b = to.at(r, c);
                int segments = 3 + random.nextInt(5);
                double dx = b.x - a.x;
                double dy = b.y - a.y;
                List<Coordinate> edge = new ArrayList<>();
                edge.add(a);
                for (int i = 1; i < segments; i++) {
                    double t = (double) i / segments;
                    double bend = (random.nextDouble() * 2 - 1) * 0.25 * Math.min(t, 1 - t);
                    // (-dy, dx) is perpendicular to the edge and as long as it
                    edge.add(new Coordinate(a.x + t * dx - bend * dy, a.y + t * dy + bend * dx));
                }
                edge.add(b);
                edges[r][c] = edge;
            }
        }
        return edges;
    }

    /** Appends an edge without its last point (the next edge starts there), reversed when walked backwards. */
    private static void append(List<Coordinate> ring, List<Coordinate> edge, boolean reversed) {
        List<Coordinate> points = new ArrayList<>(edge);
        if (reversed) {
            Collections.reverse(points);
        }
        ring.addAll(points.subList(0, points.size() - 1));
    }
}
