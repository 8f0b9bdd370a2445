package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /categories} (readable without sign-in: the residents' QR page offers them; changed with
 * {@code category.write}) and {@code /routing-rules} (read with {@code workorder.read}, changed with
 * {@code routing.write}).
 */
@Component(service = RestResource.class)
public final class CategoryResource implements RestResource {

    /** Body of {@code POST /categories} and {@code PUT /categories/{code}}. */
    public record CategoryBody(String code, String nameZh, String nameEn, String department, Integer defaultLevel,
            SlaKind slaKind, Boolean enabled, Long version, Integer slaDays) {
    }

    /** Body of {@code POST /routing-rules}. */
    public record NewRule(String category, String region, String department, String reason) {
    }

    /** Body of {@code PUT /routing-rules/{id}}: the next version's department and why. */
    public record RuleChange(String department, String reason, Integer expectedVersion) {
    }

    private final WorkOrderKernel kernel;

    @Activate
    public CategoryResource(@Reference WorkOrderKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/categories", req -> kernel.categories().all())
                .summary("Event categories: 2-digit majors and their 4-digit minors").tag("categories").anonymous();
        routes.get("/categories/{code}", req -> kernel.categories().find(req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No category " + req.pathParam("code"))))
                .summary("One category").tag("categories").anonymous().returns(Category.class);
        routes.post("/categories", req -> {
            Category saved = kernel.categories().save(req.requireCaller(), category(req, null), true);
            return RestResponse.created("/api/v1/categories/" + saved.code(), saved);
        }).summary("Add a category (a minor one under an existing major)").tag("categories")
                .accepts(CategoryBody.class).returns(Category.class).permission(Permissions.CATEGORY_WRITE);
        routes.put("/categories/{code}", req -> kernel.categories().save(req.requireCaller(),
                        category(req, req.pathParam("code")), false))
                .summary("Change a category's names, department (\"\" for the command centre), level, SLA kind or enabled"
                        + " flag; members left out keep their values; send its version")
                .tag("categories").accepts(CategoryBody.class).returns(Category.class)
                .permission(Permissions.CATEGORY_WRITE);

        routes.get("/routing-rules", req -> kernel.rules().list(req.query("category").orElse(null),
                        req.query("history").map(Boolean::parseBoolean).orElse(false)))
                .summary("Current routing rules (history=true: every version)").tag("routing")
                .queryParam("category", "minor category code").queryParam("history", "true for retired versions too")
                .permission(Permissions.WORKORDER_READ);
        routes.get("/routing-rules/{id}", req -> {
            var versions = kernel.rules().versions(ruleId(req));
            if (versions.isEmpty()) {
                throw ProblemException.notFound("No routing rule " + req.pathParam("id"));
            }
            return versions;
        }).summary("Every version of one routing rule").tag("routing").permission(Permissions.WORKORDER_READ);
        routes.post("/routing-rules", req -> {
            NewRule b = req.body(NewRule.class);
            RoutingRule created = kernel.rules().create(req.requireCaller(), b.category(), b.region(),
                    b.department(), b.reason());
            return RestResponse.created("/api/v1/routing-rules/" + created.id(), created);
        }).summary("Add a rule: reports of a category (in a region, or everywhere) go to a department").tag("routing")
                .accepts(NewRule.class).returns(RoutingRule.class).permission(Permissions.ROUTING_WRITE);
        routes.put("/routing-rules/{id}", req -> {
            RuleChange b = req.body(RuleChange.class);
            return kernel.rules().change(req.requireCaller(), ruleId(req), b.department(), b.reason(),
                    b.expectedVersion());
        }).summary("Change a rule: retires its current version and adds the next (orders keep the version that routed"
                + " them)").tag("routing").accepts(RuleChange.class).returns(RoutingRule.class)
                .permission(Permissions.ROUTING_WRITE);
        routes.delete("/routing-rules/{id}", req -> kernel.rules().retire(req.requireCaller(), ruleId(req)))
                .summary("Retire a rule: the category's own department applies again").tag("routing")
                .returns(RoutingRule.class).permission(Permissions.ROUTING_WRITE);
    }

    /** The body as a category; on a change, members left out keep their current values. */
    private Category category(RestRequest req, String pathCode) {
        CategoryBody b = req.body(CategoryBody.class);
        Category current = pathCode == null ? null : kernel.categories().find(pathCode)
                .orElseThrow(() -> ProblemException.notFound("No category " + pathCode));
        String code = pathCode != null ? pathCode : b.code();
        if (pathCode != null && b.code() != null && !b.code().equals(pathCode)) {
            throw ProblemException.badRequest("A category's code never changes: the body says " + b.code()
                    + ", the path " + pathCode);
        }
        if (current == null) {
            return new Category(code, null, b.nameZh(), b.nameEn(), b.department(),
                    b.defaultLevel() == null ? 1 : b.defaultLevel(), b.slaKind(), b.enabled() == null || b.enabled(), 0,
                    b.slaDays());
        }
        return new Category(code, null, b.nameZh() == null ? current.nameZh() : b.nameZh(),
                b.nameEn() == null ? current.nameEn() : b.nameEn(),
                b.department() == null ? current.department() : b.department(),
                b.defaultLevel() == null ? current.defaultLevel() : b.defaultLevel(),
                b.slaKind() == null ? current.slaKind() : b.slaKind(),
                b.enabled() == null ? current.enabled() : b.enabled(), b.version() == null ? 0 : b.version(),
                // a kind other than ROUTINE drops the day limit unless the body gives one (then refused)
                b.slaDays() != null ? b.slaDays() : (b.slaKind() == null || b.slaKind() == SlaKind.ROUTINE
                        ? current.slaDays() : null));
    }

    private static long ruleId(RestRequest req) {
        try {
            return Long.parseLong(req.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No routing rule " + req.pathParam("id"));
        }
    }
}
