package io.onegrid.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scope algebra, checked exhaustively on a generated county tree against oracles that do not use
 * {@link RegionCode#contains} or {@link DataScope} itself: "inside" is an ancestor walk over {@link RegionCode#parent()},
 * and what a scope sees is computed from the roots and departments it was built from.
 */
class DataScopeTest {

    private static final String COUNTY_DIGITS = "370322";
    private static final List<String> TOWN_DIGITS = List.of("101", "102", "201");
    private static final List<String> VILLAGE_DIGITS = List.of("201", "202", "203");
    private static final List<String> GRID_DIGITS = List.of("001", "002", "003");
    private static final List<String> MICRO_DIGITS = List.of("01", "02");
    private static final List<String> DEPARTMENTS = List.of("water-bureau", "public-security", "health", "education");
    private static final String UNKNOWN_DEPARTMENT = "agriculture";

    /** The generated county tree, parents before children. */
    private static final List<RegionCode> TREE = new ArrayList<>();
    /** Codes outside the tree that look like it: a neighbouring county, a town that shares leading digits. */
    private static final List<RegionCode> OUTSIDERS = codes("370323000000", "370323101000", "370323101201",
            "370323101201001", "37032310120100101", "370322110000", "370322110201", "370322110201001",
            "370322101204", "370322101201004", "37032210120100103");
    /** Every region an item may lie in. */
    private static final List<RegionCode> ALL = new ArrayList<>();

    /** Items: every region (and none) crossed with every department (an unknown one, and none). */
    private static final List<RegionCode> ITEM_REGIONS = new ArrayList<>();
    private static final List<String> ITEM_DEPARTMENTS = new ArrayList<>();

    private static final List<Case> POOL = new ArrayList<>();

    /** A scope together with what it was built from, so that its coverage can be computed independently. */
    private record Case(String label, List<RegionCode> roots, List<String> departments, boolean unrestricted,
            DataScope scope, BitSet expected) {

        @Override
        public String toString() {
            return label;
        }
    }

    @BeforeAll
    static void buildTreeAndPool() {
        RegionCode county = RegionCode.parse(COUNTY_DIGITS + "000000");
        TREE.add(county);
        for (String t : TOWN_DIGITS) {
            TREE.add(RegionCode.parse(COUNTY_DIGITS + t + "000"));
            for (String v : VILLAGE_DIGITS) {
                String village = COUNTY_DIGITS + t + v;
                TREE.add(RegionCode.parse(village));
                for (String g : GRID_DIGITS) {
                    TREE.add(RegionCode.parse(village + g));
                    for (String m : MICRO_DIGITS) {
                        TREE.add(RegionCode.parse(village + g + m));
                    }
                }
            }
        }
        ALL.addAll(TREE);
        ALL.addAll(OUTSIDERS);
        ITEM_REGIONS.addAll(ALL);
        ITEM_REGIONS.add(null);
        ITEM_DEPARTMENTS.addAll(DEPARTMENTS);
        ITEM_DEPARTMENTS.add(UNKNOWN_DEPARTMENT);
        ITEM_DEPARTMENTS.add(null);

        POOL.add(build("none", List.of(), List.of()));
        POOL.add(unrestrictedCase());
        for (RegionCode r : ALL) {
            POOL.add(build("region " + r, List.of(r), List.of()));
        }
        for (String d : DEPARTMENTS) {
            POOL.add(build("department " + d, List.of(), List.of(d)));
        }
        POOL.add(build("all towns", List.of(town(0), town(1), town(2)), List.of()));
        POOL.add(build("town, its village and grid", List.of(town(0), village(0, 1), grid(0, 1, 2)), List.of()));
        POOL.add(build("two villages of different towns", List.of(village(0, 0), village(2, 2)), List.of()));
        POOL.add(build("county and a department", List.of(county), List.of(DEPARTMENTS.get(0))));
        POOL.add(build("micro-grids and all departments", List.of(micro(1, 1, 1, 0), micro(2, 0, 2, 1)), DEPARTMENTS));
        Random random = new Random(20241124L);
        for (int i = 0; i < 60; i++) {
            List<RegionCode> roots = new ArrayList<>();
            int nRoots = random.nextInt(5);
            for (int k = 0; k < nRoots; k++) {
                roots.add(ALL.get(random.nextInt(ALL.size())));
            }
            List<String> depts = new ArrayList<>();
            int nDepts = random.nextInt(3);
            for (int k = 0; k < nDepts; k++) {
                depts.add(DEPARTMENTS.get(random.nextInt(DEPARTMENTS.size())));
            }
            POOL.add(build("random " + roots + " " + depts, roots, depts));
        }
    }

    // ---- oracles ----------------------------------------------------------------------------------------------

    /** Whether {@code item} is {@code root} or reaches it by walking up its parents. */
    private static boolean inside(RegionCode item, RegionCode root) {
        for (Optional<RegionCode> c = Optional.of(item); c.isPresent(); c = c.get().parent()) {
            if (c.get().equals(root)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sees(List<RegionCode> roots, List<String> departments, RegionCode region, String department) {
        boolean byRegion = region != null && roots.stream().anyMatch(root -> inside(region, root));
        boolean byDepartment = department != null && departments.contains(department);
        return byRegion || byDepartment;
    }

    /** The roots that have no other (different) root above them. */
    private static Set<RegionCode> minimal(List<RegionCode> roots) {
        Set<RegionCode> result = new HashSet<>();
        for (RegionCode r : roots) {
            boolean below = roots.stream().anyMatch(o -> !o.equals(r) && inside(r, o));
            if (!below) {
                result.add(r);
            }
        }
        return result;
    }

    private static int index(int regionIndex, int departmentIndex) {
        return regionIndex * ITEM_DEPARTMENTS.size() + departmentIndex;
    }

    private static BitSet expectedCoverage(List<RegionCode> roots, List<String> departments) {
        BitSet bits = new BitSet();
        for (int r = 0; r < ITEM_REGIONS.size(); r++) {
            for (int d = 0; d < ITEM_DEPARTMENTS.size(); d++) {
                if (sees(roots, departments, ITEM_REGIONS.get(r), ITEM_DEPARTMENTS.get(d))) {
                    bits.set(index(r, d));
                }
            }
        }
        return bits;
    }

    private static BitSet everything() {
        BitSet bits = new BitSet();
        bits.set(0, ITEM_REGIONS.size() * ITEM_DEPARTMENTS.size());
        return bits;
    }

    /** What the scope under test says it sees, over the same items. */
    private static BitSet actualCoverage(DataScope scope) {
        BitSet bits = new BitSet();
        for (int r = 0; r < ITEM_REGIONS.size(); r++) {
            for (int d = 0; d < ITEM_DEPARTMENTS.size(); d++) {
                if (scope.covers(ITEM_REGIONS.get(r), ITEM_DEPARTMENTS.get(d))) {
                    bits.set(index(r, d));
                }
            }
        }
        return bits;
    }

    private static Case build(String label, List<RegionCode> roots, List<String> departments) {
        return new Case(label, List.copyOf(roots), List.copyOf(departments), false, DataScope.of(roots, departments),
                expectedCoverage(roots, departments));
    }

    private static Case unrestrictedCase() {
        return new Case("unrestricted", List.of(), List.of(), true, DataScope.unrestricted(), everything());
    }

    private static Case unionCase(Case a, Case b) {
        if (a.unrestricted || b.unrestricted) {
            return new Case(a + " ∪ " + b, List.of(), List.of(), true, a.scope.union(b.scope), everything());
        }
        List<RegionCode> roots = new ArrayList<>(a.roots);
        roots.addAll(b.roots);
        List<String> depts = new ArrayList<>(a.departments);
        depts.addAll(b.departments);
        return new Case(a + " ∪ " + b, roots, depts, false, a.scope.union(b.scope), expectedCoverage(roots, depts));
    }

    private static boolean subset(BitSet small, BitSet large) {
        BitSet rest = (BitSet) small.clone();
        rest.andNot(large);
        return rest.isEmpty();
    }

    // ---- fixture --------------------------------------------------------------------------------------------

    private static List<RegionCode> codes(String... values) {
        return Arrays.stream(values).map(RegionCode::parse).toList();
    }

    private static RegionCode town(int t) {
        return RegionCode.parse(COUNTY_DIGITS + TOWN_DIGITS.get(t) + "000");
    }

    private static RegionCode village(int t, int v) {
        return RegionCode.parse(COUNTY_DIGITS + TOWN_DIGITS.get(t) + VILLAGE_DIGITS.get(v));
    }

    private static RegionCode grid(int t, int v, int g) {
        return RegionCode.parse(village(t, v).value() + GRID_DIGITS.get(g));
    }

    private static RegionCode micro(int t, int v, int g, int m) {
        return RegionCode.parse(grid(t, v, g).value() + MICRO_DIGITS.get(m));
    }

    @Test
    void theGeneratedTreeIsTheIntendedOne() {
        assertEquals(1 + 3 + 9 + 27 + 54, TREE.size());
        assertEquals(TREE.size(), new HashSet<>(TREE).size(), "codes are distinct");
        Map<RegionLevel, Long> perLevel = TREE.stream().collect(Collectors.groupingBy(RegionCode::level,
                TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(RegionLevel.COUNTY, 1L, RegionLevel.TOWN, 3L, RegionLevel.VILLAGE, 9L, RegionLevel.GRID, 27L,
                RegionLevel.MICROGRID, 54L), perLevel);
        for (RegionCode node : TREE) {
            node.parent().ifPresent(p -> assertTrue(TREE.contains(p), node + " has its parent in the tree"));
        }
        for (RegionCode outsider : OUTSIDERS) {
            assertFalse(TREE.contains(outsider));
        }
    }

    // ---- coverage -------------------------------------------------------------------------------------------

    @Test
    void aRegionScopeCoversExactlyTheRootsSubtreeForEveryRootAndItem() {
        int expectedPairs = 0;
        int actualPairs = 0;
        List<String> wrong = new ArrayList<>();
        for (RegionCode root : ALL) {
            DataScope scope = DataScope.ofRegion(root);
            for (RegionCode item : ALL) {
                boolean expected = inside(item, root);
                boolean actual = scope.coversRegion(item);
                if (expected != actual) {
                    wrong.add(root + " covers " + item + ": expected " + expected + ", was " + actual);
                }
                if (TREE.contains(root) && TREE.contains(item)) {
                    expectedPairs += expected ? 1 : 0;
                    actualPairs += actual ? 1 : 0;
                }
            }
        }
        assertEquals(List.of(), wrong);
        // Subtree sizes: county 94, town 1+3+9+18=31, village 1+3+6=10, grid 1+2=3, micro-grid 1.
        int subtreeSum = 94 + 3 * 31 + 9 * 10 + 27 * 3 + 54;
        assertEquals(subtreeSum, expectedPairs, "the oracle agrees with counting subtrees by hand");
        assertEquals(subtreeSum, actualPairs);
    }

    @Test
    void aRegionScopeHasThatRootOnlyAndNoDepartment() {
        for (RegionCode root : ALL) {
            DataScope scope = DataScope.ofRegion(root);
            assertEquals(Set.of(root), scope.regionRoots());
            assertEquals(Set.of(), scope.departments());
            assertFalse(scope.isEmpty());
            assertFalse(scope.isUnrestricted());
        }
    }

    @Test
    void everyScopeOfThePoolCoversWhatItWasBuiltFrom() {
        for (Case c : POOL) {
            assertEquals(c.expected, actualCoverage(c.scope), c.label);
        }
    }

    @Test
    void prefixLookAlikesAreNotInside() {
        DataScope town101 = DataScope.ofRegion(town(0));
        assertFalse(town101.coversRegion(RegionCode.parse("370322102000")), "sibling town");
        assertFalse(town101.coversRegion(RegionCode.parse("370322102201001")), "grid of a sibling town");
        assertFalse(town101.coversRegion(RegionCode.parse("370322110201")), "town 110 shares the digits 3703221");
        assertFalse(town101.coversRegion(RegionCode.parse(COUNTY_DIGITS + "000000")), "its own county");
        DataScope village = DataScope.ofRegion(village(0, 0));
        assertFalse(village.coversRegion(town(0)), "a village does not cover its town");
        assertTrue(village.coversRegion(micro(0, 0, 2, 1)));
        assertFalse(village.coversRegion(micro(0, 1, 2, 1)), "micro-grid of the neighbouring village");
        assertFalse(DataScope.ofRegion(grid(0, 0, 0)).coversRegion(RegionCode.parse("370322101201004")));
    }

    // ---- union ----------------------------------------------------------------------------------------------

    @Test
    void theUnionOfTwoRegionsCoversExactlyWhatEitherCoversForEveryPair() {
        List<String> wrong = new ArrayList<>();
        for (RegionCode a : ALL) {
            for (RegionCode b : ALL) {
                DataScope union = DataScope.ofRegion(a).union(DataScope.ofRegion(b));
                for (RegionCode item : ALL) {
                    boolean expected = inside(item, a) || inside(item, b);
                    if (union.coversRegion(item) != expected) {
                        wrong.add(a + " ∪ " + b + " on " + item + ": expected " + expected);
                    }
                }
                Set<RegionCode> roots = inside(b, a) ? Set.of(a) : inside(a, b) ? Set.of(b) : Set.of(a, b);
                if (!union.regionRoots().equals(roots)) {
                    wrong.add(a + " ∪ " + b + " has roots " + union.regionRoots() + ", expected " + roots);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theUnionOfAnyTwoScopesCoversExactlyTheRegionsAndDepartmentsEitherCovers() {
        List<String> wrong = new ArrayList<>();
        for (Case a : POOL) {
            for (Case b : POOL) {
                DataScope u = a.scope.union(b.scope);
                for (int r = 0; r < ALL.size(); r++) {
                    // an item at region r with an unknown department: seen through the regions only
                    int item = index(r, ITEM_DEPARTMENTS.indexOf(UNKNOWN_DEPARTMENT));
                    boolean expected = a.expected.get(item) || b.expected.get(item);
                    if (u.coversRegion(ALL.get(r)) != expected) {
                        wrong.add(a + " ∪ " + b + " on " + ALL.get(r));
                    }
                }
                for (int d = 0; d < ITEM_DEPARTMENTS.size(); d++) {
                    // an item in no region: seen through the departments only
                    int item = index(ITEM_REGIONS.size() - 1, d);
                    boolean expected = a.expected.get(item) || b.expected.get(item);
                    if (u.coversDepartment(ITEM_DEPARTMENTS.get(d)) != expected) {
                        wrong.add(a + " ∪ " + b + " on department " + ITEM_DEPARTMENTS.get(d));
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theUnionOfTwoScopesSeesExactlyTheItemsEitherSees() {
        List<String> wrong = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 1_500; i++) {
            Case a = POOL.get(random.nextInt(POOL.size()));
            Case b = POOL.get(random.nextInt(POOL.size()));
            Case u = unionCase(a, b);
            BitSet expected = (BitSet) a.expected.clone();
            expected.or(b.expected);
            assertEquals(expected, u.expected, "the two oracles agree");
            if (!actualCoverage(u.scope).equals(expected)) {
                wrong.add(u.label);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void unionIsCommutativeAndIdempotent() {
        for (Case a : POOL) {
            assertEquals(a.scope, a.scope.union(a.scope), a.label);
            for (Case b : POOL) {
                DataScope ab = a.scope.union(b.scope);
                DataScope ba = b.scope.union(a.scope);
                assertEquals(ab, ba, a + " ∪ " + b);
                assertEquals(ab.hashCode(), ba.hashCode());
                assertEquals(ab, ab.union(a.scope), "absorbs its own operand");
                assertEquals(ab, ab.union(b.scope));
            }
        }
    }

    @Test
    void unionIsAssociative() {
        List<Case> small = new ArrayList<>();
        for (Case c : POOL) {
            if (c.label.startsWith("department") || c.label.equals("none") || c.label.equals("unrestricted")
                    || c.label.equals("all towns") || c.label.startsWith("two villages")) {
                small.add(c);
            }
        }
        for (RegionCode r : List.of(TREE.get(0), town(1), village(1, 2), grid(1, 2, 0), micro(1, 2, 0, 1),
                village(0, 0), OUTSIDERS.get(0))) {
            small.add(build("region " + r, List.of(r), List.of()));
        }
        for (Case a : small) {
            for (Case b : small) {
                for (Case c : small) {
                    assertAssociative(a, b, c);
                }
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            assertAssociative(POOL.get(random.nextInt(POOL.size())), POOL.get(random.nextInt(POOL.size())),
                    POOL.get(random.nextInt(POOL.size())));
        }
    }

    private static void assertAssociative(Case a, Case b, Case c) {
        DataScope left = a.scope.union(b.scope).union(c.scope);
        DataScope right = a.scope.union(b.scope.union(c.scope));
        assertEquals(left, right, () -> "(" + a + " ∪ " + b + ") ∪ " + c);
        assertEquals(left.hashCode(), right.hashCode());
    }

    @Test
    void unionKeepsTheResultMinimal() {
        DataScope towns = DataScope.ofRegion(town(0)).union(DataScope.ofRegion(town(1)));
        assertEquals(Set.of(town(0), town(1)), towns.regionRoots());
        DataScope withCounty = towns.union(DataScope.ofRegion(TREE.get(0)));
        assertEquals(Set.of(TREE.get(0)), withCounty.regionRoots(), "the county swallows both towns");
        assertEquals(DataScope.ofRegion(TREE.get(0)), withCounty);
        DataScope grids = DataScope.ofRegion(grid(0, 0, 0)).union(DataScope.ofRegion(micro(0, 0, 0, 1)));
        assertEquals(DataScope.ofRegion(grid(0, 0, 0)), grids);
    }

    // ---- of() -----------------------------------------------------------------------------------------------

    @Test
    void ofDropsARootInsideAnotherRoot() {
        assertEquals(DataScope.ofRegion(town(0)), DataScope.of(List.of(town(0), village(0, 1)), List.of()));
        assertEquals(DataScope.ofRegion(town(0)), DataScope.of(List.of(village(0, 1), town(0)), List.of()),
                "whatever the order");
        assertEquals(DataScope.ofRegion(town(0)), DataScope.of(List.of(micro(0, 2, 2, 1), town(0), grid(0, 0, 1),
                village(0, 0)), List.of()));
        assertEquals(Set.of(town(0), village(1, 1)),
                DataScope.of(List.of(town(0), village(0, 1), village(1, 1)), List.of()).regionRoots(),
                "a village of another town stays");
        assertEquals(DataScope.ofRegion(village(0, 0)), DataScope.of(List.of(village(0, 0), village(0, 0)), List.of()),
                "duplicates collapse");
    }

    @Test
    void ofKeepsExactlyTheMinimalRootsOfRandomSets() {
        Random random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            List<RegionCode> roots = new ArrayList<>();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                roots.add(ALL.get(random.nextInt(ALL.size())));
            }
            DataScope scope = DataScope.of(roots, List.of());
            assertEquals(minimal(roots), scope.regionRoots(), roots::toString);
            List<RegionCode> shuffled = new ArrayList<>(roots);
            Collections.shuffle(shuffled, random);
            assertEquals(scope, DataScope.of(shuffled, List.of()), "order does not matter");
            assertEquals(scope.hashCode(), DataScope.of(shuffled, List.of()).hashCode());
        }
    }

    @Test
    void ofCopiesItsInputAndHandsOutUnmodifiableSets() {
        List<RegionCode> roots = new ArrayList<>(List.of(village(0, 0)));
        List<String> depts = new ArrayList<>(List.of("health"));
        DataScope scope = DataScope.of(roots, depts);
        roots.add(TREE.get(0));
        depts.add("water-bureau");
        assertEquals(Set.of(village(0, 0)), scope.regionRoots());
        assertEquals(Set.of("health"), scope.departments());
        assertThrows(UnsupportedOperationException.class, () -> scope.regionRoots().add(TREE.get(0)));
        assertThrows(UnsupportedOperationException.class, () -> scope.departments().add("x"));
    }

    @Test
    void equalScopesAreExactlyThoseThatSeeTheSameItems() {
        // A scope is kept minimal, so what it sees determines it: same items seen <=> equal.
        for (Case a : POOL) {
            for (Case b : POOL) {
                boolean sameItems = a.expected.equals(b.expected);
                assertEquals(sameItems, a.scope.equals(b.scope), () -> a + " vs " + b);
                if (sameItems) {
                    assertEquals(a.scope.hashCode(), b.scope.hashCode(), () -> a + " vs " + b);
                }
            }
        }
    }

    // ---- includes() -----------------------------------------------------------------------------------------

    @Test
    void includesAgreesWithCoverageForEveryPair() {
        List<String> wrong = new ArrayList<>();
        for (Case a : POOL) {
            for (Case b : POOL) {
                boolean expected = subset(b.expected, a.expected);
                if (a.scope.includes(b.scope) != expected) {
                    wrong.add(a + " includes " + b + ": expected " + expected);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void includesOnTheTreeForEveryPairOfRegions() {
        for (RegionCode a : TREE) {
            for (RegionCode b : TREE) {
                boolean everyNodeOfB = TREE.stream().filter(n -> inside(n, b)).allMatch(n -> inside(n, a));
                assertEquals(everyNodeOfB, DataScope.ofRegion(a).includes(DataScope.ofRegion(b)), a + " ⊇ " + b);
            }
        }
    }

    @Test
    void aUnionIncludesBothOperands() {
        for (Case a : POOL) {
            for (Case b : POOL) {
                DataScope u = a.scope.union(b.scope);
                assertTrue(u.includes(a.scope) && u.includes(b.scope), () -> a + " ∪ " + b);
            }
        }
    }

    // ---- departments ----------------------------------------------------------------------------------------

    @Test
    void aDepartmentScopeSeesThatDepartmentsItemsWhereverTheyAre() {
        for (String dept : DEPARTMENTS) {
            DataScope scope = DataScope.ofDepartment(dept);
            assertEquals(Set.of(dept), scope.departments());
            assertEquals(Set.of(), scope.regionRoots());
            for (RegionCode region : ITEM_REGIONS) {
                for (String itemDept : ITEM_DEPARTMENTS) {
                    assertEquals(dept.equals(itemDept), scope.covers(region, itemDept), region + "/" + itemDept);
                }
                if (region != null) {
                    assertFalse(scope.coversRegion(region));
                }
            }
            assertTrue(scope.coversDepartment(dept));
            assertFalse(scope.coversDepartment(UNKNOWN_DEPARTMENT));
        }
    }

    @Test
    void regionsAndDepartmentsCombineByOr() {
        DataScope scope = DataScope.of(List.of(town(1)), List.of("health", "education"));
        RegionCode in = grid(1, 2, 0);
        RegionCode out = grid(0, 2, 0);
        assertTrue(scope.covers(in, null), "region covered, no department");
        assertTrue(scope.covers(in, "water-bureau"), "region covered, other department");
        assertTrue(scope.covers(out, "health"), "region outside, department covered");
        assertTrue(scope.covers(null, "education"), "no region, department covered");
        assertFalse(scope.covers(out, "water-bureau"), "neither");
        assertFalse(scope.covers(out, null));
        assertFalse(scope.covers(null, "water-bureau"));
        assertFalse(scope.covers(null, null), "an item with neither region nor department");
        assertFalse(scope.coversDepartment(null));
        for (RegionCode region : ITEM_REGIONS) {
            for (String dept : ITEM_DEPARTMENTS) {
                boolean expected = (region != null && inside(region, town(1)))
                        || "health".equals(dept) || "education".equals(dept);
                assertEquals(expected, scope.covers(region, dept), region + "/" + dept);
            }
        }
    }

    @Test
    void nullAndBlankDepartmentsAreIgnored() {
        assertEquals(DataScope.none(), DataScope.of(List.of(), Arrays.asList(null, "", "  ")));
        assertEquals(DataScope.ofDepartment("health"), DataScope.of(List.of(), Arrays.asList(null, "health", " ")));
        assertEquals(DataScope.none(), DataScope.ofDepartment(" "));
    }

    @Test
    void departmentsAreMergedByUnion() {
        DataScope a = DataScope.of(List.of(village(0, 0)), List.of("health"));
        DataScope b = DataScope.of(List.of(town(0)), List.of("education", "health"));
        DataScope u = a.union(b);
        assertEquals(Set.of(town(0)), u.regionRoots());
        assertEquals(Set.of("health", "education"), u.departments());
        assertEquals(DataScope.of(List.of(town(0)), List.of("education", "health")), u);
    }

    // ---- none and unrestricted ------------------------------------------------------------------------------

    @Test
    void noneCoversNothing() {
        DataScope none = DataScope.none();
        assertTrue(none.isEmpty());
        assertFalse(none.isUnrestricted());
        assertEquals(new BitSet(), actualCoverage(none));
        for (RegionCode r : ALL) {
            assertFalse(none.coversRegion(r));
        }
        for (String d : ITEM_DEPARTMENTS) {
            assertFalse(none.coversDepartment(d));
        }
        assertEquals(none, DataScope.of(List.of(), List.of()));
        assertSame(none, DataScope.none());
    }

    @Test
    void noneIsTheNeutralElementOfUnion() {
        for (Case c : POOL) {
            assertEquals(c.scope, c.scope.union(DataScope.none()), c.label);
            assertEquals(c.scope, DataScope.none().union(c.scope), c.label);
            assertTrue(c.scope.includes(DataScope.none()), c.label);
            assertEquals(c.expected.isEmpty(), DataScope.none().includes(c.scope), c.label);
            assertEquals(c.expected.isEmpty(), c.scope.isEmpty(), c.label);
        }
    }

    @Test
    void unrestrictedCoversEverything() {
        DataScope all = DataScope.unrestricted();
        assertTrue(all.isUnrestricted());
        assertFalse(all.isEmpty());
        assertEquals(everything(), actualCoverage(all), "every item, also one with neither region nor department");
        for (RegionCode r : ALL) {
            assertTrue(all.coversRegion(r));
        }
        for (String d : ITEM_DEPARTMENTS) {
            assertTrue(all.coversDepartment(d));
        }
        assertTrue(all.covers(null, null));
        assertNotEquals(DataScope.none(), all);
        assertNotEquals(DataScope.ofRegion(TREE.get(0)), all, "the county is not everything");
    }

    @Test
    void unrestrictedAbsorbsEveryUnionAndIncludesEveryScope() {
        DataScope all = DataScope.unrestricted();
        for (Case c : POOL) {
            assertEquals(all, all.union(c.scope), c.label);
            assertEquals(all, c.scope.union(all), c.label);
            assertTrue(all.union(c.scope).isUnrestricted());
            assertTrue(all.includes(c.scope), c.label);
            assertEquals(c.unrestricted, c.scope.includes(all), c.label);
        }
    }

    // ---- equals / hashCode ----------------------------------------------------------------------------------

    @Test
    void equalsAndHashCodeAreConsistent() {
        for (Case a : POOL) {
            assertEquals(a.scope, a.scope);
            assertNotEquals(null, a.scope);
            assertNotEquals(a.scope.toString(), a.scope);
            for (Case b : POOL) {
                boolean ab = a.scope.equals(b.scope);
                assertEquals(ab, b.scope.equals(a.scope), "symmetric");
                if (ab) {
                    assertEquals(a.scope.hashCode(), b.scope.hashCode(), () -> a + " vs " + b);
                    assertEquals(a.scope.regionRoots(), b.scope.regionRoots());
                    assertEquals(a.scope.departments(), b.scope.departments());
                }
            }
        }
        // Scopes built separately from equal inputs are equal (value semantics, not identity).
        assertEquals(DataScope.of(List.of(town(2), village(0, 0)), List.of("health")),
                DataScope.of(new ArrayList<>(List.of(village(0, 0), town(2))), new ArrayList<>(List.of("health"))));
        assertNotEquals(DataScope.ofRegion(town(2)), DataScope.of(List.of(town(2)), List.of("health")));
    }

    @Test
    void thePoolIsVaried() {
        // Guards the exhaustive tests against a degenerate pool.
        Set<Integer> rootCounts = new LinkedHashSet<>();
        Set<Integer> departmentCounts = new LinkedHashSet<>();
        for (Case c : POOL) {
            rootCounts.add(c.scope.regionRoots().size());
            departmentCounts.add(c.scope.departments().size());
        }
        assertTrue(rootCounts.containsAll(List.of(0, 1, 2, 3)), rootCounts::toString);
        assertTrue(departmentCounts.containsAll(List.of(0, 1, 2)), departmentCounts::toString);
        long distinct = POOL.stream().map(Case::scope).distinct().count();
        assertTrue(distinct > ALL.size(), "many different scopes: " + distinct);
    }
}
