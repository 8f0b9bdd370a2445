package io.onegrid.persistence.internal.audit;

import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.audit.AuditRecord;
import io.onegrid.api.audit.AuditVerification;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Access;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/audit}: read the audit log and check that it was not tampered with. */
@Component(service = RestResource.class)
public final class AuditResource implements RestResource {

    static final String READ = io.onegrid.api.identity.Permissions.AUDIT_READ;

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/audit", req -> {
            requireReader(req);
            return audit.list(req.query("actor").orElse(null), req.query("action").orElse(null),
                    req.query("target").orElse(null), req.pageRequest());
        }).summary("List audit records, newest first, optionally by actor, action and target").tag("audit")
                .queryParam("actor", "user name, or system").queryParam("action", "e.g. auth.login-failed")
                .queryParam("target", "e.g. user:operator1").paged().returnsPage(AuditRecord.class).permission(READ);
        routes.get("/audit/verify", req -> {
            requireReader(req);
            return audit.verify();
        }).summary("Recompute the hash chain of the whole audit log and report the first record that was changed or"
                + " deleted").tag("audit").returns(AuditVerification.class).permission(READ);
    }

    /** The dispatcher checks the declared permission too; checking here keeps the route safe if it ever did not. */
    private static void requireReader(RestRequest req) {
        Access.require(req.requireCaller(), READ);
    }
}
