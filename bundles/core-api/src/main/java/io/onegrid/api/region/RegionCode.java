package io.onegrid.api.region;

import java.util.Objects;
import java.util.Optional;

/**
 * A code of the county &rarr; town &rarr; village &rarr; grid &rarr; micro-grid tree.
 *
 * <p>Counties, towns and villages use the 12-digit statistical division code (统计用区划代码): county 6 digits, town 3,
 * village 3, trailing groups zero for the upper levels ({@code 370322000000} county, {@code 370322101000} town,
 * {@code 370322101201} village). A grid appends 3 digits to its village's code (15 digits), a micro-grid 2 to its
 * grid's (17 digits).
 *
 * <p>Because a region's code starts with its ancestors' significant digits, "is X inside Y" is a prefix test, and
 * data-scope filters become {@code code LIKE 'prefix%'} on an indexed column.
 */
public final class RegionCode implements Comparable<RegionCode> {

    private final String value;
    private final RegionLevel level;

    private RegionCode(String value, RegionLevel level) {
        this.value = value;
        this.level = level;
    }

    /**
     * Parses a code, deriving its level from its length and zero groups.
     *
     * @throws IllegalArgumentException with a reason a person can act on, when the text is not a region code
     */
    public static RegionCode parse(String text) {
        Objects.requireNonNull(text, "region code");
        String code = text.strip();
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                throw new IllegalArgumentException("Region code must contain digits only: '" + text + "'");
            }
        }
        return switch (code.length()) {
            case 12 -> new RegionCode(code, statisticalLevel(code));
            case 15 -> {
                requireVillage(code.substring(0, 12), code);
                requireNonZero(code, 12, 15, "grid number");
                yield new RegionCode(code, RegionLevel.GRID);
            }
            case 17 -> {
                requireVillage(code.substring(0, 12), code);
                requireNonZero(code, 12, 15, "grid number");
                requireNonZero(code, 15, 17, "micro-grid number");
                yield new RegionCode(code, RegionLevel.MICROGRID);
            }
            default -> throw new IllegalArgumentException("Region code must have 12 digits (county, town, village), 15 "
                    + "(grid) or 17 (micro-grid), not " + code.length() + ": '" + text + "'");
        };
    }

    /** Like {@link #parse(String)} but answers empty instead of throwing. */
    public static Optional<RegionCode> tryParse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} parses as a region code. */
    public static boolean isValid(String text) {
        return tryParse(text).isPresent();
    }

    /** The 12-digit code of a county given its 6-digit GB/T 2260 code. */
    public static RegionCode ofCounty(String gbt2260) {
        if (gbt2260 == null || gbt2260.length() != 6) {
            throw new IllegalArgumentException("A county code (GB/T 2260) has 6 digits: '" + gbt2260 + "'");
        }
        return parse(gbt2260 + "000000");
    }

    private static RegionLevel statisticalLevel(String code) {
        requireNonZero(code, 0, 6, "county code");
        boolean townZero = code.startsWith("000", 6);
        boolean villageZero = code.startsWith("000", 9);
        if (townZero && !villageZero) {
            throw new IllegalArgumentException("A village code needs a town: digits 7-9 are 000 in '" + code + "'");
        }
        return townZero ? RegionLevel.COUNTY : villageZero ? RegionLevel.TOWN : RegionLevel.VILLAGE;
    }

    private static void requireVillage(String village, String whole) {
        if (statisticalLevel(village) != RegionLevel.VILLAGE) {
            throw new IllegalArgumentException("A grid code starts with a village's 12-digit code: '" + whole + "'");
        }
    }

    private static void requireNonZero(String code, int from, int to, String what) {
        for (int i = from; i < to; i++) {
            if (code.charAt(i) != '0') {
                return;
            }
        }
        throw new IllegalArgumentException("The " + what + " (digits " + (from + 1) + "-" + to + ") must not be all zero: '"
                + code + "'");
    }

    /** The code as written: 12, 15 or 17 digits. */
    public String value() {
        return value;
    }

    public RegionLevel level() {
        return level;
    }

    /** The leading digits that identify this region; every descendant's code starts with them. */
    public String prefix() {
        return value.substring(0, level.significantDigits());
    }

    /** The code of the region directly above, or empty for a county. */
    public Optional<RegionCode> parent() {
        return switch (level) {
            case COUNTY -> Optional.empty();
            case TOWN -> Optional.of(new RegionCode(value.substring(0, 6) + "000000", RegionLevel.COUNTY));
            case VILLAGE -> Optional.of(new RegionCode(value.substring(0, 9) + "000", RegionLevel.TOWN));
            case GRID -> Optional.of(new RegionCode(value.substring(0, 12), RegionLevel.VILLAGE));
            case MICROGRID -> Optional.of(new RegionCode(value.substring(0, 15), RegionLevel.GRID));
        };
    }

    /** This region's ancestor at {@code level}, itself at its own level; empty when {@code level} is below it. */
    public Optional<RegionCode> ancestorAt(RegionLevel target) {
        if (target.compareTo(level) > 0) {
            return Optional.empty();
        }
        RegionCode code = this;
        while (code.level != target) {
            code = code.parent().orElseThrow();
        }
        return Optional.of(code);
    }

    /** Whether {@code other} is this region or lies below it. */
    public boolean contains(RegionCode other) {
        return other.level.compareTo(level) >= 0 && other.value.startsWith(prefix());
    }

    /**
     * The kind of town from its 3 town digits: 001-099 sub-district (街道), 100-199 town (镇), 200-399 township (乡),
     * others town-like units (开发区 etc.); empty for a county.
     */
    public Optional<TownKind> townKind() {
        if (level == RegionLevel.COUNTY) {
            return Optional.empty();
        }
        int town = Integer.parseInt(value.substring(6, 9));
        return Optional.of(town < 100 ? TownKind.SUBDISTRICT : town < 200 ? TownKind.TOWN
                : town < 400 ? TownKind.TOWNSHIP : TownKind.OTHER);
    }

    @Override
    public int compareTo(RegionCode o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegionCode other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /** Kinds of town-level units, from the statistical town digits. */
    public enum TownKind { SUBDISTRICT, TOWN, TOWNSHIP, OTHER }
}
