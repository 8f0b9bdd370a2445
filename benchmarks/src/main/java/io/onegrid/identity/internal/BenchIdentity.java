package io.onegrid.identity.internal;

import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.persistence.internal.audit.JpaAuditLog;
import javax.persistence.EntityManagerFactory;

/**
 * The identity services of one database, built as DS builds them, for harnesses in other packages (the work-order
 * bench routes through the real account and department look-ups and signs in as a real client does).
 */
public final class BenchIdentity {

    public final JpaAuditLog audit;
    public final JpaRegionService regions;
    public final JpaDepartmentService departments;
    public final AccountService accounts;

    public BenchIdentity(EntityManagerFactory coreUnit, EntityManagerFactory identityUnit) {
        this.audit = new JpaAuditLog(coreUnit, schema("core"));
        this.regions = new JpaRegionService(identityUnit, schema("identity"), audit);
        this.departments = new JpaDepartmentService(identityUnit, schema("identity"), audit);
        this.accounts = new AccountService(identityUnit, schema("identity"), audit, BenchDatabase.defaults());
    }

    /** What {@code POST /api/v1/auth/login} does: checks the password and answers a session token. */
    public String signIn(String username, String password) {
        return accounts.login(username, password, "127.0.0.1").token();
    }

    /** The header line of {@code regions.csv}. */
    public static String regionsCsvHeader() {
        return String.join(",", RegionCsvReader.HEADER);
    }

    private static ModuleSchema schema(String module) {
        return new ModuleSchema() {
            @Override
            public String module() {
                return module;
            }

            @Override
            public int version() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
