package io.onegrid.address.internal.geo;

import io.onegrid.api.address.GridLocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.algorithm.locate.PointOnGeometryLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.locationtech.jts.index.strtree.AbstractNode;
import org.locationtech.jts.index.strtree.Boundable;
import org.locationtech.jts.index.strtree.ItemBoundable;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Point &rarr; grid: which grid or micro-grid contains a WGS-84 point, for routing a report or placing a house.
 *
 * <p>Outlines are {@link PreparedPolygon}s (an indexed point-in-polygon test, O(log vertices)) in an {@link STRtree}
 * of their envelopes. A point on an outline counts as inside it, so a point on the shared edge of two siblings lies in
 * both; the answer is then the most specific one (a micro-grid before the grid around it) and, among equals, the
 * smallest code: one deterministic answer, whatever the tree's order.
 *
 * <p>Immutable and safe for any number of concurrent readers: everything is built in the constructor (the tree, each
 * polygon's lazily created point index) and reached through final fields. The built STRtree is copied into flat
 * arrays, which queries walk without locks (JTS's {@code STRtree.query} enters its synchronized {@code build()} on
 * every call: one lock word shared by every reader) and with each node's child envelopes side by side instead of four
 * objects deep (GridIndexBenchmark in the tests compares the two). To change the grids, build a new index and swap
 * the reference.
 */
public final class GridIndex implements GridLocator {

    /**
     * One outline; {@code rank} orders by specificity then code, so "better" is a single int comparison. The prepared
     * polygon's point locator is kept beside it: {@code PreparedPolygon.getPointLocator()} is synchronized.
     */
    private record Entry(String code, int rank, PreparedPolygon prepared, PointOnGeometryLocator locator) {

        Entry(String code, int rank, PreparedPolygon prepared) {
            this(code, rank, prepared, prepared.getPointLocator());
        }

        boolean covers(Coordinate point) {
            // BOUNDARY on the outline itself: an edge belongs to both sides, the tie rule decides
            return locator.locate(point) != Location.EXTERIOR;
        }
    }

    // The tree, flat. Node n's children are the slots first[n] .. first[n] + count[n] - 1; slot s has the envelope
    // bounds[4s .. 4s+3] (minX, minY, maxX, maxY) and is either an inner node (child[s] >= 0) or an entry (item[s]).
    private final int[] first;
    private final int[] count;
    private final double[] bounds;
    private final int[] child;
    private final Entry[] item;
    private final int size;

    /**
     * Builds the index.
     *
     * @param features validated features ({@link GridValidator}); unvalidated ones are indexed as they are, but
     *     overlapping outlines then answer by the tie rule only
     * @throws IllegalArgumentException when a code appears twice or a geometry is not a Polygon or MultiPolygon
     */
    public GridIndex(Collection<GridFeature> features) {
        List<GridFeature> byRank = new ArrayList<>(features);
        byRank.sort(Comparator.comparingInt((GridFeature f) -> -f.code().length()).thenComparing(GridFeature::code));
        Set<String> codes = new HashSet<>();
        STRtree tree = new STRtree();
        for (int rank = 0; rank < byRank.size(); rank++) {
            GridFeature feature = byRank.get(rank);
            if (!codes.add(feature.code())) {
                throw new IllegalArgumentException("Grid " + feature.code() + " appears twice");
            }
            Geometry geometry = feature.geometry();
            if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
                throw new IllegalArgumentException("Grid " + feature.code() + " is a " + geometry.getGeometryType()
                        + ", not a non-empty Polygon or MultiPolygon");
            }
            PreparedPolygon prepared = (PreparedPolygon) PreparedGeometryFactory.prepare(geometry);
            Entry entry = new Entry(feature.code(), rank, prepared);
            // the locator indexes the edges on its first use: do it now, so that readers never build it
            entry.covers(geometry.getCoordinate());
            tree.insert(geometry.getEnvelopeInternal(), entry);
        }
        tree.build();
        // every node but the root and every entry fills one slot; a tree of n >= 1 entries has fewer than n nodes
        int n = byRank.size();
        Flat flat = new Flat(n + 1, 2 * n + 1);
        flat.add(tree.getRoot());
        this.first = Arrays.copyOf(flat.first, flat.nodes);
        this.count = Arrays.copyOf(flat.count, flat.nodes);
        this.bounds = Arrays.copyOf(flat.bounds, 4 * flat.slots);
        this.child = Arrays.copyOf(flat.child, flat.slots);
        this.item = Arrays.copyOf(flat.item, flat.slots);
        this.size = n;
    }

    /** Copies an STRtree into arrays, each node's children side by side. */
    private static final class Flat {
        final int[] first;
        final int[] count;
        final double[] bounds;
        final int[] child;
        final Entry[] item;
        int nodes;
        int slots;

        Flat(int maxNodes, int maxSlots) {
            first = new int[maxNodes];
            count = new int[maxNodes];
            bounds = new double[4 * maxSlots];
            child = new int[maxSlots];
            item = new Entry[maxSlots];
        }

        int add(AbstractNode node) {
            int id = nodes++;
            List<?> children = node.getChildBoundables();
            int base = slots;
            slots += children.size();
            first[id] = base;
            count[id] = children.size();
            for (int i = 0; i < children.size(); i++) {
                int s = base + i;
                Boundable boundable = (Boundable) children.get(i);
                Envelope envelope = (Envelope) boundable.getBounds();
                bounds[4 * s] = envelope.getMinX();
                bounds[4 * s + 1] = envelope.getMinY();
                bounds[4 * s + 2] = envelope.getMaxX();
                bounds[4 * s + 3] = envelope.getMaxY();
                if (boundable instanceof AbstractNode inner) {
                    child[s] = add(inner);
                } else {
                    child[s] = -1;
                    item[s] = (Entry) ((ItemBoundable) boundable).getItem();
                }
            }
            return id;
        }
    }

    /** The code of the most specific grid or micro-grid containing the point (its outline included), if any. */
    @Override
    public Optional<String> locate(double lon, double lat) {
        Entry best = best(0, lon, lat, new Coordinate(lon, lat), null);
        return best == null ? Optional.empty() : Optional.of(best.code());
    }

    /** Every grid and micro-grid containing the point, the most specific first, then by code. */
    public List<String> locateAll(double lon, double lat) {
        List<Entry> found = new ArrayList<>();
        Coordinate point = new Coordinate(lon, lat);
        candidates(0, lon, lat, found);
        found.removeIf(e -> !e.covers(point));
        found.sort(Comparator.comparingInt(Entry::rank));
        return found.stream().map(Entry::code).toList();
    }

    /** The number of outlines indexed. */
    public int size() {
        return size;
    }

    /** Whether slot {@code s}'s envelope covers the point; false for NaN. */
    private boolean covers(int s, double x, double y) {
        int b = 4 * s;
        return x >= bounds[b] && y >= bounds[b + 1] && x <= bounds[b + 2] && y <= bounds[b + 3];
    }

    /**
     * The best covering entry below {@code node}, better than {@code best}. Candidates that could not beat the current
     * best are not tested, so a point costs one polygon test in the common case (a grid without micro-grids).
     */
    private Entry best(int node, double x, double y, Coordinate point, Entry best) {
        for (int s = first[node], end = s + count[node]; s < end; s++) {
            if (!covers(s, x, y)) {
                continue;
            }
            if (child[s] >= 0) {
                best = best(child[s], x, y, point, best);
            } else if ((best == null || item[s].rank() < best.rank()) && item[s].covers(point)) {
                best = item[s];
            }
        }
        return best;
    }

    /** The entries whose envelope covers the point: the tree walk alone, without polygon tests. */
    private void candidates(int node, double x, double y, List<? super Entry> out) {
        for (int s = first[node], end = s + count[node]; s < end; s++) {
            if (covers(s, x, y)) {
                if (child[s] >= 0) {
                    candidates(child[s], x, y, out);
                } else {
                    out.add(item[s]);
                }
            }
        }
    }

    /** The number of envelopes covering the point; for measuring the cost of the tree walk alone. */
    int candidateCount(double lon, double lat) {
        List<Object> out = new ArrayList<>(4);
        candidates(0, lon, lat, out);
        return out.size();
    }
}
