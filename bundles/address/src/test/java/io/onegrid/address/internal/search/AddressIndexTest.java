package io.onegrid.address.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The in-memory index alone: tokenisation, intersections, scope before paging, segments, nearest. */
class AddressIndexTest {

    static final String V1 = "370399101201";
    static final String V2 = "370399101202";
    static final Predicate<String> ALL = s -> true;

    record Doc(String code, String scope, String text, Double lon, Double lat) {
    }

    static String code(String village, int seq) {
        return village + String.format("%08d", seq);
    }

    static AddressIndex index(List<Doc> docs) {
        AddressIndex index = new AddressIndex();
        index.load(builder(docs));
        return index;
    }

    static SegmentBuilder builder(List<Doc> docs) {
        SegmentBuilder b = new SegmentBuilder();
        docs.forEach(d -> b.add(d.code, d.scope, d.text, d.lon, d.lat));
        return b;
    }

    static List<String> all(AddressIndex index, String q, Predicate<String> scope) {
        return index.search(q, scope, 0, Integer.MAX_VALUE).codes();
    }

    @Test
    void findsChineseLatinAndDigitsAsSubstrings() {
        AddressIndex index = index(List.of(
                new Doc(code(V1, 1), V1 + "001", "幸福路12号", 118.0, 36.0),
                new Doc(code(V1, 2), V1 + "001", "幸福路120号A座3单元", 118.0, 36.0),
                new Doc(code(V1, 3), V1, "柳树村三组7号", null, null),
                new Doc(code(V1, 4), V1, "Xingfu Rd 12", null, null),
                new Doc(code(V2, 1), V2, "路", null, null),
                new Doc(code(V2, 2), V2, "", null, null)));
        assertEquals(List.of(code(V1, 1), code(V1, 2)), all(index, "幸福路", ALL));
        assertEquals(List.of(code(V1, 1), code(V1, 2), code(V1, 4)), all(index, "12", ALL));
        assertEquals(List.of(code(V1, 1)), all(index, "12号", ALL));
        assertEquals(List.of(code(V1, 2)), all(index, "A座", ALL));
        assertEquals(List.of(code(V1, 4)), all(index, "Rd", ALL));
        assertEquals(List.of(), all(index, "rd", ALL), "case-sensitive, as LIKE on Derby and PostgreSQL");
        assertEquals(List.of(code(V1, 3)), all(index, "柳树村三组7号", ALL));
        // one character: every text containing it, including a text of that character alone and at the very end
        assertEquals(List.of(code(V1, 1), code(V1, 2), code(V2, 1)), all(index, "路", ALL));
        assertEquals(List.of(code(V1, 2)), all(index, "座", ALL));
        assertEquals(List.of(code(V1, 2)), all(index, "元", ALL));
        assertEquals(List.of(), all(index, "桃", ALL));
        assertEquals(List.of(), all(index, "幸福路12号A", ALL));
        assertThrows(IllegalArgumentException.class, () -> index.search("", ALL, 0, 10));
    }

    @Test
    void bigramsFoundApartAreNotAMatch() {
        // every bigram of 福路1 occurs in the first text, but not side by side
        AddressIndex index = index(List.of(
                new Doc(code(V1, 1), V1, "路1巷幸福", null, null),
                new Doc(code(V1, 2), V1, "幸福路1号", null, null),
                new Doc(code(V1, 3), V1, "aaa", null, null),
                new Doc(code(V1, 4), V1, "aba", null, null)));
        assertEquals(List.of(code(V1, 2)), all(index, "福路1", ALL));
        // a repeated bigram in the query (aa twice) is one posting list, still verified
        assertEquals(List.of(code(V1, 3)), all(index, "aaa", ALL));
        assertEquals(List.of(), all(index, "abab", ALL));
    }

    @Test
    void agreesWithASubstringScanOnRandomTexts() {
        Random random = new Random(42);
        String alphabet = "幸福路村组号栋单元室12345AaB ";
        List<Doc> docs = new ArrayList<>();
        for (int i = 1; i <= 3000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String village = random.nextBoolean() ? V1 : V2;
            docs.add(new Doc(code(village, i), village + "00" + (1 + random.nextInt(3)), text.toString(), null, null));
        }
        AddressIndex index = index(docs);
        Predicate<String> grid2 = s -> s.startsWith(V1 + "002");
        for (int t = 0; t < 400; t++) {
            StringBuilder q = new StringBuilder();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                q.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String query = q.toString();
            for (Predicate<String> scope : List.of(ALL, grid2)) {
                List<String> expected = docs.stream().filter(d -> d.text.contains(query) && scope.test(d.scope))
                        .map(Doc::code).sorted().toList();
                assertEquals(expected, all(index, query, scope), "query '" + query + "'");
            }
        }
    }

