package io.onegrid.api.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegionCodeTest {

    @ParameterizedTest
    @CsvSource({
        "131025000000, COUNTY",
        "131025105000, TOWN",
        "131025105201, VILLAGE",
        "131025105201001, GRID",
        "13102510520100107, MICROGRID"})
    void derivesLevelFromDigits(String code, RegionLevel level) {
        assertEquals(level, RegionCode.parse(code).level());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "13102510520", "1310251052011", "13102510520100", "1310251052010010",
        "13102510520a", "000000000000", "131025000201", "131025105201000", "13102510520100100",
        "131025105000001", "131025000000001"})
    void refusesMalformedCodes(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegionCode.parse(code));
        assertTrue(e.getMessage().contains(code), "the message names the bad code: " + e.getMessage());
        assertFalse(RegionCode.isValid(code));
    }

    @Test
    void walksUpTheTree() {
        RegionCode micro = RegionCode.parse("13102510520100107");
        List<String> chain = new java.util.ArrayList<>();
        for (Optional<RegionCode> c = Optional.of(micro); c.isPresent(); c = c.get().parent()) {
            chain.add(c.get().value());
        }
        assertEquals(List.of("13102510520100107", "131025105201001", "131025105201", "131025105000", "131025000000"),
                chain);
        assertEquals("131025105000", micro.ancestorAt(RegionLevel.TOWN).orElseThrow().value());
        assertTrue(RegionCode.parse("131025105000").ancestorAt(RegionLevel.GRID).isEmpty());
    }

    @Test
    void containmentIsSubtreeMembership() {
        RegionCode county = RegionCode.parse("131025000000");
        RegionCode town = RegionCode.parse("131025105000");
        RegionCode otherTown = RegionCode.parse("131025106000");
        RegionCode village = RegionCode.parse("131025105201");
        RegionCode grid = RegionCode.parse("131025105201001");
        RegionCode otherGrid = RegionCode.parse("131025105201002");
        assertTrue(county.contains(grid));
        assertTrue(town.contains(village));
        assertTrue(town.contains(town));
        assertFalse(otherTown.contains(village));
        assertFalse(grid.contains(village), "a child never contains its parent");
        assertFalse(grid.contains(otherGrid));
        assertFalse(village.contains(RegionCode.parse("131025105202001")));
    }

    @Test
    void prefixMatchesOnlyDescendants() {
        assertEquals("131025105", RegionCode.parse("131025105000").prefix());
        assertEquals("131025", RegionCode.ofCounty("131025").prefix());
    }

    @Test
    void classifiesTownsByTheirDigits() {
        assertEquals(RegionCode.TownKind.SUBDISTRICT, RegionCode.parse("370322001000").townKind().orElseThrow());
        assertEquals(RegionCode.TownKind.TOWN, RegionCode.parse("370322101000").townKind().orElseThrow());
        assertEquals(RegionCode.TownKind.TOWNSHIP, RegionCode.parse("370322201000").townKind().orElseThrow());
        assertEquals(RegionCode.TownKind.OTHER, RegionCode.parse("370322401000").townKind().orElseThrow());
        assertTrue(RegionCode.ofCounty("370322").townKind().isEmpty());
    }

    @Test
    void valueSemantics() {
        assertEquals(RegionCode.parse(" 131025105201 "), RegionCode.parse("131025105201"));
        assertEquals(RegionCode.parse("131025105201").hashCode(), RegionCode.parse("131025105201").hashCode());
    }
}
