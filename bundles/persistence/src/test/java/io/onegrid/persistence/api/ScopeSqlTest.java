package io.onegrid.persistence.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeSqlTest {

    @Test
    void regionRangesWithPositionalParameters() {
        ScopeSql one = ScopeSql.where(DataScope.ofRegion(RegionCode.parse("370322101000")), "region_code");
        assertEquals("((region_code >= ? AND region_code < ?))", one.sql());
        assertEquals(List.of("370322101", "370322102"), one.parameters());
        ScopeSql two = ScopeSql.where(DataScope.of(List.of(RegionCode.parse("370322101201"),
                RegionCode.parse("370322102000")), List.of()), "r");
        assertEquals(4, two.parameters().size());
        assertEquals(2, two.sql().split(" OR ").length);
        assertEquals("(1 = 1)", ScopeSql.where(DataScope.unrestricted(), "r").sql());
        assertEquals("(1 = 0)", ScopeSql.where(DataScope.ofDepartment("water"), "r").sql(), "regions only");
    }
}
