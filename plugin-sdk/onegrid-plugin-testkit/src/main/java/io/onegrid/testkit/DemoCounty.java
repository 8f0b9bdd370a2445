package io.onegrid.testkit;

/**
 * The small county the distribution boots with (feature {@code onegrid-demo}): 示范县 with two towns, six villages and
 * twenty grids. Tests use these codes instead of importing a county of their own.
 */
public final class DemoCounty {

    /** 示范县, the county. */
    public static final String COUNTY = "370399000000";
    /** 青石镇, town 1 (rural). */
    public static final String TOWN1 = "370399101000";
    /** 东城街道, town 2 (urban). */
    public static final String TOWN2 = "370399001000";
    /** 柳树村, the first village of town 1. */
    public static final String VILLAGE1 = "370399101201";
    /** 桃园村, the second village of town 1. */
    public static final String VILLAGE2 = "370399101202";
    /** 柳树村第一网格, gridworker1's grid. */
    public static final String GRID1 = "370399101201001";
    /** 桃园村第一网格, gridworker2's grid. */
    public static final String GRID2 = "370399101202001";
    /** The first house of {@link #GRID1}'s village, a 20-digit standard address code. */
    public static final String HOUSE1 = "37039910120100000001";
    /** The water bureau's department code (water1 handles its items). */
    public static final String WATER_DEPARTMENT = "water";
    /** The password of every demo account. */
    public static final String PASSWORD = "onegrid-demo";

    private DemoCounty() {
    }
}
