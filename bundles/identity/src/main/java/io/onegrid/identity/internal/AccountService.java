package io.onegrid.identity.internal;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Account;
import io.onegrid.api.identity.AccountDirectory;
import io.onegrid.api.identity.NewAccount;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.Roles;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Authenticator;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.identity.internal.AccountModel.ApiToken;
import io.onegrid.identity.internal.AccountModel.IssuedToken;
import io.onegrid.identity.internal.AccountModel.NewApiToken;
import io.onegrid.identity.internal.AccountModel.NewUser;
import io.onegrid.identity.internal.AccountModel.Session;
import io.onegrid.identity.internal.AccountModel.User;
import io.onegrid.identity.internal.AccountModel.UserChange;
import io.onegrid.identity.internal.entity.DepartmentEntity;
import io.onegrid.identity.internal.entity.RegionEntity;
import io.onegrid.identity.internal.entity.TokenEntity;
import io.onegrid.identity.internal.entity.UserEntity;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts, sign-in, sessions and API tokens. Every change of rights and every sign-in, failed or not, goes to the
 * audit log.
 */
@Component(service = {AccountService.class, Authenticator.class, AccountDirectory.class},
        configurationPid = "io.onegrid.identity")
@Designate(ocd = IdentityConfig.class)
public final class AccountService implements Authenticator, AccountDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final Pattern PHONE = Pattern.compile("[0-9+ -]{3,32}");
    static final Pattern TOKEN_NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,100}");
    static final Set<String> USER_SORT = Set.of("username", "displayName", "regionCode", "createdAt");

    private final JpaTransactions jpa;
    private final AuditLog audit;
    private final RoleStore roles;
    private volatile IdentityConfig config;
    private volatile PasswordHasher hasher;

    @Activate
    public AccountService(@Reference(target = "(osgi.unit.name=onegrid-identity)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=identity)") ModuleSchema schema,
            @Reference AuditLog audit, IdentityConfig config) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.roles = new RoleStore(jpa);
        modified(config);
        createFirstAdmin(config);
    }

    @Modified
    void modified(IdentityConfig newConfig) {
        this.config = newConfig;
        this.hasher = new PasswordHasher(newConfig.passwordIterations());
    }

    RoleStore roles() {
        return roles;
    }

    // ---- sign-in ---------------------------------------------------------------------------------------------

    Session login(String username, String password, String address) {
        if (username == null || password == null || username.isBlank()) {
            throw ProblemException.badRequest("Give a username and a password");
        }
        Date now = new Date();
        UserEntity user = findByUsername(username.strip());
        if (user == null) {
            hasher.burn(password);
            // The name is the attacker's input: record a harmless form of it, so the audit write cannot be refused.
            String shown = printable(username);
            audit(shown, "auth.login-failed", "user:" + shown, "unknown user name", address);
            throw wrongCredentials();
        }
        if (user.lockedUntil() != null && user.lockedUntil().after(now)) {
            audit(username, "auth.login-refused", "user:" + username, "locked until " + user.lockedUntil().toInstant(),
                    address);
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many failed sign-ins; try again after "
                    + user.lockedUntil().toInstant(), Map.of("lockedUntil", user.lockedUntil().toInstant().toString()),
                    null);
        }
        if (!hasher.verify(password, user.passwordHash()) || !user.enabled()) {
            boolean locked = jpa.inTransaction(em -> {
                UserEntity u = em.find(UserEntity.class, user.id());
                int failures = u.failedLogins() + 1;
                if (failures >= config.maxFailedLogins()) {
                    u.failedLogins(0);
                    u.lockedUntil(Date.from(Instant.now().plus(Duration.ofMinutes(config.lockoutMinutes()))));
                    return true;
                }
                u.failedLogins(failures);
                return false;
            });
            audit(username, locked ? "auth.locked" : "auth.login-failed", "user:" + username,
                    user.enabled() ? "wrong password" : "account disabled", address);
            throw wrongCredentials();
        }
        String token = Tokens.newToken();
        Date expires = Date.from(Instant.now().plus(Duration.ofMinutes(config.sessionMinutes())));
        User signedIn = jpa.inTransaction(em -> {
            UserEntity u = em.find(UserEntity.class, user.id());
            u.failedLogins(0);
            u.lockedUntil(null);
            if (hasher.needsRehash(u.passwordHash())) {
                u.passwordHash(hasher.hash(password));
            }
            TokenEntity session = new TokenEntity(Tokens.hash(token), TokenEntity.SESSION, "session of " + username,
                    u.username(), now, expires);
            session.userId(u.id());
            em.persist(session);
            return toUser(u);
        });
        audit(signedIn.username(), "auth.login", "user:" + signedIn.username(), null, address);
        return new Session(token, expires.toInstant(), signedIn);
    }

    private static ProblemException wrongCredentials() {
        return new ProblemException(ProblemType.UNAUTHORIZED, "Wrong user name or password");
    }

    void logout(Caller caller, String token, String address) {
        jpa.run(em -> findToken(em, token).ifPresent(t -> t.revoke(new Date())));
        audit(caller.name(), "auth.logout", "user:" + caller.name(), null, address);
    }

    @Override
    public Optional<Caller> authenticate(String token) {
        if (token == null || !token.startsWith("og_") || token.length() > 100) {
            return Optional.empty();
        }
        return jpa.read(em -> {
            Date now = new Date();
            Optional<TokenEntity> found = findToken(em, token).filter(t -> t.usableAt(now));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            TokenEntity t = found.get();
            if (TokenEntity.API.equals(t.kind())) {
                return Optional.of(new Caller(t.name(), t.name(), Caller.Kind.API_TOKEN, null, Set.of(),
                        t.permissions(), scopeOf(t.regionCode(), t.departmentCode(), false)));
            }
            UserEntity u = em.find(UserEntity.class, t.userId());
            if (u == null || !u.enabled()) {
                return Optional.empty();
            }
            return Optional.of(callerOf(u));
        });
    }

    Caller callerOf(UserEntity u) {
        Set<String> roleNames = u.roles();
        return new Caller(u.username(), u.displayName(), Caller.Kind.USER, u.id(), roleNames,
                roles.permissionsOf(roleNames), scopeOf(u.regionCode(), u.departmentCode(),
                        roleNames.contains(Roles.COUNTY_ADMIN)));
    }

    /** A county admin without a region administers the whole installation; anyone else sees their node. */
    static DataScope scopeOf(String region, String department, boolean installationAdmin) {
        if (region == null && installationAdmin) {
            return DataScope.unrestricted();
        }
        List<RegionCode> regions = region == null ? List.of() : List.of(RegionCode.parse(region));
        return DataScope.of(regions, department == null ? List.of() : List.of(department));
    }

    private static Optional<TokenEntity> findToken(EntityManager em, String token) {
        return em.createQuery("SELECT t FROM TokenEntity t WHERE t.tokenHash = :h", TokenEntity.class)
                .setParameter("h", Tokens.hash(token)).getResultList().stream().findFirst();
    }

    // ---- accounts --------------------------------------------------------------------------------------------

    Page<User> listUsers(Caller caller, String text, PageRequest page) {
        Access.require(caller, Permissions.USER_READ);
        page.requireSortableBy(USER_SORT);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "u.regionCode", "u.departmentCode");
        String where = scope.jpql() + (text == null || text.isBlank() ? ""
                : " AND (LOWER(u.username) LIKE :lower ESCAPE '\\' OR u.displayName LIKE :text ESCAPE '\\')");
        String order = page.sort().isEmpty() ? "u.username" : String.join(", ", page.sort().stream()
                .map(s -> "u." + s.property() + (s.descending() ? " DESC" : "")).toList());
        return jpa.read(em -> {
            TypedQuery<Long> count = scope.bind(em.createQuery("SELECT COUNT(u) FROM UserEntity u WHERE " + where,
                    Long.class));
            TypedQuery<UserEntity> query = scope.bind(em.createQuery("SELECT u FROM UserEntity u WHERE " + where
                    + " ORDER BY " + order, UserEntity.class));
            if (text != null && !text.isBlank()) {
                String pattern = LikePatterns.containing(text.strip());
                String lower = pattern.toLowerCase(java.util.Locale.ROOT);
                count.setParameter("text", pattern).setParameter("lower", lower);
                query.setParameter("text", pattern).setParameter("lower", lower);
            }
            List<User> items = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList().stream().map(AccountService::toUser).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    @Override
    public Optional<Account> findByUsername(Caller caller, String username) {
        Access.require(caller, Permissions.USER_READ);
        return Optional.ofNullable(findByUsername(username)).filter(u -> visible(caller, u)).map(AccountService::toAccount);
    }

    @Override
    public List<Account> withRole(Caller caller, String regionCode, String role) {
        Access.require(caller, Permissions.USER_READ);
        return jpa.read(em -> em.createQuery("SELECT u FROM UserEntity u WHERE u.regionCode = :r AND u.enabled = TRUE"
                        + " AND u.roles LIKE :role ORDER BY u.username", UserEntity.class)
                .setParameter("r", regionCode).setParameter("role", io.onegrid.identity.internal.entity.Lists
                        .containing(role)).getResultList())
                .stream().filter(u -> visible(caller, u)).map(AccountService::toAccount).toList();
    }

    @Override
    public Account create(Caller caller, NewAccount account) {
        User created = createUser(caller, new NewUser(account.username(), account.displayName(), account.phone(),
                account.password(), account.regionCode(), account.departmentCode(), account.roles()), null);
        return new Account(created.id(), created.username(), created.displayName(), created.regionCode(),
                created.departmentCode(), created.roles(), created.enabled());
    }

    private static Account toAccount(UserEntity u) {
        return new Account(u.id(), u.username(), u.displayName(), u.regionCode(), u.departmentCode(), u.roles(),
                u.enabled());
    }

    /** What {@code onegrid:user-list} shows; the shell runs with the system's rights. */
    public record Row(long id, String username, String displayName, String regionCode, String departmentCode,
            Set<String> roles, boolean enabled) {
    }

    public Page<Row> listUsersForShell(String text, PageRequest page) {
        return listUsers(Caller.SYSTEM, text, page).map(u -> new Row(u.id(), u.username(), u.displayName(),
                u.regionCode(), u.departmentCode(), u.roles(), u.enabled()));
    }

    Optional<User> findUser(Caller caller, long id) {
        Access.require(caller, Permissions.USER_READ);
        return jpa.read(em -> Optional.ofNullable(em.find(UserEntity.class, id))
                .filter(u -> visible(caller, u)).map(AccountService::toUser));
    }

    /** Creates an account inside the caller's scope with roles the caller could exercise itself. */
    User createUser(Caller caller, NewUser body, String address) {
        Access.require(caller, Permissions.USER_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            errors.add(Violation.ofField("/username", "2 to 64 lower-case letters, digits, '.', '_' or '-'"));
        }
        String policy = PasswordHasher.checkPolicy(body.username(), body.password());
        if (policy != null) {
            errors.add(Violation.ofField("/password", policy));
        }
        Set<String> roleNames = body.roles() == null ? Set.of() : new LinkedHashSet<>(body.roles());
        checkProfile(caller, body.displayName(), body.phone(), body.regionCode(), body.departmentCode(), roleNames,
                errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The account was not created", errors);
        }
        String hash = hasher.hash(body.password());
        User created = jpa.inTransaction(em -> {
            if (findByUsername(em, body.username()) != null) {
                throw ProblemException.conflict("The user name '" + body.username() + "' is taken");
            }
            UserEntity u = new UserEntity(body.username(), hash, new Date());
            u.displayName(body.displayName().strip());
            u.phone(blankToNull(body.phone()));
            u.regionCode(blankToNull(body.regionCode()));
            u.departmentCode(blankToNull(body.departmentCode()));
            u.roles(roleNames);
            em.persist(u);
            em.flush();
            return toUser(u);
        });
        audit(caller.name(), "user.created", "user:" + created.username(), "roles=" + roleNames + " region="
                + created.regionCode() + " department=" + created.departmentCode(), address);
        return created;
    }

    User updateUser(Caller caller, long id, UserChange change, String address) {
        Access.require(caller, Permissions.USER_WRITE);
        UserEntity current = jpa.read(em -> em.find(UserEntity.class, id));
        if (current == null || !visible(caller, current)) {
            throw ProblemException.notFound("No user " + id);
        }
        List<Violation> errors = new ArrayList<>();
        String displayName = change.displayName() != null ? change.displayName() : current.displayName();
        String phone = change.phone() != null ? change.phone() : current.phone();
        String region = change.regionCode() != null ? change.regionCode() : current.regionCode();
        String department = change.departmentCode() != null ? change.departmentCode() : current.departmentCode();
        Set<String> roleNames = change.roles() != null ? new LinkedHashSet<>(change.roles()) : current.roles();
        checkProfile(caller, displayName, phone, region, department, roleNames, errors);
        if (change.password() != null) {
            String policy = PasswordHasher.checkPolicy(current.username(), change.password());
            if (policy != null) {
                errors.add(Violation.ofField("/password", policy));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The account was not changed", errors);
        }
        String newHash = change.password() == null ? null : hasher.hash(change.password());
        Set<String> oldRoles = current.roles();
        User updated = jpa.inTransaction(em -> {
            UserEntity u = em.find(UserEntity.class, id);
            if (change.version() != null && change.version() != u.version()) {
                throw ProblemException.conflict("User " + id + " is at version " + u.version() + ", not "
                        + change.version() + "; read it again");
            }
            u.displayName(displayName.strip());
            u.phone(blankToNull(phone));
            u.regionCode(blankToNull(region));
            u.departmentCode(blankToNull(department));
            u.roles(roleNames);
            if (change.enabled() != null) {
                u.enabled(change.enabled());
            }
            if (newHash != null) {
                u.passwordHash(newHash);
            }
            if (Boolean.FALSE.equals(change.enabled()) || newHash != null) {
                revokeSessions(em, id);
            }
            em.flush();
            return toUser(u);
        });
        boolean rightsChanged = !oldRoles.equals(roleNames) || !eq(current.regionCode(), updated.regionCode())
                || !eq(current.departmentCode(), updated.departmentCode()) || current.enabled() != updated.enabled();
        audit(caller.name(), rightsChanged ? "user.rights-changed" : "user.changed", "user:" + updated.username(),
                "roles " + oldRoles + " -> " + roleNames + "; region " + current.regionCode() + " -> "
                        + updated.regionCode() + "; department " + current.departmentCode() + " -> "
                        + updated.departmentCode() + "; enabled " + current.enabled() + " -> " + updated.enabled()
                        + (newHash != null ? "; password reset" : ""), address);
        return updated;
    }

    private void checkProfile(Caller caller, String displayName, String phone, String region, String department,
            Set<String> roleNames, List<Violation> errors) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            errors.add(Violation.ofField("/displayName", "1 to 100 characters"));
        }
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone).matches()) {
            errors.add(Violation.ofField("/phone", "digits, spaces, '+' and '-', 3 to 32"));
        }
        if (blankToNull(region) == null && blankToNull(department) == null && !caller.scope().isUnrestricted()) {
            errors.add(Violation.ofField("/regionCode", "an account needs a region or a department"));
        }
        if (blankToNull(region) != null) {
            Optional<RegionCode> code = RegionCode.tryParse(region);
            if (code.isEmpty() || jpa.read(em -> em.find(RegionEntity.class, region)) == null) {
                errors.add(Violation.ofField("/regionCode", "no region " + region));
            } else if (!caller.scope().coversRegion(code.get())) {
                errors.add(Violation.ofField("/regionCode", "region " + region + " lies outside your scope"));
            }
        }
        if (blankToNull(department) != null) {
            DepartmentEntity d = jpa.read(em -> em.find(DepartmentEntity.class, department));
            if (d == null) {
                errors.add(Violation.ofField("/departmentCode", "no department " + department));
            } else if (!caller.scope().coversDepartment(department) && d.toRecord().regionCodes().stream()
                    .map(RegionCode::tryParse).flatMap(Optional::stream).noneMatch(caller.scope()::coversRegion)) {
                errors.add(Violation.ofField("/departmentCode", "department " + department
                        + " lies outside your scope"));
            }
        }
        roles.requireGrantable(caller, roleNames, errors);
    }

    private static boolean visible(Caller caller, UserEntity u) {
        if (caller.scope().isUnrestricted()) {
            return true;
        }
        RegionCode region = u.regionCode() == null ? null : RegionCode.parse(u.regionCode());
        return caller.scope().covers(region, u.departmentCode());
    }

    // ---- API tokens ------------------------------------------------------------------------------------------

    Page<ApiToken> listTokens(Caller caller, PageRequest page) {
        Access.require(caller, Permissions.TOKEN_READ);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "t.regionCode", "t.departmentCode");
        String where = "t.kind = 'API' AND " + scope.jpql();
        return jpa.read(em -> {
            long total = scope.bind(em.createQuery("SELECT COUNT(t) FROM TokenEntity t WHERE " + where, Long.class))
                    .getSingleResult();
            List<ApiToken> items = scope.bind(em.createQuery("SELECT t FROM TokenEntity t WHERE " + where
                    + " ORDER BY t.id DESC", TokenEntity.class)).setFirstResult((int) page.offset())
                    .setMaxResults(page.size()).getResultList().stream().map(AccountService::toApiToken).toList();
            return Page.of(items, total, page);
        });
    }

    /** A token for a device or another system, bound to a scope and permissions within the caller's own. */
    IssuedToken issueToken(Caller caller, NewApiToken body, String address) {
        Access.require(caller, Permissions.TOKEN_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (body.name() == null || !TOKEN_NAME.matcher(body.name()).matches()) {
            errors.add(Violation.ofField("/name", "1 to 100 letters, digits, spaces, '.', '_' or '-'"));
        }
        int days = body.validDays() == null ? 365 : body.validDays();
        if (days < 1 || days > 3650) {
            errors.add(Violation.ofField("/validDays", "1 to 3650"));
        }
        Set<String> permissions = body.permissions() == null ? Set.of() : new LinkedHashSet<>(body.permissions());
        if (permissions.isEmpty()) {
            errors.add(Violation.ofField("/permissions", "name at least one permission"));
        }
        for (String p : permissions) {
            if (!RoleStore.PERMISSION.matcher(p).matches() || "*".equals(p) || !caller.hasPermission(p)) {
                errors.add(Violation.ofField("/permissions", "you cannot grant '" + p + "'"));
            }
        }
        String region = blankToNull(body.regionCode());
        String department = blankToNull(body.departmentCode());
        if (region == null && department == null) {
            errors.add(Violation.ofField("/regionCode", "a token needs a region or a department"));
        }
        if (region != null && RegionCode.tryParse(region).map(c -> !caller.scope().coversRegion(c)).orElse(true)) {
            errors.add(Violation.ofField("/regionCode", "region " + region + " is not a code inside your scope"));
        }
        if (department != null && !caller.scope().coversDepartment(department) && region == null) {
            errors.add(Violation.ofField("/departmentCode", "department " + department + " lies outside your scope"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The token was not issued", errors);
        }
        String token = Tokens.newToken();
        Date now = new Date();
        ApiToken info = jpa.inTransaction(em -> {
            TokenEntity t = new TokenEntity(Tokens.hash(token), TokenEntity.API, body.name().strip(), caller.name(),
                    now, Date.from(now.toInstant().plus(Duration.ofDays(days))));
            t.scope(region, department);
            t.permissions(permissions);
            em.persist(t);
            em.flush();
            return toApiToken(t);
        });
        audit(caller.name(), "token.issued", "token:" + info.id(), "name=" + info.name() + " permissions="
                + permissions + " region=" + region + " department=" + department, address);
        return new IssuedToken(token, info);
    }

    void revokeToken(Caller caller, long id, String address) {
        Access.require(caller, Permissions.TOKEN_WRITE);
        boolean revoked = jpa.inTransaction(em -> {
            TokenEntity t = em.find(TokenEntity.class, id);
            if (t == null || !TokenEntity.API.equals(t.kind()) || !caller.scope().covers(
                    t.regionCode() == null ? null : RegionCode.parse(t.regionCode()), t.departmentCode())) {
                return false;
            }
            t.revoke(new Date());
            return true;
        });
        if (!revoked) {
            throw ProblemException.notFound("No token " + id);
        }
        audit(caller.name(), "token.revoked", "token:" + id, null, address);
    }

    private static void revokeSessions(EntityManager em, long userId) {
        Date now = new Date();
        em.createQuery("SELECT t FROM TokenEntity t WHERE t.userId = :u AND t.revokedAt IS NULL", TokenEntity.class)
                .setParameter("u", userId).getResultList().forEach(t -> t.revoke(now));
    }

    // ---- first administrator ---------------------------------------------------------------------------------

    private void createFirstAdmin(IdentityConfig cfg) {
        boolean anyUser = jpa.read(em -> !em.createQuery("SELECT u.id FROM UserEntity u", Long.class)
                .setMaxResults(1).getResultList().isEmpty());
        if (anyUser) {
            return;
        }
        String password = cfg.admin_password();
        if (password == null || password.isEmpty()) {
            LOG.warn("OneGrid has no account yet. Create the first administrator with the Karaf command "
                    + "'onegrid:user-add --role county-admin <name>' or set admin.password in "
                    + "etc/io.onegrid.identity.cfg");
            return;
        }
        String region = blankToNull(cfg.admin_region());
        createAccount(cfg.admin_username(), "Administrator", password, region, null, Set.of(Roles.COUNTY_ADMIN),
                "first administrator from etc/io.onegrid.identity.cfg");
        LOG.warn("Created the first administrator '{}' from etc/io.onegrid.identity.cfg; remove admin.password from"
                + " that file now", cfg.admin_username());
    }

    /** Creates an account as the system (first administrator, shell command, demo data); same checks as the API. */
    public User createAccount(String username, String displayName, String password, String region, String department,
            Set<String> roleNames, String reason) {
        User created = createUser(Caller.SYSTEM, new NewUser(username, displayName, null, password, region, department,
                roleNames), null);
        audit("system", "user.bootstrap", "user:" + username, reason, null);
        return created;
    }

    boolean exists(String username) {
        return jpa.read(em -> findByUsername(em, username) != null);
    }

    private UserEntity findByUsername(String username) {
        return jpa.read(em -> findByUsername(em, username));
    }

    private static UserEntity findByUsername(EntityManager em, String username) {
        return em.createQuery("SELECT u FROM UserEntity u WHERE u.username = :n", UserEntity.class)
                .setParameter("n", username).getResultList().stream().findFirst().orElse(null);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void audit(String actor, String action, String target, String detail, String address) {
        try {
            audit.record(new AuditEvent(actor == null || actor.isBlank() ? "anonymous" : truncate(actor, 100), action,
                    truncate(target, 200), detail == null ? null : truncate(detail, 2000), address));
        } catch (RuntimeException e) {
            // A sign-in must not succeed silently: an audit failure fails the request.
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The audit log cannot be written", Map.of(), e);
        }
    }

    static User toUser(UserEntity u) {
        return new User(u.id(), u.username(), u.displayName(), u.phone(), u.regionCode(), u.departmentCode(), u.roles(),
                u.enabled(), u.lockedUntil() == null ? null : u.lockedUntil().toInstant(), u.createdAt().toInstant(),
                u.version());
    }

    private static ApiToken toApiToken(TokenEntity t) {
        return new ApiToken(t.id(), t.name(), t.regionCode(), t.departmentCode(), t.permissions(), t.createdBy(),
                t.createdAt().toInstant(), t.expiresAt().toInstant(),
                t.revokedAt() == null ? null : t.revokedAt().toInstant());
    }

    /** At most 64 characters, letters, digits and {@code ._-@}; anything else becomes {@code ?}. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(64).forEach(cp -> sb.appendCodePoint(Character.isLetterOrDigit(cp)
                || cp == '.' || cp == '_' || cp == '-' || cp == '@' ? cp : '?'));
        return sb.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
