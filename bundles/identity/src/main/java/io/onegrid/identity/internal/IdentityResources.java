package io.onegrid.identity.internal;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.identity.internal.AccountModel.ApiToken;
import io.onegrid.identity.internal.AccountModel.IssuedToken;
import io.onegrid.identity.internal.AccountModel.Login;
import io.onegrid.identity.internal.AccountModel.Me;
import io.onegrid.identity.internal.AccountModel.NewApiToken;
import io.onegrid.identity.internal.AccountModel.NewUser;
import io.onegrid.identity.internal.AccountModel.Scope;
import io.onegrid.identity.internal.AccountModel.Session;
import io.onegrid.identity.internal.AccountModel.User;
import io.onegrid.identity.internal.AccountModel.UserChange;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /auth}, {@code /me}, {@code /regions}, {@code /departments}, {@code /users}, {@code /roles} and
 * {@code /tokens}. Items outside the caller's scope answer 404, exactly like missing ones.
 */
@Component(service = RestResource.class)
public final class IdentityResources implements RestResource {

    /** Body of {@code PUT /regions/{code}}. */
    public record RegionChange(String name, AreaKind area, String boundaryRef) {
    }

    /** Body of {@code PUT /departments/{code}}. */
    public record DepartmentChange(String name, List<String> regionCodes) {
    }

    private final AccountService accounts;
    private final RegionService regions;
    private final DepartmentService departments;

