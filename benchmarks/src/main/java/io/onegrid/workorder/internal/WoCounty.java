package io.onegrid.workorder.internal;

import io.onegrid.address.internal.geo.GridFeature;
import io.onegrid.identity.internal.BenchIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A fictional county for the work-order bench, the same for every run: 20 towns of 30 villages of 9 grids (5,400
 * grids), drawn as one irregular lattice of 72 × 75 cells of about 0.004° (some 400 m): towns are blocks of 6 × 5
 * villages, villages blocks of 3 × 3 grids. Inner corners are moved by up to 20 % of a cell and every edge is bent at
 * four points, so outlines have about 20 vertices and neighbours share their edges exactly (no gaps, no overlaps).
 */
final class WoCounty {

    static final String COUNTY = "370322000000";
    static final int TOWNS = 20;
    static final int VILLAGES_PER_TOWN = 30;
    static final int GRIDS_PER_VILLAGE = 9;
    static final int COLS = 4 * 6 * 3;
    static final int ROWS = 5 * 5 * 3;
    static final int CELLS = COLS * ROWS;
    static final double STEP = 0.004;
    static final double WEST = 117.80;
    static final double NORTH = 36.20;

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    /** Grid code of each cell, by {@code row * COLS + col}. */
    final String[] gridOfCell = new String[CELLS];
    final List<GridFeature> features = new ArrayList<>(CELLS);

    WoCounty(long seed) {
        Random random = new Random(seed);
        Coordinate[][] corner = new Coordinate[ROWS + 1][COLS + 1];
        for (int r = 0; r <= ROWS; r++) {
            for (int c = 0; c <= COLS; c++) {
                boolean inner = r > 0 && r < ROWS && c > 0 && c < COLS;
                double dx = inner ? (random.nextDouble() * 2 - 1) * 0.2 * STEP : 0;
                double dy = inner ? (random.nextDouble() * 2 - 1) * 0.2 * STEP : 0;
                corner[r][c] = new Coordinate(WEST + c * STEP + dx, NORTH - r * STEP + dy);
            }
        }
        // Each edge is bent once, here, so that both cells that share it get the very same coordinates.
        List<Coordinate>[][] east = new List[ROWS + 1][COLS];
        List<Coordinate>[][] south = new List[ROWS][COLS + 1];
        for (int r = 0; r <= ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                east[r][c] = bent(corner[r][c], corner[r][c + 1], random);
            }
        }
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c <= COLS; c++) {
                south[r][c] = bent(corner[r][c], corner[r + 1][c], random);
            }
        }
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                List<Coordinate> ring = new ArrayList<>();
                add(ring, south[r][c], false);
                add(ring, east[r + 1][c], false);
                add(ring, south[r][c + 1], true);
                add(ring, east[r][c], true);
                ring.add(ring.get(0));
                String code = gridCode(r, c);
                gridOfCell[r * COLS + c] = code;
                features.add(new GridFeature(code, code, GEOMETRY.createPolygon(ring.toArray(new Coordinate[0]))));
            }
        }
    }

    private static List<Coordinate> bent(Coordinate a, Coordinate b, Random random) {
        List<Coordinate> edge = new ArrayList<>(6);
        edge.add(a);
        for (int i = 1; i <= 4; i++) {
            double t = i / 5.0;
            // sideways by at most 6 % of the edge: never reaches the 15 % core where points are drawn
            double bend = (random.nextDouble() * 2 - 1) * 0.06;
            edge.add(new Coordinate(a.x + t * (b.x - a.x) - bend * (b.y - a.y), a.y + t * (b.y - a.y)
                    + bend * (b.x - a.x)));
        }
        edge.add(b);
        return edge;
    }

    private static void add(List<Coordinate> ring, List<Coordinate> edge, boolean reversed) {
        List<Coordinate> points = new ArrayList<>(edge);
        if (reversed) {
            java.util.Collections.reverse(points);
        }
        ring.addAll(points.subList(0, points.size() - 1));
    }

    static int townOf(int row, int col) {
        return (row / 15) * 4 + col / 18;
    }

    static String townCode(int town) {
        return COUNTY.substring(0, 6) + String.format("%03d", 101 + town) + "000";
    }

    static String villageCode(int town, int village) {
        return COUNTY.substring(0, 6) + String.format("%03d", 101 + town) + String.format("%03d", 201 + village);
    }

    static String gridCode(int row, int col) {
        int village = ((row % 15) / 3) * 6 + (col % 18) / 3;
        int grid = (row % 3) * 3 + col % 3 + 1;
        return villageCode(townOf(row, col), village) + String.format("%03d", grid);
    }

    /** A point near the middle of a cell (within 15 % of a cell of its undisturbed centre: inside the cell). */
    static double[] pointIn(int cell, Random random) {
        int r = cell / COLS;
        int c = cell % COLS;
        double lon = WEST + (c + 0.5 + (random.nextDouble() * 2 - 1) * 0.15) * STEP;
        double lat = NORTH - (r + 0.5 + (random.nextDouble() * 2 - 1) * 0.15) * STEP;
        return new double[] {lon, lat};
    }

    /** The region tree as {@code regions.csv}: county, towns, villages, grids (parents first). */
    String regionsCsv() {
        StringBuilder out = new StringBuilder(400_000).append(BenchIdentity.regionsCsvHeader()).append('\n');
        out.append(COUNTY).append(",演示县,,county,rural\n");
        for (int t = 0; t < TOWNS; t++) {
            String area = t < 2 ? "urban" : "rural";
            out.append(townCode(t)).append(",第").append(t + 1).append("镇,").append(COUNTY).append(",town,")
                    .append(area).append('\n');
            for (int v = 0; v < VILLAGES_PER_TOWN; v++) {
                String village = villageCode(t, v);
                out.append(village).append(",第").append(v + 1).append("村,").append(townCode(t)).append(",village,")
                        .append(area).append('\n');
                for (int g = 1; g <= GRIDS_PER_VILLAGE; g++) {
                    out.append(village).append(String.format("%03d", g)).append(",第").append(g).append("网格,")
                            .append(village).append(",grid,").append(area).append('\n');
                }
            }
        }
        return out.toString();
    }
}
