package io.onegrid.api.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated party of a request: a person signed in with a password, a device or third-party system with an
 * API token, or OneGrid itself.
 *
 * @param name        user name, or the API token's name
 * @param displayName what the console shows
 * @param kind        who is behind it
 * @param userId      the account id, {@code null} for API tokens and the system
 * @param roles       role names
 * @param permissions named permissions granted by the roles (or the token)
 * @param scope       what the caller may see and change
 */
public record Caller(String name, String displayName, Kind kind, Long userId, Set<String> roles,
        Set<String> permissions, DataScope scope) {

    /** Who is behind a caller. */
    public enum Kind { USER, API_TOKEN, SYSTEM }

    /** OneGrid itself (timers, imports at start); sees everything and holds every permission. */
    public static final Caller SYSTEM = new Caller("system", "OneGrid", Kind.SYSTEM, null, Set.of(), Set.of("*"),
            DataScope.unrestricted());

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        Objects.requireNonNull(scope, "scope");
    }

    public boolean hasPermission(String permission) {
        return permissions.contains("*") || permissions.contains(permission);
    }
}
