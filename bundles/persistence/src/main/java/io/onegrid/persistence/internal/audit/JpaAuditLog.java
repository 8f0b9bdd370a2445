package io.onegrid.persistence.internal.audit;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.audit.AuditRecord;
import io.onegrid.api.audit.AuditVerification;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.persistence.api.JpaTransactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The audit log in table {@code og_audit}, through the {@code onegrid-core} persistence unit. */
@Component(service = AuditLog.class)
public final class JpaAuditLog implements AuditLog {

    static final int MAX_ACTOR = 100;
    static final int MAX_ACTION = 100;
    static final int MAX_TARGET = 200;
    static final int MAX_DETAIL = 2000;
    static final int MAX_ADDRESS = 64;

    /** Records read per query by {@link #verify()}, so that a long log never sits in memory at once. */
    static final int VERIFY_BATCH = 1000;

    private static final Pattern ACTION = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
    /** IPv4, IPv6 (with an optional zone such as {@code %eth0}) or a host name as a proxy reports it. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Za-z.:%_\\[\\]-]+");

    private final JpaTransactions jpa;
    private final Clock clock;
    private final int verifyBatch;

    @Activate
    public JpaAuditLog(
            @Reference(target = "(osgi.unit.name=onegrid-core)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=core)") ModuleSchema schema) {
        this(emf, Clock.systemUTC(), VERIFY_BATCH);
    }

    JpaAuditLog(EntityManagerFactory emf, Clock clock, int verifyBatch) {
        this.jpa = new JpaTransactions(emf);
        this.clock = clock;
        this.verifyBatch = verifyBatch;
    }

    @Override
    public AuditRecord record(AuditEvent event) {
        AuditEvent e = validate(event);
        return jpa.inTransaction(em -> {
            // Serialises appends of every thread and every node sharing the database until this transaction ends, so
            // that "last record + 1" is still the last record when we insert. Both Derby and PostgreSQL know it.
            em.createNativeQuery("LOCK TABLE og_audit IN EXCLUSIVE MODE").executeUpdate();
            List<Object[]> last = em.createQuery("SELECT a.id, a.hash FROM AuditEntity a ORDER BY a.id DESC",
                    Object[].class).setMaxResults(1).getResultList();
            long id = last.isEmpty() ? 1 : ((Number) last.get(0)[0]).longValue() + 1;
            String previousHash = last.isEmpty() ? AuditRecord.GENESIS_HASH : (String) last.get(0)[1];
            // Taken under the lock, so that on one node time never runs backwards along the chain.
            Instant at = AuditEntity.storable(clock.instant());
            String hash = AuditChain.hash(previousHash, id, at.toEpochMilli(), e.actor(), e.action(), e.target(),
                    e.detail(), e.address());
            AuditRecord record = new AuditRecord(id, at, e.actor(), e.action(), e.target(), e.detail(), e.address(),
                    previousHash, hash);
            em.persist(new AuditEntity(record));
            em.flush();
            return record;
        });
    }

    @Override
    public Page<AuditRecord> list(String actor, String action, String target, PageRequest page) {
        for (SortOrder order : page.sort()) {
            if (!order.property().equals("id")) {
                throw ProblemException.badRequest("The audit log sorts by 'id' only, not by '" + order.property() + "'");
            }
        }
        boolean newestFirst = page.sort().isEmpty() || page.sort().get(0).descending();
        Map<String, String> filters = new LinkedHashMap<>();
        putIfGiven(filters, "actor", actor);
        putIfGiven(filters, "action", action);
        putIfGiven(filters, "target", target);
        StringBuilder where = new StringBuilder();
        for (String field : filters.keySet()) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append("a.").append(field).append(" = :")
                    .append(field);
        }
        String order = " ORDER BY a.id " + (newestFirst ? "DESC" : "ASC");
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AuditEntity a" + where, Long.class);
            TypedQuery<AuditEntity> items = em.createQuery("SELECT a FROM AuditEntity a" + where + order,
                    AuditEntity.class);
            filters.forEach((field, value) -> {
                count.setParameter(field, value);
                items.setParameter(field, value);
            });
            long total = count.getSingleResult();
            List<AuditRecord> records = items.setFirstResult((int) Math.min(page.offset(), Integer.MAX_VALUE))
                    .setMaxResults(page.size()).getResultList().stream().map(AuditEntity::toRecord).toList();
            return Page.of(records, total, page);
        });
    }

    @Override
    public AuditVerification verify() {
        long checked = 0;
        long expectedId = 1;
        String previousHash = AuditRecord.GENESIS_HASH;
        long after = Long.MIN_VALUE;
        while (true) {
            List<AuditRecord> batch = batchAfter(after);
            for (AuditRecord r : batch) {
                checked++;
                if (r.id() != expectedId) {
                    return AuditVerification.broken(checked, r.id(), r.id() > expectedId
                            ? (r.id() - 1 == expectedId ? "Record " + expectedId + " is missing"
                                    : "Records " + expectedId + " to " + (r.id() - 1) + " are missing")
                            : "Record " + r.id() + " is out of sequence; expected id " + expectedId);
                }
                if (!previousHash.equals(r.previousHash())) {
                    return AuditVerification.broken(checked, r.id(), expectedId == 1
                            ? "Record 1 does not start the chain: its previous hash is not the genesis hash"
                            : "Record " + r.id() + " does not link to record " + (r.id() - 1)
                                    + ": its previous hash differs from that record's hash");
                }
                String recomputed = AuditChain.hash(r.previousHash(), r.id(), r.at().toEpochMilli(), r.actor(),
                        r.action(), r.target(), r.detail(), r.address());
                if (!recomputed.equals(r.hash())) {
                    return AuditVerification.broken(checked, r.id(), "Record " + r.id()
                            + " was changed after it was recorded: its content does not match its hash");
                }
                previousHash = r.hash();
                expectedId++;
            }
            if (batch.size() < verifyBatch) {
                return AuditVerification.intact(checked);
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    /** The next batch in id order; each in its own entity manager, so memory stays flat however long the log is. */
    private List<AuditRecord> batchAfter(long after) {
        return jpa.read(em -> em.createQuery("SELECT a FROM AuditEntity a WHERE a.id > :after ORDER BY a.id",
                        AuditEntity.class)
                .setParameter("after", after)
                .setMaxResults(verifyBatch)
                .getResultList().stream().map(AuditEntity::toRecord).toList());
    }

