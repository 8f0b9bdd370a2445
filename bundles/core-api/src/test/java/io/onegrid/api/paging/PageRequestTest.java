package io.onegrid.api.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void offsetCountsFromPageOne() {
        assertEquals(0, PageRequest.first(20).offset());
        assertEquals(40, PageRequest.of(3, 20).offset());
    }

    @Test
    void refusesOutOfRangePages() {
        assertThrows(IllegalArgumentException.class, () -> PageRequest.of(0, 20));
        assertThrows(IllegalArgumentException.class, () -> PageRequest.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> PageRequest.of(1, PageRequest.MAX_SIZE + 1));
    }

    @Test
    void parsesSortKeys() {
        assertEquals(List.of(SortOrder.desc("createdAt"), SortOrder.asc("number")),
                SortOrder.parseList("-createdAt, +number"));
        assertEquals(List.of(), SortOrder.parseList("  "));
        assertThrows(IllegalArgumentException.class, () -> SortOrder.parseList("name;drop table"));
    }

    @Test
    void onlyAllowedPropertiesSort() {
        PageRequest request = PageRequest.of(1, 10, SortOrder.asc("secret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> request.requireSortableBy(Set.of("key", "updatedAt")));
        assertEquals("Cannot sort by 'secret'; sortable: [key, updatedAt]", e.getMessage());
    }

    @Test
    void pageCountsAndMaps() {
        Page<Integer> page = Page.of(List.of(1, 2), 41, PageRequest.of(1, 20));
        assertEquals(3, page.totalPages());
        assertEquals(List.of("1", "2"), page.map(String::valueOf).items());
        assertEquals(0, Page.of(List.of(), 0, PageRequest.first(20)).totalPages());
    }
}
