package io.onegrid.api.address;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import java.util.Optional;

/**
 * The standard address code (标准地址码): the 12-digit code of the village or community followed by an 8-digit
 * sequence. It never changes when a grid is redrawn or a road renamed, so doorplates printed once stay valid.
 */
public final class AddressCode {

    public static final int LENGTH = 20;

    private AddressCode() {
    }

    /** Whether {@code code} has 20 digits and starts with a valid village code and a non-zero sequence. */
    public static boolean isValid(String code) {
        return village(code).isPresent() && !code.endsWith("00000000");
    }

    /** The village part of an address code, when it is one. */
    public static Optional<RegionCode> village(String code) {
        if (code == null || code.length() != LENGTH || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return RegionCode.tryParse(code.substring(0, 12)).filter(r -> r.level() == RegionLevel.VILLAGE);
    }

    /** The code of the {@code sequence}-th address of a village. */
    public static String of(RegionCode village, long sequence) {
        if (village.level() != RegionLevel.VILLAGE) {
            throw new IllegalArgumentException("Address codes start with a village's code, not " + village);
        }
        if (sequence < 1 || sequence > 99_999_999L) {
            throw new IllegalArgumentException("The sequence of an address code is 1 to 99999999, not " + sequence);
        }
        return village.value() + String.format("%08d", sequence);
    }
}