    @Test
    void scopeIsAppliedBeforePaging() {
        List<Doc> docs = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            // alternate villages: a village caller's hits are every other address
            String village = i % 2 == 0 ? V1 : V2;
            docs.add(new Doc(code(village, i), village + "001", "幸福路" + i + "号", null, null));
        }
        AddressIndex index = index(docs);
        Predicate<String> village1 = s -> s.startsWith(V1);
        AddressIndex.Hits first = index.search("幸福路", village1, 0, 20);
        assertEquals(50, first.total());
        assertEquals(20, first.codes().size());
        assertTrue(first.codes().stream().allMatch(c -> c.startsWith(V1)));
        AddressIndex.Hits last = index.search("幸福路", village1, 40, 20);
        assertEquals(10, last.codes().size());
        assertEquals(code(V1, 100), last.codes().get(9));
        assertEquals(0, index.search("幸福路", s -> false, 0, 20).total());
    }

    @Test
    void laterSegmentsMergeInCodeOrderAndCompact() {
        List<Doc> base = new ArrayList<>();
        for (int i = 100; i < 200; i += 2) {
            base.add(new Doc(code(V1, i), V1, "幸福路" + i + "号", null, null));
        }
        AddressIndex index = index(base);
        for (int i = 0; i < AddressIndex.MAX_SEGMENTS - 1; i++) {
            // small deltas, out of order within and between themselves
            index.add(builder(List.of(new Doc(code(V1, 29 - i), V1, "幸福路" + (29 - i) + "号", null, null),
                    new Doc(code(V1, 1 + i), V1, "幸福路" + (1 + i) + "号", null, null))));
        }
        assertEquals(AddressIndex.MAX_SEGMENTS, index.segmentCount());
        List<String> expected = index.codes().stream().sorted().toList();
        assertEquals(expected, all(index, "幸福路", ALL));
        assertEquals(expected.subList(3, 7), index.search("幸福路", ALL, 3, 4).codes());
        index.add(builder(List.of(new Doc(code(V2, 1), V2, "幸福路", null, null), new Doc(code(V1, 101), V1, "幸福路101号",
                null, null))));
        assertEquals(1, index.segmentCount(), "one segment too many: all merged");
        assertEquals(expected.size() + 2, index.size());
        List<String> merged = all(index, "幸福路", ALL);
        assertEquals(index.codes(), merged);
        assertEquals(expected.size() + 2, merged.size());
    }

    @Test
    void importsCommittedDuringTheFirstLoadAreKeptOnce() {
        AddressIndex index = new AddressIndex();
        assertFalse(index.isReady());
        // committed while the base was being read: one row was already read with it, one was not
        index.add(builder(List.of(new Doc(code(V1, 1), V1, "幸福路1号", null, null),
                new Doc(code(V1, 2), V1, "幸福路2号", null, null))));
        index.load(builder(List.of(new Doc(code(V1, 1), V1, "幸福路1号", null, null))));
        assertTrue(index.isReady());
        assertEquals(2, index.size());
        assertEquals(List.of(code(V1, 1), code(V1, 2)), all(index, "幸福路", ALL));
    }

    @Test
    void nearestAgreesWithABruteForceScan() {
        Random random = new Random(7);
        List<Doc> docs = new ArrayList<>();
        // more points than Nearest.SCAN_LIMIT: the county caller takes the ring search, the village one the scan
        for (int i = 1; i <= Nearest.SCAN_LIMIT + 10_000; i++) {
            String village = random.nextInt(10) == 0 ? V2 : V1;
            boolean point = random.nextInt(50) != 0;
            docs.add(new Doc(code(village, i), village, "x", point ? 118 + random.nextDouble() * 0.3 : null,
                    point ? 36.5 + random.nextDouble() * 0.2 : null));
        }
        AddressIndex index = index(docs);
        Predicate<String> village2 = s -> s.startsWith(V2);
        for (int t = 0; t < 100; t++) {
            // some points well outside the data
            double lon = 117.8 + random.nextDouble() * 0.7;
            double lat = 36.3 + random.nextDouble() * 0.6;
            int k = 1 + random.nextInt(30);
            for (Predicate<String> scope : List.of(ALL, village2)) {
                List<String> expected = docs.stream().filter(d -> d.lon != null && scope.test(d.scope))
                        .sorted(Comparator.comparingDouble((Doc d) -> Nearest.metres(lon, lat, d.lon, d.lat))
                                .thenComparing(Doc::code))
                        .limit(k).map(Doc::code).toList();
                List<AddressIndex.Near> found = index.nearest(lon, lat, k, scope);
                assertEquals(expected, found.stream().map(AddressIndex.Near::code).toList());
            }
        }
        assertEquals(List.of(), index.nearest(118, 36.5, 5, s -> false));
    }

    @Test
    void greatCircleDistance() {
        // one degree of latitude is 111.2 km on the mean sphere; one of longitude at 60° half of that
        assertEquals(111_195, Nearest.metres(118, 36, 118, 37), 1);
        assertEquals(55_597, Nearest.metres(0, 60, 1, 60), 30);
        assertEquals(0, Nearest.metres(118.1, 36.7, 118.1, 36.7), 0);
    }

    @Test
    void reportsItsMemory() {
        List<Doc> docs = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            docs.add(new Doc(code(V1, i), V1, "幸福路" + i + "号", 118.0, 36.0));
        }
        long bytes = index(docs).memoryBytes();
        // at least the codes (12 B), the text (2 B a character) and one posting per bigram (4 B) of every address
        assertTrue(bytes > 1000 * (12 + 2 * 6 + 4 * 6), "memory " + bytes);
    }
}
