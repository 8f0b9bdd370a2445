package io.onegrid.address.internal.doorplate;

/**
 * A person a resident can reach from a doorplate. Any part may be {@code null} or blank; the sheet prints what there is.
 *
 * @param role  what the person is for the village, as printed (e.g. {@link #VILLAGE_CADRE})
 * @param name  the person's name
 * @param phone the phone number, as it should be printed
 */
public record Contact(String role, String name, String phone) {

    /** 村干部. */
    public static final String VILLAGE_CADRE = "村干部";
    /** 民警: the community police officer. */
    public static final String POLICE_OFFICER = "民警";
    /** 农技员: the agricultural technician. */
    public static final String AGRICULTURAL_OFFICER = "农技员";
    /** 网格员. */
    public static final String GRID_WORKER = "网格员";

    /** Whether there is nothing worth printing: no name and no phone. */
    public boolean isEmpty() {
        return isBlank(name) && isBlank(phone);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
