package io.onegrid.workorder.internal;

import io.onegrid.persistence.api.JpaTransactions;
import javax.persistence.EntityManager;

/**
 * Database sequences ({@code og_workorder_seq}, {@code og_wo_rule_seq}). Order ids come from a sequence before the
 * insert, so the number (which contains the id) is written with the row; sequences never block and never hand out a
 * value twice, whatever nodes share the database (a rolled-back transaction leaves a gap).
 */
final class Sequences {

    private final String dialect;
    private final JpaTransactions jpa;

    /** @param dialect {@code derby} or {@code postgresql} */
    Sequences(JpaTransactions jpa, String dialect) {
        this.jpa = jpa;
        this.dialect = dialect;
    }

    long nextOrderId(EntityManager em) {
        return next(em, "og_workorder_seq");
    }

    long nextRuleId() {
        return jpa.read(em -> next(em, "og_wo_rule_seq"));
    }

    private long next(EntityManager em, String sequence) {
        if ("postgresql".equals(dialect)) {
            return ((Number) em.createNativeQuery("SELECT nextval('" + sequence + "')").getSingleResult()).longValue();
        }
        // Derby refuses simultaneous NEXT VALUE FOR calls ("too much contention on sequence") instead of queueing
        // them. Embedded Derby lives in this one JVM, so a JVM-wide lock serialises them completely.
        synchronized (DERBY_LOCK) {
            return ((Number) em.createNativeQuery("SELECT NEXT VALUE FOR " + sequence + " FROM SYSIBM.SYSDUMMY1")
                    .getSingleResult()).longValue();
        }
    }

    private static final Object DERBY_LOCK = new Object();
}
