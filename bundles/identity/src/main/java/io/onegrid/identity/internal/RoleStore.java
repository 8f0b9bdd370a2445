package io.onegrid.identity.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.identity.internal.entity.RoleEntity;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Roles and their permissions. Sign-in resolves permissions on every request, so they are cached for a few seconds;
 * a change made on this node clears the cache at once, one made on another node shows within {@link #CACHE_MILLIS}.
 */
final class RoleStore {

    /** One role as the API shows it. */
    public record Role(String name, String titleZh, String titleEn, Set<String> permissions) {
    }

    static final long CACHE_MILLIS = 5_000;
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    static final Pattern PERMISSION = Pattern.compile("\\*|[a-z0-9]+(\\.[a-z0-9-]+)+");

    private final JpaTransactions jpa;
    private volatile Map<String, Role> cache = Map.of();
    private volatile long loadedAt;

    RoleStore(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    Map<String, Role> all() {
        if (System.currentTimeMillis() - loadedAt > CACHE_MILLIS) {
            Map<String, Role> roles = new TreeMap<>();
            jpa.read(em -> em.createQuery("SELECT r FROM RoleEntity r", RoleEntity.class).getResultList())
                    .forEach(r -> roles.put(r.name(), toRecord(r)));
            cache = roles;
            loadedAt = System.currentTimeMillis();
        }
        return cache;
    }

    /** The union of the roles' permissions; unknown role names grant nothing. */
    Set<String> permissionsOf(Set<String> roleNames) {
        Set<String> permissions = new LinkedHashSet<>();
        Map<String, Role> roles = all();
        for (String name : roleNames) {
            Role role = roles.get(name);
            if (role != null) {
                permissions.addAll(role.permissions());
            }
        }
        return permissions;
    }

    /** Refuses granting roles the caller could not exercise itself (no escalation through delegation). */
    void requireGrantable(Caller caller, Set<String> roleNames, List<Violation> errors) {
        Map<String, Role> roles = all();
        for (String name : roleNames) {
            Role role = roles.get(name);
            if (role == null) {
                errors.add(Violation.ofField("/roles", "no role '" + name + "'; roles: " + roles.keySet()));
            } else if (!caller.hasPermission("*")) {
                for (String permission : role.permissions()) {
                    if (!caller.hasPermission(permission)) {
                        errors.add(Violation.ofField("/roles", "you cannot grant '" + name + "': it holds '"
                                + permission + "', which you do not"));
                        break;
                    }
                }
            }
        }
    }

    Role save(Caller caller, Role role, boolean create) {
        Access.require(caller, Permissions.ROLE_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (role.name() == null || !NAME.matcher(role.name()).matches()) {
            errors.add(Violation.ofField("/name", "lower-case letters, digits and dashes, 2 to 64"));
        }
        if (blank(role.titleZh()) || blank(role.titleEn())) {
            errors.add(Violation.ofField("/titleZh", "titles in Chinese and English are required"));
        }
        Set<String> permissions = role.permissions() == null ? Set.of() : role.permissions();
        for (String p : permissions) {
            if (!PERMISSION.matcher(p).matches()) {
                errors.add(Violation.ofField("/permissions", "'" + p + "' is not a permission name like region.read"));
            } else if (!caller.hasPermission(p)) {
                errors.add(Violation.ofField("/permissions", "you cannot grant '" + p + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The role was not saved", errors);
        }
        Role saved = jpa.inTransaction(em -> {
            RoleEntity entity = em.find(RoleEntity.class, role.name());
            if (create && entity != null) {
                throw ProblemException.conflict("Role '" + role.name() + "' exists already");
            }
            if (!create && entity == null) {
                throw ProblemException.notFound("No role '" + role.name() + "'");
            }
            if (entity == null) {
                entity = new RoleEntity(role.name(), role.titleZh(), role.titleEn(), permissions);
                em.persist(entity);
            } else {
                entity.change(role.titleZh(), role.titleEn(), permissions);
            }
            return toRecord(entity);
        });
        loadedAt = 0;
        return saved;
    }

    List<Role> list(PageRequest ignored) {
        return new ArrayList<>(all().values());
    }

    private static Role toRecord(RoleEntity r) {
        return new Role(r.name(), r.titleZh(), r.titleEn(), r.permissions());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
