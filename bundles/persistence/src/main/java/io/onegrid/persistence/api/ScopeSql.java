package io.onegrid.persistence.api;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL form of {@link ScopeFilter}'s region ranges, for tables read with JDBC: one
 * {@code (column >= ? AND column < ?)} per visible subtree, so that the region index is used. Only the region
 * column: a department-only scope sees nothing (for tables whose rows belong to regions only, such as devices).
 *
 * @param sql        the condition, in parentheses
 * @param parameters its positional parameters
 */
public record ScopeSql(String sql, List<String> parameters) {

    public static ScopeSql where(DataScope scope, String column) {
        if (scope.isUnrestricted()) {
            return new ScopeSql("(1 = 1)", List.of());
        }
        List<String> terms = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (RegionCode root : scope.regionRoots()) {
            String end = ScopeFilter.prefixEnd(root.prefix());
            params.add(root.prefix());
            if (end == null) {
                terms.add(column + " >= ?");
            } else {
                terms.add("(" + column + " >= ? AND " + column + " < ?)");
                params.add(end);
            }
        }
        return terms.isEmpty() ? new ScopeSql("(1 = 0)", List.of())
                : new ScopeSql("(" + String.join(" OR ", terms) + ")", List.copyOf(params));
    }
}
