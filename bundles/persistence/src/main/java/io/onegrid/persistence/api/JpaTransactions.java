package io.onegrid.persistence.api;

import java.util.function.Consumer;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/**
 * Runs work in a resource-local JPA transaction: commit when the work returns, roll back when it throws, so a refused
 * or failed request leaves no half-written rows.
 */
public final class JpaTransactions {

    private final EntityManagerFactory emf;

    public JpaTransactions(EntityManagerFactory emf) {
        this.emf = emf;
    }

    /** Runs {@code work} in a new transaction and answers its result. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                tx.rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    /** Runs {@code work} in a new transaction. */
    public void run(Consumer<EntityManager> work) {
        inTransaction(em -> {
            work.accept(em);
            return null;
        });
    }

    /** Runs read-only work without a transaction. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }
}
