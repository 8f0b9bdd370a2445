package io.onegrid.workorder.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderCommand;
import io.onegrid.api.workorder.WorkOrderEvents;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.api.JpaTransactions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

/**
 * The reporter's view of their report on the public tracking page ({@code /r/track/{code}}), reached with the
 * tracking code of the receipt and nothing else: no sign-in, so it shows what the reporter already knows (their own
 * description) and how the order moves, never who handles it or anyone else's report.
 */
final class Tracking {

    /** Crockford-like: no 0/O, 1/I/L look-alikes, so that a code read out on the phone comes back right. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 12; // 31^12 ≈ 2^59: not guessable at any rate the limiter lets through
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Commands whose comment or reason speaks to the reporter (the rest may be internal notes). */
    private static final Set<String> PUBLIC_COMMENTS = Set.of(WorkOrderCommand.REJECT, WorkOrderCommand.RESOLVE,
            WorkOrderCommand.VERIFY, WorkOrderCommand.CLOSE, WorkOrderCommand.REOPEN);

    /** States in which the reporter may rate the result: handled, whether or not the centre has revisited yet. */
    static final Set<WorkOrderState> RATEABLE = Set.of(WorkOrderState.RESOLVED, WorkOrderState.VERIFIED);

    /** One step of the order's progress. */
    record Step(Instant at, WorkOrderState state, String command, String comment) {
    }

    /** The category in both languages. */
    record CategoryName(String code, String nameZh, String nameEn) {
    }

    /**
     * What the tracking page shows.
     *
     * @param linked      the report was linked to an order someone else opened for the same problem: its progress is
     *                    shown, not its description, and only the order's own reporter rates it
     * @param description the reporter's own words, absent when linked
     */
    record View(String number, String trackingCode, WorkOrderState state, boolean linked, CategoryName category,
            String description, Instant submittedAt, List<Step> steps, Integer rating, String ratingComment,
            boolean canRate) {
    }

    private final WorkOrderKernel kernel;
    private final JpaTransactions jpa;

    Tracking(WorkOrderKernel kernel, JpaTransactions jpa) {
        this.kernel = kernel;
        this.jpa = jpa;
    }

    static String newCode() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** The code as typed: case and separators do not matter; anything else is not a code (404, like a wrong one). */
    static String normalise(String typed) {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> Arrays.binarySearch(ALPHABET, (char) c) >= 0)) {
            throw unknown();
        }
        return code;
    }

    View view(String typed) {
        String code = normalise(typed);
        return jpa.read(em -> {
            IdempotencyEntity report = report(em, code);
            return view(em, report, em.find(WorkOrderEntity.class, report.orderId()));
        });
    }

    /** The reporter rates the result: once, after it was resolved; only the reporter who opened the order. */
    View rate(String typed, Integer rating, String comment) {
        String code = normalise(typed);
        List<Violation> errors = new ArrayList<>();
        if (rating == null || rating < 1 || rating > 5) {
            errors.add(Violation.ofField("/rating", "a whole number from 1 (very dissatisfied) to 5 (very satisfied)"));
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > 500) {
            errors.add(Violation.ofField("/comment", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The rating was not recorded", errors);
        }
        WorkOrderKernel.Announcement[] rated = new WorkOrderKernel.Announcement[1];
        // Locked: a second rating waits for the first and then finds the order rated.
        View view = jpa.inTransaction(em -> {
            IdempotencyEntity report = report(em, code);
            WorkOrderEntity o = em.find(WorkOrderEntity.class, report.orderId(), LockModeType.PESSIMISTIC_WRITE);
            String refusal = !report.createdTheOrder() ? "Your report was linked to an order another resident opened"
                    + " for the same problem; that resident rates it"
                    : o.rating() != null ? "The result was already rated"
                    : !RATEABLE.contains(o.state()) ? "The order is " + o.state() + "; it can be rated once it is"
                            + " resolved" : null;
            if (refusal != null) {
                throw new ProblemException(ProblemType.CONFLICT, refusal, Map.of("state", o.state().name()), null);
            }
            Instant now = kernel.now();
            o.rate(rating, text);
            o.touch(now);
            em.flush();
            WorkOrderKernel.append(em, o, "resident", "居民 Resident", "resident", WorkOrderCommand.RATE, o.state(),
                    o.state(), text, "rating=" + rating + "; from the tracking page", List.of(), now);
            WorkOrder after = o.toRecord(false, now);
            rated[0] = new WorkOrderKernel.Announcement(WorkOrderEvents.RATED, after, o.state(),
                    WorkOrderCommand.RATE, "resident");
            return view(em, report, o);
        });
        kernel.publish(rated[0]);
        return view;
    }

    private static IdempotencyEntity report(EntityManager em, String code) {
        return em.createQuery("SELECT k FROM IdempotencyEntity k WHERE k.trackingCode = :c", IdempotencyEntity.class)
                .setParameter("c", code).getResultList().stream().findFirst().orElseThrow(Tracking::unknown);
    }

    private View view(EntityManager em, IdempotencyEntity report, WorkOrderEntity o) {
        List<Step> steps = new ArrayList<>();
        List<TrailEntity> trail = em.createQuery("SELECT t FROM TrailEntity t WHERE t.orderId = :id ORDER BY t.seq",
                TrailEntity.class).setParameter("id", o.id()).getResultList();
        for (TrailEntity t : trail) {
            TrailRecord r = t.toRecord();
            if (r.command().equals("link-report")) {
                continue; // other residents' reports of the same problem
            }
            steps.add(new Step(r.at(), r.toState(), r.command(),
                    PUBLIC_COMMENTS.contains(r.command()) ? r.reason() : null));
        }
        boolean linked = !report.createdTheOrder();
        CategoryName category = kernel.categories().find(o.categoryCode())
                .map(c -> new CategoryName(c.code(), c.nameZh(), c.nameEn()))
                .orElse(new CategoryName(o.categoryCode(), null, null));
        WorkOrder w = o.toRecord(false, kernel.now());
        return new View(w.number(), report.trackingCode(), w.state(), linked, category,
                linked ? null : w.description(), w.createdAt(), steps, linked ? null : w.rating(),
                linked ? null : w.ratingComment(), !linked && w.rating() == null && RATEABLE.contains(w.state()));
    }

    private static ProblemException unknown() {
        return ProblemException.notFound("No report with this tracking code; check the code on your receipt");
    }
}
