package io.onegrid.address.internal.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.collect.FormSharing.Right;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The three-level sharing rule, root by root. */
class FormSharingTest {

    /** A town form: grids and villages submit, villages read. */
    private static final FormSharing TOWN_FORM = new FormSharing(RegionCode.parse("370399101000"),
            List.of(RegionLevel.GRID, RegionLevel.VILLAGE), List.of(RegionLevel.VILLAGE));

    @ParameterizedTest(name = "{0}: entry {1}, query {2}")
    @CsvSource({
        "370399000000,    false, true",   // the county above: oversight only
        "370399101000,    true,  true",   // the owner itself
        "370399101201,    true,  true",   // a village of the town
        "370399101201001, true,  false",  // a grid of the town
        "37039910120100101, true, false", // a micro-grid counts as a grid
        "370399001000,    false, false",  // another town
        "370399001001001, false, false",  // a grid of another town
    })
    void eachRootGetsTheRightsOfItsPlace(String root, boolean entry, boolean query) {
        assertEquals(entry, TOWN_FORM.grants(RegionCode.parse(root), Right.ENTRY));
        assertEquals(query, TOWN_FORM.grants(RegionCode.parse(root), Right.QUERY));
    }

    @Test
    void recordsAreLimitedToTheRootsThatHoldTheRight() {
        Caller both = new Caller("x", "x", Caller.Kind.USER, 1L, Set.of(), Set.of(), DataScope.of(List.of(
                RegionCode.parse("370399101201001"), RegionCode.parse("370399101202")), List.of()));
        assertEquals(DataScope.ofRegion(RegionCode.parse("370399101202")), TOWN_FORM.scopeFor(both, Right.QUERY));
        assertEquals(2, TOWN_FORM.scopeFor(both, Right.ENTRY).regionRoots().size());
        Caller department = new Caller("w", "w", Caller.Kind.USER, 1L, Set.of(), Set.of(),
                DataScope.ofDepartment("water"));
        assertFalse(TOWN_FORM.visibleTo(department));
        assertTrue(TOWN_FORM.visibleTo(Caller.SYSTEM));
    }

    @Test
    void levelsAreStoredSoThatOneLikeFindsThem() {
        assertEquals(",village,grid,", TOWN_FORM.entryColumn());
        assertEquals(",village,", TOWN_FORM.queryColumn());
        FormSharing none = new FormSharing(RegionCode.parse("370399000000"), List.of(), List.of());
        assertEquals(",", none.entryColumn());
        FormSharing back = FormSharing.stored("370399101000", ",village,grid,", ",village,");
        assertEquals(List.of("village", "grid"), back.entryNames());
        assertEquals(List.of("village"), back.queryNames());
    }

    @Test
    void sharingListsNameLevelsBelowTheOwner() {
        assertEquals(List.of(), FormSharing.check("370399000000", List.of("town", "village", "grid"), List.of(),
                "/sharing", Locale.ENGLISH));
        assertEquals(List.of("/sharing/entry/0", "/sharing/query/1"), FormSharing.check("370399101201",
                List.of("village"), List.of("grid", "county"), "/sharing", Locale.ENGLISH).stream()
                .map(v -> v.field()).toList());
        assertEquals(List.of("/ownerRegion"), FormSharing.check("370399101201001", List.of("grid"), null,
                "/sharing", Locale.ENGLISH).stream().map(v -> v.field()).toList());
    }
}
