package io.onegrid.address.internal.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The k nearest addresses of one segment. Usually by ring search over its cells: visit the cells in square rings
 * around the point's cell and stop once the k-th best distance is no larger than the distance from the point to the
 * edge of the block visited so far (nothing outside the block can be nearer). But a caller who sees few addresses (a
 * village or grid) would make the rings grow until they reach its scope, reading most of the county when the point is
 * far from it: for up to {@link #SCAN_LIMIT} visible points, measuring each of them is cheaper.
 */
final class Nearest {

    /** Mean Earth radius (IUGG), metres. */
    static final double EARTH_RADIUS = 6_371_008.8;
    private static final double METRES_PER_UNIT = EARTH_RADIUS * Math.PI / 180 / 1e7;

    /** Up to this many visible points, all of them are measured instead of searching rings (about 1 ms). */
    static final int SCAN_LIMIT = 20_000;

    private Nearest() {
    }

    static List<AddressIndex.Near> search(Segment s, double lon, double lat, int k, boolean[] admitted) {
        if (s.cellDocs.length == 0 || k <= 0) {
            return List.of();
        }
        double x7 = lon * 1e7;
        double y7 = lat * 1e7;
        int cx = clamp((int) Math.floor((x7 - s.minLon7) / s.cellSize7), s.cols - 1);
        int cy = clamp((int) Math.floor((y7 - s.minLat7) / s.cellSize7), s.rows - 1);
        double[] bestDistance = new double[k];
        int[] bestDoc = new int[k];
        int visible = 0;
        for (int i = 0; i < admitted.length; i++) {
            visible += admitted[i] ? s.scopeStart[i + 1] - s.scopeStart[i] : 0;
        }
        if (visible <= SCAN_LIMIT) {
            int count = 0;
            for (int i = 0; i < admitted.length; i++) {
                for (int j = s.scopeStart[i], end = s.scopeStart[i + 1]; admitted[i] && j < end; j++) {
                    int d = s.scopeDocs[j];
                    count = offer(bestDistance, bestDoc, count, k, metres(lon, lat, s.lon7[d] / 1e7, s.lat7[d] / 1e7),
                            d);
                }
            }
            return result(s, bestDistance, bestDoc, count);
        }
        int count = 0;
        double cosLat = Math.cos(Math.toRadians(lat));
        for (int r = 0; ; r++) {
            int x0 = cx - r;
            int x1 = cx + r;
            int y0 = cy - r;
            int y1 = cy + r;
            for (int y = Math.max(0, y0); y <= Math.min(s.rows - 1, y1); y++) {
                boolean edgeRow = y == y0 || y == y1;
                for (int x = Math.max(0, x0); x <= Math.min(s.cols - 1, x1); x++) {
                    if (!edgeRow && x != x0 && x != x1) {
                        continue; // inside the ring: visited in an earlier round
                    }
                    int c = x + y * s.cols;
                    for (int i = s.cellStart[c], end = s.cellStart[c + 1]; i < end; i++) {
                        int d = s.cellDocs[i];
                        if (!admitted[s.scope[d]]) {
                            continue;
                        }
                        count = offer(bestDistance, bestDoc, count, k,
                                metres(lon, lat, s.lon7[d] / 1e7, s.lat7[d] / 1e7), d);
                    }
                }
            }
            boolean west = x0 <= 0;
            boolean east = x1 >= s.cols - 1;
            boolean south = y0 <= 0;
            boolean north = y1 >= s.rows - 1;
            if (west && east && south && north) {
                break;
            }
            if (count == k) {
                // distance from the point to the nearest edge of the block that still has cells beyond it; a little
                // short of the exact figure (cosine at the block's far latitude, 1 % margin), so that it never cuts
                // off a nearer address
                double beyond = Double.POSITIVE_INFINITY;
                double farLat = Math.max(Math.abs(lat), Math.max(Math.abs(edge(s.minLat7, y0, s.cellSize7)),
                        Math.abs(edge(s.minLat7, y1 + 1, s.cellSize7))));
                double lonScale = Math.min(cosLat, Math.cos(Math.toRadians(Math.min(90, farLat))));
                if (!west) {
                    beyond = Math.min(beyond, (x7 - (s.minLon7 + (double) x0 * s.cellSize7)) * lonScale);
                }
                if (!east) {
                    beyond = Math.min(beyond, ((s.minLon7 + (double) (x1 + 1) * s.cellSize7) - x7) * lonScale);
                }
                if (!south) {
                    beyond = Math.min(beyond, y7 - (s.minLat7 + (double) y0 * s.cellSize7));
                }
                if (!north) {
                    beyond = Math.min(beyond, (s.minLat7 + (double) (y1 + 1) * s.cellSize7) - y7);
                }
                if (bestDistance[k - 1] <= beyond * METRES_PER_UNIT * 0.99) {
                    break;
                }
            }
        }
        return result(s, bestDistance, bestDoc, count);
    }

    /** Inserts a candidate into the sorted best list (k <= 100) when it belongs there; answers the new count. */
    private static int offer(double[] bestDistance, int[] bestDoc, int count, int k, double metres, int d) {
        if (count == k && metres >= bestDistance[k - 1]) {
            return count;
        }
        int j = count < k ? count++ : k - 1;
        while (j > 0 && bestDistance[j - 1] > metres) {
            bestDistance[j] = bestDistance[j - 1];
            bestDoc[j] = bestDoc[j - 1];
            j--;
        }
        bestDistance[j] = metres;
        bestDoc[j] = d;
        return count;
    }

    private static List<AddressIndex.Near> result(Segment s, double[] bestDistance, int[] bestDoc, int count) {
        List<AddressIndex.Near> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new AddressIndex.Near(s.code(bestDoc[i]), bestDistance[i]));
        }
        return out;
    }

    private static double edge(int min7, int cell, int size7) {
        return (min7 + (double) cell * size7) / 1e7;
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /** Great-circle distance in metres (haversine). */
    static double metres(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2)
                + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
