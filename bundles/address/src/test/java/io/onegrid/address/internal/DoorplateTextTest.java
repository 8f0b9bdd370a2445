package io.onegrid.address.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DoorplateTextTest {

    @Test
    void theVillageNameIsNamedOnce() {
        assertEquals("柳树村一组1号", DoorplateService.withVillage("柳树村", "一组1号"));
        assertEquals("柳树村一组1号", DoorplateService.withVillage("柳树村", "柳树村一组1号"));
        assertEquals("柳树村", DoorplateService.withVillage("柳树村", null));
        assertEquals("一组1号", DoorplateService.withVillage(null, "一组1号"));
    }
}
