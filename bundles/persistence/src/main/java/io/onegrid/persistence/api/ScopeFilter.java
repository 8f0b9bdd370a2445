package io.onegrid.persistence.api;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.Query;

/**
 * The JPQL condition that limits a query to a caller's {@link DataScope}: a range of region codes for each visible
 * subtree ({@code region >= '370322101' AND region < '370322102'}), {@code department IN (...)} for the visible
 * departments. Ranges rather than {@code LIKE 'prefix%'}: databases (Derby above all) use an index for a range of
 * bound parameters but not for a {@code LIKE} parameter, and a scoped list over a million rows depends on it. Every list query of a scoped entity is
 * built through {@link #where}, so that a bundle cannot forget the scope: an empty scope matches nothing.
 *
 * <pre>{@code
 * ScopeFilter f = ScopeFilter.where(caller.scope(), "u.regionCode", "u.departmentCode");
 * em.createQuery("SELECT u FROM UserEntity u WHERE " + f.jpql() + " ORDER BY u.username", UserEntity.class)
 * }</pre>
 *
 * @param jpql       the condition, in parentheses
 * @param parameters its named parameters; bind them with {@link #bind(Query)}
 */
public record ScopeFilter(String jpql, Map<String, Object> parameters) {

    /**
     * @param regionPath     JPQL path of the item's region code (12-17 digits), or {@code null} if it has none
     * @param departmentPath JPQL path of the item's department code, or {@code null} if it has none
     */
    public static ScopeFilter where(DataScope scope, String regionPath, String departmentPath) {
        if (scope.isUnrestricted()) {
            return new ScopeFilter("(1 = 1)", Map.of());
        }
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (regionPath != null) {
            int i = 0;
            for (RegionCode root : scope.regionRoots()) {
                terms.add(prefixRange(regionPath, "scopeRegion" + i++, root.prefix(), params));
            }
        }
        if (departmentPath != null && !scope.departments().isEmpty()) {
            terms.add(departmentPath + " IN :scopeDepartments");
            params.put("scopeDepartments", List.copyOf(scope.departments()));
        }
        return terms.isEmpty() ? new ScopeFilter("(1 = 0)", Map.of())
                : new ScopeFilter("(" + String.join(" OR ", terms) + ")", params);
    }

    /**
     * The JPQL condition "{@code path} starts with {@code digits}" as an index-friendly range: {@code path >= :name}
     * and, unless the prefix is all nines, {@code path < :nameEnd} (the prefix with its last digit that is not a nine
     * increased, and what follows dropped). For codes made of ASCII digits, which compare alike under every collation.
     *
     * @param params receives the parameters {@code name} and {@code nameEnd}
     * @throws IllegalArgumentException if {@code digits} is empty or not all ASCII digits
     */
    public static String prefixRange(String path, String name, String digits, Map<String, Object> params) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("a prefix of digits, not '" + digits + "'");
        }
        params.put(name, digits);
        int last = digits.length() - 1;
        while (last >= 0 && digits.charAt(last) == '9') {
            last--;
        }
        if (last < 0) {
            return path + " >= :" + name;
        }
        params.put(name + "End", digits.substring(0, last) + (char) (digits.charAt(last) + 1));
        return "(" + path + " >= :" + name + " AND " + path + " < :" + name + "End)";
    }

    /** Binds the filter's parameters to a query built with {@link #jpql()}. */
    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
