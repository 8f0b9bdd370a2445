package io.onegrid.workorder.internal;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.time.Clock;
import java.util.List;
import javax.persistence.TypedQuery;

/** The console inbox ({@code og_wo_inbox}): each person sees and marks only their own notifications. */
final class Inbox {

    private final JpaTransactions jpa;
    private final Clock clock;

    Inbox(JpaTransactions jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    /** The caller's notifications, newest first. */
    Page<InboxEntity.Item> list(Caller caller, boolean unreadOnly, PageRequest page) {
        String me = requireUser(caller);
        String where = " FROM InboxEntity n WHERE n.recipient = :me" + (unreadOnly ? " AND n.readAt IS NULL" : "");
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(n)" + where, Long.class).setParameter("me", me);
            List<InboxEntity.Item> items = em.createQuery("SELECT n" + where + " ORDER BY n.createdAt DESC, n.id DESC",
                            InboxEntity.class).setParameter("me", me)
                    .setFirstResult((int) Math.min(page.offset(), Integer.MAX_VALUE)).setMaxResults(page.size())
                    .getResultList().stream().map(InboxEntity::toItem).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    /** Marks one of the caller's notifications read (again: no change); another person's answers like a missing one. */
    InboxEntity.Item read(Caller caller, long id) {
        String me = requireUser(caller);
        return jpa.inTransaction(em -> {
            InboxEntity n = em.find(InboxEntity.class, id);
            if (n == null || !n.recipient().equals(me)) {
                throw ProblemException.notFound("No notification " + id + " in your inbox");
            }
            n.read(clock.instant());
            return n.toItem();
        });
    }

    private static String requireUser(Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            throw ProblemException.badRequest("Only people have an inbox; API tokens do not");
        }
        return caller.name();
    }
}
