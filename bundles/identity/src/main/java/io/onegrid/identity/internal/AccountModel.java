package io.onegrid.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The records the account API reads and answers. */
public final class AccountModel {

    private AccountModel() {
    }

    /** An account as the API shows it; never carries the password hash. */
    public record User(long id, String username, String displayName, String phone, String regionCode,
            String departmentCode, Set<String> roles, boolean enabled, Instant lockedUntil, Instant createdAt,
            long version) {
    }

    /** Body of {@code POST /users}. */
    public record NewUser(String username, String displayName, String phone, String password, String regionCode,
            String departmentCode, Set<String> roles) {
    }

    /** Body of {@code PUT /users/{id}}: members left out stay as they are. */
    public record UserChange(String displayName, String phone, String regionCode, String departmentCode, Set<String> roles,
            Boolean enabled, String password, Long version) {
    }

    /** Body of {@code POST /auth/login}. */
    public record Login(String username, String password) {
    }

    /** Answer of a successful sign-in: the bearer token, shown once. */
    public record Session(String token, Instant expiresAt, User user) {
    }

    /** An API token as listed; the token itself is never shown again. */
    public record ApiToken(long id, String name, String regionCode, String departmentCode, Set<String> permissions,
            String createdBy, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    /** Body of {@code POST /tokens}. */
    public record NewApiToken(String name, String regionCode, String departmentCode, Set<String> permissions,
            Integer validDays) {
    }

    /** Answer of {@code POST /tokens}: the token, shown once. */
    public record IssuedToken(String token, ApiToken info) {
    }

    /** The caller's scope as {@code GET /me} shows it. */
    public record Scope(boolean unrestricted, List<String> regions, List<String> departments) {
    }

    /** Answer of {@code GET /me}. */
    public record Me(String name, String displayName, String kind, Long userId, Set<String> roles, Set<String> permissions,
            Scope scope) {
    }
}
