package io.onegrid.persistence.api;

import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.Query;

/**
 * The JPQL condition that limits a query to a caller's {@link DataScope}: {@code region LIKE 'prefix%'} for each
 * visible subtree, {@code department IN (...)} for the visible departments. Every list query of a scoped entity is
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
                String name = "scopeRegion" + i++;
                terms.add(regionPath + " LIKE :" + name);
                params.put(name, root.prefix() + "%");
            }
        }
        if (departmentPath != null && !scope.departments().isEmpty()) {
            terms.add(departmentPath + " IN :scopeDepartments");
            params.put("scopeDepartments", List.copyOf(scope.departments()));
        }
        return terms.isEmpty() ? new ScopeFilter("(1 = 0)", Map.of())
                : new ScopeFilter("(" + String.join(" OR ", terms) + ")", params);
    }

    /** Binds the filter's parameters to a query built with {@link #jpql()}. */
    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }
}
