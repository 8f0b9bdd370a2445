package io.onegrid.address.internal.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects addresses in any order into growable primitive arrays and builds a {@link Segment} sorted by code. When a
 * code is added twice, the later one wins (a merge adds older segments first).
 */
public final class SegmentBuilder {

    private int size;
    private long[] hi = new long[64];
    private int[] lo = new int[64];
    private int[] scope = new int[64];
    private int[] lon7 = new int[64];
    private int[] lat7 = new int[64];
    private int[] textStart = new int[65];
    private char[] text = new char[1024];
    private final Map<String, Integer> scopeIds = new HashMap<>();
    private final List<String> scopes = new ArrayList<>();

    /** Addresses added so far. */
    public int size() {
        return size;
    }

    /**
     * Adds one address.
     *
     * @param code      20-digit standard address code
     * @param scopeCode the grid, else the village ({@code og_address.scope_code})
     * @param fullText  the one-line text that searches match
     * @param lon       WGS-84 longitude, or {@code null}
     * @param lat       WGS-84 latitude, or {@code null}
     * @throws IllegalArgumentException when the code is not 20 digits
     */
    public void add(String code, String scopeCode, String fullText, Double lon, Double lat) {
        if (!AddressCodes.isDigits20(code)) {
            throw new IllegalArgumentException("Not an address code: " + code);
        }
        String t = fullText == null ? "" : fullText;
        boolean point = lon != null && lat != null && Double.isFinite(lon) && Double.isFinite(lat);
        add(AddressCodes.hi(code), AddressCodes.lo(code), scopeCode, t.toCharArray(), 0, t.length(),
                point ? (int) Math.round(lon * 1e7) : Segment.NO_POINT, point ? (int) Math.round(lat * 1e7) : 0);
    }

    void add(long codeHi, int codeLo, String scopeCode, char[] src, int from, int to, int x, int y) {
        if (size == hi.length) {
            int capacity = size * 2;
            hi = Arrays.copyOf(hi, capacity);
            lo = Arrays.copyOf(lo, capacity);
            scope = Arrays.copyOf(scope, capacity);
            lon7 = Arrays.copyOf(lon7, capacity);
            lat7 = Arrays.copyOf(lat7, capacity);
            textStart = Arrays.copyOf(textStart, capacity + 1);
        }
        int length = to - from;
        int at = textStart[size];
        if (at + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, at + length));
        }
        System.arraycopy(src, from, text, at, length);
        hi[size] = codeHi;
        lo[size] = codeLo;
        scope[size] = scopeIds.computeIfAbsent(scopeCode, s -> {
            scopes.add(s);
            return scopes.size() - 1;
        });
        lon7[size] = x;
        lat7[size] = y;
        textStart[size + 1] = at + length;
        size++;
    }

    /** Adds every address of a segment. */
    void addAll(Segment s) {
        for (int d = 0; d < s.size; d++) {
            add(s.codeHi[d], s.codeLo[d], s.scopes[s.scope[d]], s.text, s.textStart[d], s.textStart[d + 1],
                    s.lon7[d], s.lat7[d]);
        }
    }

    /** The segment of everything added, sorted by code. The builder must not be used afterwards. */
    Segment build() {
        int[] order = sortedOrder();
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            // after a stable sort, the last of equal codes is the one added last
            if (i + 1 < order.length && hi[order[i]] == hi[order[i + 1]] && lo[order[i]] == lo[order[i + 1]]) {
                continue;
            }
            order[n++] = order[i];
        }
        long[] sHi = new long[n];
        int[] sLo = new int[n];
        int[] sScope = new int[n];
        int[] sLon = new int[n];
        int[] sLat = new int[n];
        int[] sStart = new int[n + 1];
        int chars = 0;
        for (int i = 0; i < n; i++) {
            int j = order[i];
            chars += textStart[j + 1] - textStart[j];
        }
        char[] sText = new char[chars];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int j = order[i];
            sHi[i] = hi[j];
            sLo[i] = lo[j];
            sScope[i] = scope[j];
            sLon[i] = lon7[j];
            sLat[i] = lat7[j];
            int length = textStart[j + 1] - textStart[j];
            System.arraycopy(text, textStart[j], sText, at, length);
            sStart[i] = at;
            at += length;
        }
        sStart[n] = at;
        // free the builder's arrays before the segment allocates its postings
        hi = null;
        lo = null;
        text = null;
        return new Segment(n, sHi, sLo, scopes.toArray(String[]::new), sScope, sText, sStart, sLon, sLat);
    }

    /** Positions 0..size-1 ordered by code, stable (a merge sort; skipped when already in order). */
    private int[] sortedOrder() {
        int[] order = new int[size];
        boolean sorted = true;
        for (int i = 0; i < size; i++) {
            order[i] = i;
            sorted &= i == 0 || compare(i - 1, i) <= 0;
        }
        if (sorted) {
            return order;
        }
        int[] buffer = new int[size];
        for (int width = 1; width < size; width *= 2) {
            for (int left = 0; left < size; left += 2 * width) {
                int mid = Math.min(left + width, size);
                int right = Math.min(left + 2 * width, size);
                int i = left;
                int j = mid;
                int k = left;
                while (i < mid && j < right) {
                    buffer[k++] = compare(order[j], order[i]) < 0 ? order[j++] : order[i++];
                }
                while (i < mid) {
                    buffer[k++] = order[i++];
                }
                while (j < right) {
                    buffer[k++] = order[j++];
                }
            }
            int[] t = order;
            order = buffer;
            buffer = t;
        }
        return order;
    }

    private int compare(int a, int b) {
        int c = Long.compare(hi[a], hi[b]);
        return c != 0 ? c : Integer.compare(lo[a], lo[b]);
    }
}