    @Activate
    public IdentityResources(@Reference AccountService accounts, @Reference RegionService regions,
            @Reference DepartmentService departments) {
        this.accounts = accounts;
        this.regions = regions;
        this.departments = departments;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/auth/login", req -> {
            Login login = req.body(Login.class);
            return accounts.login(login.username(), login.password(), req.remoteAddress());
        }).summary("Sign in with user name and password; answers a bearer token").tag("auth").anonymous()
                .accepts(Login.class).returns(Session.class);
        routes.post("/auth/logout", req -> {
            accounts.logout(req.requireCaller(), bearer(req), req.remoteAddress());
            return null;
        }).summary("Sign out: the token stops working at once").tag("auth");
        routes.get("/me", req -> me(req.requireCaller()))
                .summary("The caller's account, roles, permissions and scope").tag("auth").returns(Me.class);

        routes.get("/regions", req -> regions.list(req.requireCaller(), req.query("parent").orElse(null),
                        level(req), req.query("q").orElse(null), req.pageRequest()))
                .summary("Regions in the caller's scope").tag("regions").queryParam("parent", "parent region code")
                .queryParam("level", "county, town, village, grid or microgrid").queryParam("q", "text in the name")
                .returnsPage(Region.class).permission(Permissions.REGION_READ);
        routes.get("/regions/{code}", req -> regions.find(req.requireCaller(), req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No region " + req.pathParam("code"))))
                .summary("One region").tag("regions").returns(Region.class).permission(Permissions.REGION_READ);
        routes.post("/regions", req -> {
            Region created = regions.create(req.requireCaller(), req.body(Region.class));
            return RestResponse.created("/api/v1/regions/" + created.code(), created);
        }).summary("Add a region under an existing parent").tag("regions").accepts(Region.class).returns(Region.class)
                .permission(Permissions.REGION_WRITE);
        routes.put("/regions/{code}", req -> {
            RegionChange change = req.body(RegionChange.class);
            return regions.update(req.requireCaller(), req.pathParam("code"), change.name(), change.area(),
                    change.boundaryRef());
        }).summary("Rename a region or change its area kind").tag("regions").accepts(RegionChange.class)
                .returns(Region.class).permission(Permissions.REGION_WRITE);
        routes.post("/regions/import", req -> regions.importCsv(req.requireCaller(), req.bodyStream()))
                .summary("Import regions.csv (code,name,parent_code,kind,area); all lines or none").tag("regions")
                .consumes("text/csv").returns(RegionImportReport.class).permission(Permissions.REGION_WRITE);

        routes.get("/departments", req -> departments.all()).summary("All departments").tag("departments")
                .permission(Permissions.DEPARTMENT_READ);
        routes.get("/departments/{code}", req -> departments.find(req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No department " + req.pathParam("code"))))
                .summary("One department").tag("departments").returns(Department.class)
                .permission(Permissions.DEPARTMENT_READ);
        routes.post("/departments", req -> {
            Department created = departments.save(req.requireCaller(), req.body(Department.class), true);
            return RestResponse.created("/api/v1/departments/" + created.code(), created);
        }).summary("Add a department").tag("departments").accepts(Department.class).returns(Department.class)
                .permission(Permissions.DEPARTMENT_WRITE);
        routes.put("/departments/{code}", req -> {
            DepartmentChange change = req.body(DepartmentChange.class);
            return departments.save(req.requireCaller(), new Department(req.pathParam("code"), change.name(),
                    change.regionCodes()), false);
        }).summary("Rename a department or change the regions it serves").tag("departments")
                .accepts(DepartmentChange.class).returns(Department.class).permission(Permissions.DEPARTMENT_WRITE);

        routes.get("/users", req -> accounts.listUsers(req.requireCaller(), req.query("q").orElse(null),
                        req.pageRequest()))
                .summary("Accounts in the caller's scope").tag("users").queryParam("q", "text in user or display name")
                .returnsPage(User.class).permission(Permissions.USER_READ);
        routes.get("/users/{id}", req -> accounts.findUser(req.requireCaller(), id(req))
                        .orElseThrow(() -> ProblemException.notFound("No user " + req.pathParam("id"))))
                .summary("One account").tag("users").returns(User.class).permission(Permissions.USER_READ);
        routes.post("/users", req -> {
            User created = accounts.createUser(req.requireCaller(), req.body(NewUser.class), req.remoteAddress());
            return RestResponse.created("/api/v1/users/" + created.id(), created);
        }).summary("Create an account in the caller's scope").tag("users").accepts(NewUser.class).returns(User.class)
                .permission(Permissions.USER_WRITE);
        routes.put("/users/{id}", req -> accounts.updateUser(req.requireCaller(), id(req), req.body(UserChange.class),
                        req.remoteAddress()))
                .summary("Change an account: profile, scope, roles, enabled (false disables it), password")
                .tag("users").accepts(UserChange.class).returns(User.class).permission(Permissions.USER_WRITE);

        routes.get("/roles", req -> accounts.roles().list(req.pageRequest())).summary("Roles and their permissions")
                .tag("roles").permission(Permissions.ROLE_READ);
        routes.get("/roles/{name}", req -> {
            RoleStore.Role role = accounts.roles().all().get(req.pathParam("name"));
            if (role == null) {
                throw ProblemException.notFound("No role " + req.pathParam("name"));
            }
            return role;
        }).summary("One role").tag("roles").returns(RoleStore.Role.class).permission(Permissions.ROLE_READ);
        routes.post("/roles", req -> {
            RoleStore.Role created = accounts.roles().save(req.requireCaller(), req.body(RoleStore.Role.class), true);
            return RestResponse.created("/api/v1/roles/" + created.name(), created);
        }).summary("Add a role").tag("roles").accepts(RoleStore.Role.class).returns(RoleStore.Role.class)
                .permission(Permissions.ROLE_WRITE);
        routes.put("/roles/{name}", req -> {
            RoleStore.Role body = req.body(RoleStore.Role.class);
            return accounts.roles().save(req.requireCaller(), new RoleStore.Role(req.pathParam("name"),
                    body.titleZh(), body.titleEn(), body.permissions()), false);
        }).summary("Change a role's titles or permissions").tag("roles").accepts(RoleStore.Role.class)
                .returns(RoleStore.Role.class).permission(Permissions.ROLE_WRITE);

        routes.get("/tokens", req -> accounts.listTokens(req.requireCaller(), req.pageRequest()))
                .summary("API tokens in the caller's scope").tag("tokens").returnsPage(ApiToken.class)
                .permission(Permissions.TOKEN_READ);
        routes.post("/tokens", req -> {
            IssuedToken issued = accounts.issueToken(req.requireCaller(), req.body(NewApiToken.class),
                    req.remoteAddress());
            return RestResponse.created("/api/v1/tokens/" + issued.info().id(), issued);
        }).summary("Issue an API token for a device or system; the token is shown only in this answer").tag("tokens")
                .accepts(NewApiToken.class).returns(IssuedToken.class).permission(Permissions.TOKEN_WRITE);
        routes.delete("/tokens/{id}", req -> {
            accounts.revokeToken(req.requireCaller(), id(req), req.remoteAddress());
            return null;
        }).summary("Revoke an API token; it stops working at once").tag("tokens").permission(Permissions.TOKEN_WRITE);
    }

    static Me me(Caller caller) {
        return new Me(caller.name(), caller.displayName(), caller.kind().name(), caller.userId(), caller.roles(),
                caller.permissions(), new Scope(caller.scope().isUnrestricted(),
                        caller.scope().regionRoots().stream().map(RegionCode::value).toList(),
                        List.copyOf(caller.scope().departments())));
    }

    private static RegionLevel level(RestRequest req) {
        return req.query("level").filter(s -> !s.isBlank()).map(s -> {
            try {
                return RegionLevel.valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("level is one of county, town, village, grid, microgrid");
            }
        }).orElse(null);
    }

    private static long id(RestRequest req) {
        try {
            return Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No item " + req.pathParam("id"));
        }
    }

    private static String bearer(RestRequest req) {
        return req.header("Authorization").map(h -> h.substring(Math.min(7, h.length())).strip()).orElse("");
    }

}
