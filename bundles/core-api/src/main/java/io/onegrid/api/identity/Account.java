package io.onegrid.api.identity;

import java.util.Set;

/**
 * An operator account as other bundles see it (routing finds the grid worker of a grid through it).
 *
 * @param regionCode     the node of the tree the account works in (its data scope), or {@code null}
 * @param departmentCode its department, or {@code null}
 */
public record Account(long id, String username, String displayName, String regionCode, String departmentCode,
        Set<String> roles, boolean enabled) {

    public Account {
        roles = Set.copyOf(roles);
    }
}
