package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The gaps between a scope's subtrees: every region code lies in exactly one subtree or one gap. */
class OrderListQueryTest {

    private static final Pattern TERM = Pattern.compile("o\\.regionCode (<|>=) :(\\w+)");

    /** Evaluates a gap condition on a code the way the database compares strings. */
    private static boolean inGap(String gap, Map<String, Object> params, String code) {
        if (gap.equals("1 = 1")) {
            return true;
        }
        Matcher m = TERM.matcher(gap);
        boolean in = true;
        int terms = 0;
        while (m.find()) {
            terms++;
            String bound = (String) params.get(m.group(2));
            in &= m.group(1).equals("<") ? code.compareTo(bound) < 0 : code.compareTo(bound) >= 0;
        }
        assertEquals(true, terms > 0, gap);
        return in;
    }

    private static void check(List<String> roots, List<String> codes) {
        List<RegionCode> parsed = roots.stream().map(RegionCode::parse).toList();
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> gaps = OrderListQuery.gaps(DataScope.of(parsed, List.of()), params);
        for (String code : codes) {
            RegionCode c = RegionCode.parse(code);
            boolean covered = parsed.stream().anyMatch(r -> r.contains(c) || r.equals(c));
            long inGaps = gaps.stream().filter(g -> inGap(g, params, code)).count();
            assertEquals(covered ? 0 : 1, inGaps, roots + " " + code + " " + gaps + " " + params);
        }
    }

    @Test
    void oneSubtreeLeavesTheCodesBelowAndAbove() {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> gaps = OrderListQuery.gaps(DataScope.ofRegion(RegionCode.parse("370322101201")), params);
        assertEquals(List.of("o.regionCode < :gapTo0", "o.regionCode >= :gapFrom1"), gaps);
        assertEquals(Map.of("gapTo0", "370322101201", "gapFrom1", "370322101202"), params);
        assertEquals(List.of("1 = 1"), OrderListQuery.gaps(DataScope.ofDepartment("water"), new LinkedHashMap<>()),
                "no subtree: every code is outside");
    }

    @Test
    void eachListShapeNamesTheIndexMeasuredBestForIt() {
        DataScope county = DataScope.ofRegion(RegionCode.parse("370322000000"));
        DataScope grid = DataScope.ofRegion(RegionCode.parse("370322101201001"));
        Set<WorkOrderState> closed = Set.of(WorkOrderState.CLOSED);
        assertEquals("og_workorder_state_category", WorkOrderKernel.listIndex(
                new WorkOrderFilter(closed, "05", "370322101000", null, null, null, null, null, null), county));
        assertEquals("og_workorder_state_category", WorkOrderKernel.listIndex(
                new WorkOrderFilter(closed, "0101", "370322103208", null, null, null, null, null, null), county));
        assertEquals("og_workorder_region_created", WorkOrderKernel.listIndex(
                new WorkOrderFilter(closed, "05", "370322101201001", null, null, null, null, null, null), grid));
        assertEquals("og_workorder_region_created", WorkOrderKernel.listIndex(WorkOrderFilter.all(), grid));
        assertEquals("og_workorder_state_deadline", WorkOrderKernel.listIndex(new WorkOrderFilter(Set.of(), null,
                null, null, null, null, null, null, null, true), county));
        assertEquals(null, WorkOrderKernel.listIndex(WorkOrderFilter.all(), county), "the database's own choice");
    }

    @Test
    void randomScopesAndCodesFallInExactlyOneSubtreeOrGap() {
        Random random = new Random(11);
        List<String> codes = new ArrayList<>();
        for (String t : List.of("101", "102", "109", "199", "201")) {
            codes.add("370322" + t + "000");
            for (String v : List.of("201", "209", "299")) {
                codes.add("370322" + t + v);
                for (String g : List.of("001", "009", "999")) {
                    codes.add("370322" + t + v + g);
                }
            }
        }
        codes.add("370322000000");
        codes.add("370323101000");
        codes.add("370321999999");
        for (int i = 0; i < 300; i++) {
            List<String> roots = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                roots.add(codes.get(random.nextInt(codes.size())));
            }
            check(roots, codes);
        }
    }
}
