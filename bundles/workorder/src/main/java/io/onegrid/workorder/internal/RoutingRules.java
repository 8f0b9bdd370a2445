package io.onegrid.workorder.internal;

import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Routing rules as data ({@code og_wo_routing_rule}). A change retires the current version and adds the next one in
 * one transaction, so the rule id and version an order stores keep naming what routed it.
 */
final class RoutingRules {

    private final JpaTransactions jpa;
    private final Sequences sequences;
    private final DepartmentService departments;
    /** Told after every committed change (intake then forgets its recent answers). */
    private volatile Runnable changed = () -> { };
    private final Categories categories;

    RoutingRules(JpaTransactions jpa, Sequences sequences, DepartmentService departments, Categories categories) {
        this.jpa = jpa;
        this.sequences = sequences;
        this.departments = departments;
        this.categories = categories;
    }

    void onChange(Runnable listener) {
        this.changed = listener;
    }

    private <T> T committed(T result) {
        changed.run();
        return result;
    }

    /** The current (not retired) rules of a category. */
    List<RoutingRule> current(String category) {
        return jpa.read(em -> em.createQuery("SELECT r FROM RoutingRuleEntity r "
                        + "WHERE r.categoryCode = :c AND r.retiredAt IS NULL", RoutingRuleEntity.class)
                .setParameter("c", category).getResultList().stream().map(RoutingRuleEntity::toRecord).toList());
    }

    /**
     * Of a category's current rules, the most specific for a region: the one for the smallest region that contains
     * {@code regionCode}, else a global one.
     */
    static Optional<RoutingRule> best(List<RoutingRule> candidates, String regionCode) {
        RegionCode at = RegionCode.parse(regionCode);
        RoutingRule best = null;
        int bestDepth = -1;
        for (RoutingRule r : candidates) {
            int depth;
            if (r.region() == null) {
                depth = 0;
            } else {
                RegionCode scope = RegionCode.parse(r.region());
                if (!scope.contains(at)) {
                    continue;
                }
                depth = scope.level().ordinal() + 1;
            }
            if (depth > bestDepth) {
                best = r;
                bestDepth = depth;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Current rules, or every version when {@code history}, by rule and version. */
    List<RoutingRule> list(String category, boolean history) {
        String where = (history ? "1 = 1" : "r.retiredAt IS NULL") + (category == null ? "" : " AND r.categoryCode = :c");
        return jpa.read(em -> {
            var q = em.createQuery("SELECT r FROM RoutingRuleEntity r WHERE " + where
                    + " ORDER BY r.ruleId, r.ruleVersion", RoutingRuleEntity.class);
            if (category != null) {
                q.setParameter("c", category);
            }
            return q.getResultList().stream().map(RoutingRuleEntity::toRecord).toList();
        });
    }

    /** Every version of one rule, oldest first. */
    List<RoutingRule> versions(long ruleId) {
        return jpa.read(em -> em.createQuery("SELECT r FROM RoutingRuleEntity r WHERE r.ruleId = :id"
                        + " ORDER BY r.ruleVersion", RoutingRuleEntity.class)
                .setParameter("id", ruleId).getResultList().stream().map(RoutingRuleEntity::toRecord).toList());
    }

    /** A new rule (version 1). Refused with a conflict when a current rule has the same category and region. */
    RoutingRule create(Caller caller, String category, String region, String department, String reason) {
        Access.require(caller, Permissions.ROUTING_WRITE);
        check(category, region, department, reason, false);
        long id = sequences.nextRuleId();
        return committed(jpa.inTransaction(em -> {
            RoutingRuleEntity r = new RoutingRuleEntity(id, 1, category, blankToNull(region), blankToNull(department),
                    blankToNull(reason), caller.name(), new Date());
            em.persist(r);
            flushUnique(em, category, region);
            return r.toRecord();
        }));
    }

    /** Retires the current version of rule {@code ruleId} and adds the next one with the new department. */
    RoutingRule change(Caller caller, long ruleId, String department, String reason, Integer expectedVersion) {
        Access.require(caller, Permissions.ROUTING_WRITE);
        return committed(jpa.inTransaction(em -> {
            RoutingRuleEntity current = current(em, ruleId);
            if (expectedVersion != null && expectedVersion != current.ruleVersion()) {
                throw ProblemException.conflict("Rule " + ruleId + " is at version " + current.ruleVersion()
                        + ", not " + expectedVersion + "; reload it");
            }
            check(current.categoryCode(), current.regionCode(), department, reason, true);
            Date now = new Date();
            current.retire(now);
            em.flush();
            RoutingRuleEntity next = new RoutingRuleEntity(ruleId, current.ruleVersion() + 1, current.categoryCode(),
                    current.regionCode(), blankToNull(department), reason.strip(), caller.name(), now);
            em.persist(next);
            flushUnique(em, current.categoryCode(), current.regionCode());
            return next.toRecord();
        }));
    }

    /** Retires the current version without a successor: the category's own department applies again. */
    RoutingRule retire(Caller caller, long ruleId) {
        Access.require(caller, Permissions.ROUTING_WRITE);
        return committed(jpa.inTransaction(em -> {
            RoutingRuleEntity current = current(em, ruleId);
            current.retire(new Date());
            em.flush();
            return current.toRecord();
        }));
    }

    private static RoutingRuleEntity current(javax.persistence.EntityManager em, long ruleId) {
        return em.createQuery("SELECT r FROM RoutingRuleEntity r WHERE r.ruleId = :id AND r.retiredAt IS NULL",
                        RoutingRuleEntity.class).setParameter("id", ruleId).getResultList().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("No current routing rule " + ruleId));
    }

    private static void flushUnique(javax.persistence.EntityManager em, String category, String region) {
        try {
            em.flush();
        } catch (javax.persistence.PersistenceException e) {
            if (Failures.isUniqueViolation(e)) {
                throw ProblemException.conflict("A current rule for category " + category + " at "
                        + (region == null ? "every region" : region) + " exists; change that one");
            }
            throw e;
        }
    }

    private void check(String category, String region, String department, String reason, boolean reasonRequired) {
        List<Violation> errors = new ArrayList<>();
        if (category == null || categories.find(category).filter(c -> c.parentCode() != null).isEmpty()) {
            errors.add(Violation.ofField("/category", "a minor category code"));
        }
        if (region != null && !region.isBlank() && !RegionCode.isValid(region.strip())) {
            errors.add(Violation.ofField("/region", "a region code (town, village or grid), or empty for everywhere"));
        }
        if (department != null && !department.isBlank() && departments.find(department.strip()).isEmpty()) {
            errors.add(Violation.ofField("/department", "no department '" + department + "'"));
        }
        if (reasonRequired && (reason == null || reason.isBlank())) {
            errors.add(Violation.ofField("/reason", "required: why the rule changes"));
        }
        if (reason != null && reason.length() > 500) {
            errors.add(Violation.ofField("/reason", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The routing rule was not saved", errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
