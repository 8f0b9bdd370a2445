package io.onegrid.api.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sort key: a property name and a direction. The text form is {@code name} (ascending) or {@code -name}
 * (descending); several keys are separated by commas: {@code -createdAt,number}.
 */
public record SortOrder(String property, boolean descending) {

    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

    public SortOrder {
        Objects.requireNonNull(property, "property");
        if (!PROPERTY.matcher(property).matches()) {
            throw new IllegalArgumentException("Not a sortable property name: '" + property + "'");
        }
    }

    public static SortOrder asc(String property) {
        return new SortOrder(property, false);
    }

    public static SortOrder desc(String property) {
        return new SortOrder(property, true);
    }

    /** Parses {@code -createdAt,number}; blank text gives no keys. */
    public static List<SortOrder> parseList(String text) {
        List<SortOrder> orders = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return orders;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.startsWith("-")) {
                orders.add(desc(p.substring(1)));
            } else {
                orders.add(asc(p.startsWith("+") ? p.substring(1) : p));
            }
        }
        return orders;
    }

    @Override
    public String toString() {
        return descending ? "-" + property : property;
    }
}
