package io.onegrid.address.internal.search;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * An immutable slice of the address index: its addresses sorted by code, numbered 0..n-1 in that order (the doc id),
 * so that any sorted list of doc ids is also in code order and a result page needs no sort.
 *
 * <p>Everything is a primitive array; there is no object per address or per posting:
 * <ul>
 *   <li>the code as two numbers (12-digit village part, 8-digit sequence), so comparing two is two integer compares;
 *   <li>the scope code as an index into a small table of distinct scope codes (grids and villages: thousands), so the
 *       caller's scope is tested once per distinct code and then per address by one array read;
 *   <li>the one-line text in one shared {@code char[]} (UTF-16: two bytes per Chinese character), to verify candidates
 *       without a database round trip;
 *   <li>the point in units of 1e-7 degree (about 1 cm), a uniform grid of cells over the points and the points
 *       grouped by scope code, for nearest searches;
 *   <li>the inverted index: for each character bigram that occurs, the sorted doc ids of the texts containing it.
 *       The last character of a text forms a bigram with {@link #END}, so every occurrence of a character starts
 *       some bigram: a one-character query is the union of the bigrams starting with it (one contiguous range of the
 *       sorted keys), which makes separate unigram postings unnecessary.
 * </ul>
 */
final class Segment {

    /** Second half of the bigram formed by a text's last character. */
    static final char END = '\0';
    /** {@link #lon7} / {@link #lat7} of an address without a point. */
    static final int NO_POINT = Integer.MIN_VALUE;

    final int size;
    final long[] codeHi;
    final int[] codeLo;
    final String[] scopes;
    final int[] scope;
    final char[] text;
    final int[] textStart;
    final int[] lon7;
    final int[] lat7;

    // inverted index: key k = keys[i] has the doc ids postings[postStart[i] .. postStart[i + 1] - 1], ascending
    final int[] keys;
    final int[] postStart;
    final int[] postings;

    // uniform cells over the points: cell (x, y) = x + y * cols holds cellDocs[cellStart[c] .. cellStart[c + 1] - 1]
    final int minLon7;
    final int minLat7;
    final int cellSize7;
    final int cols;
    final int rows;
    final int[] cellStart;
    final int[] cellDocs;
    // the docs with a point by scope code: scope i holds scopeDocs[scopeStart[i] .. scopeStart[i + 1] - 1]
    final int[] scopeStart;
    final int[] scopeDocs;

    Segment(int size, long[] codeHi, int[] codeLo, String[] scopes, int[] scope, char[] text, int[] textStart,
            int[] lon7, int[] lat7) {
        this.size = size;
        this.codeHi = codeHi;
        this.codeLo = codeLo;
        this.scopes = scopes;
        this.scope = scope;
        this.text = text;
        this.textStart = textStart;
        this.lon7 = lon7;
        this.lat7 = lat7;

        // Postings in two passes over the texts: count the docs per distinct key, then fill. Docs are visited in
        // ascending order, so each posting list comes out sorted.
        IntIntMap slots = new IntIntMap(1 << 12);
        int[] counts = new int[1 << 12];
        int[] buffer = new int[64];
        for (int d = 0; d < size; d++) {
            buffer = bigrams(d, buffer);
            for (int i = 1, n = buffer[0]; i <= n; i++) {
                int slot = slots.slotOf(buffer[i]);
                if (slot == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
                counts[slot]++;
            }
        }
        int distinct = slots.size();
        int[] keyOfSlot = slots.keys();
        Integer[] bySlot = new Integer[distinct];
        for (int s = 0; s < distinct; s++) {
            bySlot[s] = s;
        }
        Arrays.sort(bySlot, (a, b) -> Integer.compare(keyOfSlot[a], keyOfSlot[b]));
        this.keys = new int[distinct];
        this.postStart = new int[distinct + 1];
        int[] fill = new int[distinct]; // per slot: the next free position in postings
        int total = 0;
        for (int i = 0; i < distinct; i++) {
            int s = bySlot[i];
            keys[i] = keyOfSlot[s];
            postStart[i] = total;
            fill[s] = total;
            total += counts[s];
        }
        postStart[distinct] = total;
        this.postings = new int[total];
        for (int d = 0; d < size; d++) {
            buffer = bigrams(d, buffer);
            for (int i = 1, n = buffer[0]; i <= n; i++) {
                postings[fill[slots.slotOf(buffer[i])]++] = d;
            }
        }

        // Cells: about 8 points per cell over the points' bounding box.
        int points = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (int d = 0; d < size; d++) {
            if (lon7[d] != NO_POINT) {
                points++;
                minX = Math.min(minX, lon7[d]);
                maxX = Math.max(maxX, lon7[d]);
                minY = Math.min(minY, lat7[d]);
                maxY = Math.max(maxY, lat7[d]);
            }
        }
        if (points == 0) {
            minX = minY = 0;
            maxX = maxY = 0;
        }
        long width = (long) maxX - minX + 1;
        long height = (long) maxY - minY + 1;
        double cells = Math.max(1, points / 8.0);
        long cell = Math.max(1, (long) Math.ceil(Math.sqrt((double) width * height / cells)));
        // points along a line would make a long thin grid of mostly empty cells: keep the cell count near the target
        while (((width + cell - 1) / cell) * ((height + cell - 1) / cell) > 2 * cells + 16) {
            cell *= 2;
        }
        this.minLon7 = minX;
        this.minLat7 = minY;
        this.cellSize7 = (int) Math.min(Integer.MAX_VALUE, cell);
        this.cols = (int) ((width + cell - 1) / cell);
        this.rows = (int) ((height + cell - 1) / cell);
        this.cellStart = new int[cols * rows + 1];
        this.cellDocs = new int[points];
        for (int d = 0; d < size; d++) {
            if (lon7[d] != NO_POINT) {
                cellStart[cellOf(d) + 1]++;
            }
        }
        for (int c = 0; c < cols * rows; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] next = Arrays.copyOf(cellStart, cols * rows);
        for (int d = 0; d < size; d++) {
            if (lon7[d] != NO_POINT) {
                cellDocs[next[cellOf(d)]++] = d;
            }
        }
        this.scopeStart = new int[scopes.length + 1];
        this.scopeDocs = new int[points];
        for (int d = 0; d < size; d++) {
            if (lon7[d] != NO_POINT) {
                scopeStart[scope[d] + 1]++;
            }
        }
        for (int i = 0; i < scopes.length; i++) {
            scopeStart[i + 1] += scopeStart[i];
        }
        next = Arrays.copyOf(scopeStart, scopes.length);
        for (int d = 0; d < size; d++) {
            if (lon7[d] != NO_POINT) {
                scopeDocs[next[scope[d]]++] = d;
            }
        }
    }

    private int cellOf(int d) {
        int x = (int) (((long) lon7[d] - minLon7) / cellSize7);
        int y = (int) (((long) lat7[d] - minLat7) / cellSize7);
        return x + y * cols;
    }

    /** The distinct bigram keys of doc {@code d}'s text into {@code buffer[1..n]}, {@code n} in {@code buffer[0]}. */
    private int[] bigrams(int d, int[] buffer) {
        int from = textStart[d];
        int to = textStart[d + 1];
        int length = to - from;
        if (buffer.length < length + 1) {
            buffer = new int[length + 1];
        }
        for (int i = 0; i < length; i++) {
            buffer[i + 1] = key(text[from + i], i + 1 < length ? text[from + i + 1] : END);
        }
        Arrays.sort(buffer, 1, length + 1);
        int n = 0;
        for (int i = 1; i <= length; i++) {
            if (n == 0 || buffer[i] != buffer[n]) {
                buffer[++n] = buffer[i];
            }
        }
        buffer[0] = n;
        return buffer;
    }

    static int key(char first, char second) {
        return first << 16 | second;
    }

    /** The code of doc {@code d} as written (20 digits). */
    String code(int d) {
        return AddressCodes.format(codeHi[d], codeLo[d]);
    }

    String scopeCode(int d) {
        return scopes[scope[d]];
    }

    /** Compares doc {@code a} of this segment with doc {@code b} of {@code other} by code. */
    int compare(int a, Segment other, int b) {
        int c = Long.compare(codeHi[a], other.codeHi[b]);
        return c != 0 ? c : Integer.compare(codeLo[a], other.codeLo[b]);
    }

    /** Whether this segment holds the code. */
    boolean contains(long hi, int lo) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = Long.compare(codeHi[mid], hi);
            if (c == 0) {
                c = Integer.compare(codeLo[mid], lo);
            }
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Which scope-table entries the filter admits. */
    boolean[] admitted(java.util.function.Predicate<String> scopeFilter) {
        boolean[] admitted = new boolean[scopes.length];
        for (int i = 0; i < scopes.length; i++) {
            admitted[i] = scopeFilter.test(scopes[i]);
        }
        return admitted;
    }

    /** Whether doc {@code d}'s text contains {@code q}. */
    boolean textContains(int d, char[] q) {
        int from = textStart[d];
        int last = textStart[d + 1] - q.length;
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < q.length; j++) {
                if (text[i + j] != q[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The docs whose text contains {@code q} (not empty) and that {@code keep} accepts, ascending. Candidates come
     * from the postings; a query of three or more characters is verified against the text, because its bigrams can
     * occur in a text apart from each other.
     */
    int[] matches(char[] q, IntPredicate keep) {
        if (q.length == 1) {
            return union(q[0], keep);
        }
        int distinct = 0;
        int[] lists = new int[q.length - 1];
        for (int i = 0; i + 1 < q.length; i++) {
            int at = Arrays.binarySearch(keys, key(q[i], q[i + 1]));
            if (at < 0) {
                return new int[0];
            }
            boolean seen = false;
            for (int j = 0; j < distinct; j++) {
                seen |= lists[j] == at;
            }
            if (!seen) {
                lists[distinct++] = at;
            }
        }
        // shortest list first: it bounds the candidates, the others are probed by galloping search
        int[] order = Arrays.copyOf(lists, distinct);
        sortByLength(order);
        int first = order[0];
        boolean verify = q.length > 2 || contains(q, END);
        int[] out = new int[Math.min(1024, postStart[first + 1] - postStart[first])];
        int found = 0;
        int[] cursor = new int[distinct];
        for (int i = 1; i < distinct; i++) {
            cursor[i] = postStart[order[i]];
        }
        candidates:
        for (int p = postStart[first], end = postStart[first + 1]; p < end; p++) {
            int d = postings[p];
            for (int i = 1; i < distinct; i++) {
                int at = gallop(cursor[i], postStart[order[i] + 1], d);
                cursor[i] = at;
                if (at == postStart[order[i] + 1]) {
                    break candidates;
                }
                if (postings[at] != d) {
                    continue candidates;
                }
            }
            if (keep.test(d) && (!verify || textContains(d, q))) {
                if (found == out.length) {
                    out = Arrays.copyOf(out, found * 2);
                }
                out[found++] = d;
            }
        }
        return Arrays.copyOf(out, found);
    }

    /** The docs containing the character {@code c}: the union of the postings of every bigram starting with it. */
    private int[] union(char c, IntPredicate keep) {
        int from = lowerBound(key(c, '\0'));
        int to = lowerBound(key(c, '\uFFFF')) + (Arrays.binarySearch(keys, key(c, '\uFFFF')) >= 0 ? 1 : 0);
        if (from >= to) {
            return new int[0];
        }
        if (to - from == 1) {
            return filter(postings, postStart[from], postStart[from + 1], keep);
        }
        long[] bits = new long[(size + 63) >>> 6];
        for (int i = postStart[from], end = postStart[to]; i < end; i++) {
            int d = postings[i];
            bits[d >>> 6] |= 1L << d;
        }
        int[] out = new int[64];
        int found = 0;
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int d = (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (keep.test(d)) {
                    if (found == out.length) {
                        out = Arrays.copyOf(out, found * 2);
                    }
                    out[found++] = d;
                }
            }
        }
        return Arrays.copyOf(out, found);
    }

    private static int[] filter(int[] docs, int from, int to, IntPredicate keep) {
        int[] out = new int[to - from];
        int found = 0;
        for (int i = from; i < to; i++) {
            if (keep.test(docs[i])) {
                out[found++] = docs[i];
            }
        }
        return Arrays.copyOf(out, found);
    }

    private int lowerBound(int key) {
        int low = 0;
        int high = keys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keys[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The first position in {@code postings[from..to)} holding a value >= {@code d}, or {@code to}. */
    private int gallop(int from, int to, int d) {
        if (from >= to || postings[from] >= d) {
            return from;
        }
        int step = 1;
        int low = from;
        int high = from + 1;
        while (high < to && postings[high] < d) {
            low = high;
            step <<= 1;
            high = from + step;
        }
        high = Math.min(high, to);
        // postings[low] < d, and postings[high] >= d or high == to
        while (low + 1 < high) {
            int mid = (low + high) >>> 1;
            if (postings[mid] < d) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return high;
    }

    private void sortByLength(int[] lists) {
        for (int i = 1; i < lists.length; i++) {
            for (int j = i; j > 0 && length(lists[j]) < length(lists[j - 1]); j--) {
                int t = lists[j];
                lists[j] = lists[j - 1];
                lists[j - 1] = t;
            }
        }
    }

    private int length(int list) {
        return postStart[list + 1] - postStart[list];
    }

    private static boolean contains(char[] q, char c) {
        for (char x : q) {
            if (x == c) {
                return true;
            }
        }
        return false;
    }

    /** Bytes held by the arrays of this segment (array headers included, the scope strings estimated). */
    long memoryBytes() {
        long bytes = array(8, codeHi.length) + array(4, codeLo.length) + array(4, scope.length)
                + array(2, text.length) + array(4, textStart.length) + array(4, lon7.length) + array(4, lat7.length)
                + array(4, keys.length) + array(4, postStart.length) + array(4, postings.length)
                + array(4, cellStart.length) + array(4, cellDocs.length) + array(4, scopeStart.length)
                + array(4, scopeDocs.length) + array(4, scopes.length);
        for (String s : scopes) {
            bytes += 24 + array(1, s.length());
        }
        return bytes;
    }

    private static long array(int element, int length) {
        return 16 + ((long) element * length + 7) / 8 * 8;
    }
}
