package io.onegrid.address.internal.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The in-memory index of {@code og_address}: text search (character bigrams) and nearest addresses, both limited by a
 * scope-code filter before paging, so that counts and pages are right for every caller.
 *
 * <p><b>Per node.</b> Each OneGrid node builds its own index from the database at start and then applies only the
 * imports that <em>it</em> commits. With several Karaf nodes on one PostgreSQL database, an import through node A is
 * not in node B's index until B restarts: B's searches miss those addresses (it never shows rows that do not exist,
 * since result rows are read from the database). Until a cross-node change feed exists (a change table polled by
 * every node, or PostgreSQL LISTEN/NOTIFY), route imports and searches of a county to one node or restart the others
 * after a large import.
 *
 * <p>Readers see an immutable list of {@link Segment}s through one volatile field and never wait. A committed import
 * adds its addresses as a new segment; when there are more than {@link #MAX_SEGMENTS} or a new one is large, all are
 * merged into one (done by the importing thread, after its commit; readers keep using the old list meanwhile).
 */
public final class AddressIndex {

    static final int MAX_SEGMENTS = 6;

    /** A page of text-search hits: how many match in all, and the codes of the requested page, in code order. */
    public record Hits(long total, List<String> codes) {
    }

    /** An address near a point: its code and the great-circle distance in metres. */
    public record Near(String code, double metres) {
    }

    private volatile List<Segment> segments; // null until the first load
    private final List<Segment> pending = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    /** Whether the first load has finished. */
    public boolean isReady() {
        return segments != null;
    }

    /** Waits for the first load. */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    /**
     * Sets the index to {@code base} (read from the database), then applies the imports that committed while it was
     * being read; those already read with the base are skipped.
     */
    public synchronized void load(SegmentBuilder base) {
        Segment loaded = base.build();
        List<Segment> list = new ArrayList<>();
        list.add(loaded);
        for (Segment delta : pending) {
            SegmentBuilder rest = new SegmentBuilder();
            for (int d = 0; d < delta.size; d++) {
                if (!loaded.contains(delta.codeHi[d], delta.codeLo[d])) {
                    rest.add(delta.codeHi[d], delta.codeLo[d], delta.scopeCode(d), delta.text,
                            delta.textStart[d], delta.textStart[d + 1], delta.lon7[d], delta.lat7[d]);
                }
            }
            if (rest.size() > 0) {
                list.add(rest.build());
            }
        }
        pending.clear();
        segments = compact(list);
        ready.countDown();
    }

    /** Adds the addresses of a committed import (call only after the commit). */
    public synchronized void add(SegmentBuilder delta) {
        if (delta.size() == 0) {
            return;
        }
        Segment segment = delta.build();
        if (segments == null) {
            pending.add(segment);
            return;
        }
        List<Segment> list = new ArrayList<>(segments);
        list.add(segment);
        segments = compact(list);
    }

    /** The list itself, or one merged segment when it has grown too long or its newest segment is large. */
    private static List<Segment> compact(List<Segment> list) {
        long total = 0;
        for (Segment s : list) {
            total += s.size;
        }
        Segment newest = list.get(list.size() - 1);
        boolean merge = list.size() > MAX_SEGMENTS || (list.size() > 1 && newest.size * 4L > total);
        if (!merge) {
            return List.copyOf(list);
        }
        SegmentBuilder all = new SegmentBuilder();
        for (Segment s : list) {
            all.addAll(s);
        }
        return List.of(all.build());
    }

    private List<Segment> current() {
        List<Segment> s = segments;
        if (s == null) {
            throw new IllegalStateException("The address index is still being built");
        }
        return s;
    }

    /** Addresses indexed. */
    public long size() {
        long n = 0;
        for (Segment s : current()) {
            n += s.size;
        }
        return n;
    }

    /** Segments in use (for the benchmark and tests). */
    int segmentCount() {
        return current().size();
    }

    /** Heap bytes held by the index's arrays. */
    public long memoryBytes() {
        long bytes = 0;
        for (Segment s : current()) {
            bytes += s.memoryBytes();
        }
        return bytes;
    }

    /**
     * The addresses whose text contains {@code query} (as SQL {@code LIKE '%query%'} would find them) and whose scope
     * code {@code scopeFilter} admits, counted in full; the codes of {@code [offset, offset + limit)} in code order.
     *
     * @param query not empty
     */
    public Hits search(String query, Predicate<String> scopeFilter, long offset, int limit) {
        if (query.isEmpty()) {
            throw new IllegalArgumentException("An empty query matches everything; list without the index");
        }
        char[] q = query.toCharArray();
        List<Segment> list = current();
        int[][] found = new int[list.size()][];
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            Segment s = list.get(i);
            boolean[] admitted = s.admitted(scopeFilter);
            found[i] = s.matches(q, d -> admitted[s.scope[d]]);
            total += found[i].length;
        }
        List<String> codes = new ArrayList<>(Math.max(0, Math.min(limit, (int) Math.min(Integer.MAX_VALUE, total))));
        if (list.size() == 1) {
            int[] docs = found[0];
            for (long k = offset; k < docs.length && k < offset + limit; k++) {
                codes.add(list.get(0).code(docs[(int) k]));
            }
            return new Hits(total, codes);
        }
        // several segments: merge their code-ordered hits up to the end of the page
        int[] at = new int[list.size()];
        for (long k = 0; k < offset + limit; k++) {
            int best = -1;
            for (int i = 0; i < list.size(); i++) {
                if (at[i] < found[i].length && (best < 0
                        || list.get(i).compare(found[i][at[i]], list.get(best), found[best][at[best]]) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            if (k >= offset) {
                codes.add(list.get(best).code(found[best][at[best]]));
            }
            at[best]++;
        }
        return new Hits(total, codes);
    }

    /** The {@code limit} addresses nearest to the point that {@code scopeFilter} admits, nearest first. */
    public List<Near> nearest(double lon, double lat, int limit, Predicate<String> scopeFilter) {
        List<Near> all = new ArrayList<>();
        for (Segment s : current()) {
            all.addAll(Nearest.search(s, lon, lat, limit, s.admitted(scopeFilter)));
        }
        all.sort(Comparator.comparingDouble(Near::metres).thenComparing(Near::code));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    /** Codes of the segments, for tests: every indexed code in code order per segment. */
    List<String> codes() {
        List<String> out = new ArrayList<>();
        for (Segment s : current()) {
            for (int d = 0; d < s.size; d++) {
                out.add(s.code(d));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        List<Segment> s = segments;
        return s == null ? "AddressIndex[loading]" : "AddressIndex[" + Arrays.toString(s.stream()
                .mapToInt(x -> x.size).toArray()) + "]";
    }
}
