package io.onegrid.api.region;

/** The five levels of the governance tree, from the top. */
public enum RegionLevel {
    /** 县 (or county-level city / district): 6 significant digits of a 12-digit code. */
    COUNTY(6),
    /** 镇, 乡 or 街道: 9 significant digits. */
    TOWN(9),
    /** 村 (villagers' committee) or 社区 (residents' committee): 12 digits. */
    VILLAGE(12),
    /** 网格: the village code and 3 more digits. */
    GRID(15),
    /** 微网格: the grid code and 2 more digits. */
    MICROGRID(17);

    private final int significantDigits;

    RegionLevel(int significantDigits) {
        this.significantDigits = significantDigits;
    }

    /** How many leading digits of a code identify a region at this level. */
    public int significantDigits() {
        return significantDigits;
    }

    /** The level directly above, or {@code null} for a county. */
    public RegionLevel parent() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }
}
