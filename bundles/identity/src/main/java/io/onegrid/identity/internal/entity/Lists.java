package io.onegrid.identity.internal.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Name lists stored in one column as {@code ,a,b,}: the surrounding commas let {@code LIKE '%,a,%'} match whole
 * names only.
 */
public final class Lists {

    private Lists() {
    }

    public static String join(Collection<String> names) {
        return names.isEmpty() ? "," : "," + String.join(",", names) + ",";
    }

    public static List<String> split(String column) {
        List<String> names = new ArrayList<>();
        if (column != null) {
            for (String part : column.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        return names;
    }

    /** The LIKE pattern that finds {@code name} in such a column. */
    public static String containing(String name) {
        return "%," + name + ",%";
    }
}
