package io.onegrid.api.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.region.RegionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressCodeTest {

    @Test
    void villageCodePlusEightDigitSequence() {
        RegionCode village = RegionCode.parse("370399101201");
        String code = AddressCode.of(village, 42);
        assertEquals("37039910120100000042", code);
        assertTrue(AddressCode.isValid(code));
        assertEquals(village, AddressCode.village(code).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3703991012010000004", "370399101201000000421", "37039910120100000000",
        "37039910100000000042", "3703991012010000004x"})
    void refusesWhatIsNotAnAddressCode(String code) {
        assertFalse(AddressCode.isValid(code), code);
    }

    @Test
    void onlyVillagesNumberAddresses() {
        assertThrows(IllegalArgumentException.class, () -> AddressCode.of(RegionCode.parse("370399101000"), 1));
        assertThrows(IllegalArgumentException.class, () -> AddressCode.of(RegionCode.parse("370399101201"), 0));
        assertThrows(IllegalArgumentException.class,
                () -> AddressCode.of(RegionCode.parse("370399101201"), 100_000_000L));
    }
}