    private static void putIfGiven(Map<String, String> filters, String field, String value) {
        if (value != null && !value.isBlank()) {
            filters.put(field, value.strip());
        }
    }

    /** The event as it will be stored: trimmed, blanks as {@code null}, detail cut to length; refused when invalid. */
    static AuditEvent validate(AuditEvent event) {
        if (event == null) {
            throw ProblemException.invalid("The audit event was not recorded",
                    List.of(Violation.ofField(null, "an event is required")));
        }
        List<Violation> violations = new ArrayList<>();
        String actor = blankToNull(event.actor());
        String action = blankToNull(event.action());
        String target = blankToNull(event.target());
        String address = blankToNull(event.address());
        String detail = event.detail() == null || event.detail().isEmpty() ? null : event.detail();

        if (actor == null) {
            violations.add(Violation.ofField("actor", "is required"));
        } else {
            checkText(violations, "actor", actor, MAX_ACTOR, false);
        }
        if (action == null) {
            violations.add(Violation.ofField("action", "is required"));
        } else if (action.length() > MAX_ACTION || !ACTION.matcher(action).matches()) {
            violations.add(Violation.ofField("action", "lower-case letters and digits joined by '.', '-' or '_', at most "
                    + MAX_ACTION + " characters"));
        }
        if (target != null) {
            checkText(violations, "target", target, MAX_TARGET, false);
        }
        if (address != null && (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches())) {
            violations.add(Violation.ofField("address", "an IP address, at most " + MAX_ADDRESS + " characters"));
        }
        if (detail != null) {
            detail = cut(detail, MAX_DETAIL);
            checkText(violations, "detail", detail, MAX_DETAIL, true);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The audit event was not recorded", violations);
        }
        return new AuditEvent(actor, action, target, detail, address);
    }

    /**
     * Refuses control characters (they could forge line breaks or escape sequences in a log viewer, and PostgreSQL
     * refuses NUL) and lone surrogates (they cannot be stored as UTF-8 and would not read back as written).
     */
    private static void checkText(List<Violation> violations, String field, String value, int max, boolean multiLine) {
        if (value.length() > max) {
            violations.add(Violation.ofField(field, "at most " + max + " characters"));
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n'))) {
                violations.add(Violation.ofField(field, multiLine
                        ? "no control characters other than tab and line feed" : "no control characters"));
                return;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    violations.add(Violation.ofField(field, "is not valid Unicode text"));
                    return;
                }
                i++;
            }
        }
    }

    /** Cuts free text to {@code max} characters ending in an ellipsis, never between the halves of a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
