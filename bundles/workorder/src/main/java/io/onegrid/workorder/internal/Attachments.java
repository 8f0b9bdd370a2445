package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.workorder.internal.AttachmentEntity.Attachment;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence files of orders: uploads (by those who act on the order, or by an anonymous reporter holding the upload
 * token of the receipt), the list, downloads, and the check that a command names only files of its own order.
 *
 * <p>An upload is streamed to a temp file and checked (type by content, size) before any row is written; the row and
 * the move into place happen in one transaction that holds the order's row lock, so per order the count limit is exact
 * and a refused upload leaves neither a row nor a file.
 */
final class Attachments {

    private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
    static final String ANONYMOUS = "ANONYMOUS";
    static final String RESIDENT = "resident";
    /** Files may be added until the order is closed or rejected: evidence also comes with the revisit. */
    private static final Set<WorkOrderState> FINAL = Set.of(WorkOrderState.CLOSED, WorkOrderState.REJECTED);
    private static final int MAX_NAME = 200;

    /** A raw upload: the body, its {@code Content-Type}, its declared length (-1: unknown), an optional file name. */
    record Upload(InputStream body, String contentType, long contentLength, String name) {
    }

    /** @param created false when the order already had this file (the upload changed nothing) */
    record Result(Attachment attachment, boolean created) {
    }

    /** A downloadable file. */
    record File(Attachment attachment, Path path) {
    }

    /** A receipt's upload token, given to the anonymous reporter once. */
    record UploadToken(String token, Instant expiresAt) {
    }

    private final WorkOrderKernel kernel;
    private final JpaTransactions jpa;
    private final SecureRandom random = new SecureRandom();

    Attachments(WorkOrderKernel kernel, JpaTransactions jpa) {
        this.kernel = kernel;
        this.jpa = jpa;
    }

    AttachmentStore store() {
        return new AttachmentStore(kernel.config().attachmentDirectory());
    }

    // ---- uploads ---------------------------------------------------------------------------------------------

    Result attach(Caller caller, long id, Upload upload) {
        Access.require(caller, Permissions.WORKORDER_READ);
        // Refused callers are refused before a byte of the body is read.
        jpa.read(em -> requireRoom(em, mayAttach(caller, kernel.visibleOrder(em, caller, id))));
        return store(id, upload, caller.name(), caller.kind().name(), null,
                em -> mayAttach(caller, kernel.visibleOrder(em, caller, id)));
    }

    /** A resident adds a file to the order of their receipt, with the receipt's upload token. */
    Result attachAnonymous(String number, String token, Upload upload, String remoteAddress) {
        long id = jpa.read(em -> requireRoom(em, tokenOrder(em, number, token))).id();
        return store(id, upload, RESIDENT, ANONYMOUS, remoteAddress, em -> tokenOrder(em, number, token));
    }

    private Result store(long id, Upload upload, String by, String kind, String address,
            Function<EntityManager, WorkOrderEntity> recheck) {
        AttachmentStore store = store();
        AttachmentStore.Received file = store.receive(upload.body(), upload.contentType(), upload.contentLength(),
                kernel.config().attachmentTypes());
        String name = name(upload.name());
        boolean[] placed = {false};
        try {
            return jpa.inTransaction(em -> {
                WorkOrderEntity checked = recheck.apply(em);
                // The row lock serialises uploads to one order: the count limit and "stored once" hold under races.
                em.lock(checked, LockModeType.PESSIMISTIC_WRITE);
                AttachmentEntity existing = find(em, id, file.sha256());
                if (existing != null) {
                    store.discard(file);
                    return new Result(existing.toRecord(), false);
                }
                requireRoom(em, checked);
                AttachmentEntity row = new AttachmentEntity(id, file, name, by, kind, address, kernel.now());
                em.persist(row);
                em.flush();
                placed[0] = store.place(file);
                return new Result(row.toRecord(), true);
            });
        } catch (RuntimeException e) {
            store.discard(file);
            if (placed[0]) {
                removeUnreferenced(store, file.sha256());
            }
            if (e instanceof PersistenceException && Failures.isUniqueViolation(e)) {
                // The same file to the same order at the same moment from elsewhere: that upload stands for this one.
                AttachmentEntity other = jpa.read(em -> find(em, id, file.sha256()));
                if (other != null) {
                    return new Result(other.toRecord(), false);
                }
            }
            throw e;
        }
    }

    /** A file this request placed but whose row did not commit stays only if another order's row names it. */
    private void removeUnreferenced(AttachmentStore store, String sha256) {
        try {
            long rows = jpa.read(em -> em.createQuery("SELECT COUNT(a) FROM AttachmentEntity a WHERE a.sha256 = :s",
                    Long.class).setParameter("s", sha256).getSingleResult());
            if (rows == 0) {
                store.remove(sha256);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not tell whether attachment {} is still named; its file stays", sha256, e);
        }
    }

    /** Those who act on the order: its handler, the command centre, supervisors, and whoever submitted it. */
    private static WorkOrderEntity mayAttach(Caller caller, WorkOrderEntity o) {
        boolean acts = caller.hasPermission(Permissions.WORKORDER_DISPATCH)
                || caller.hasPermission(Permissions.WORKORDER_SUPERVISE)
                || (caller.hasPermission(Permissions.WORKORDER_HANDLE) && WorkOrderKernel.isHandler(caller, o))
                || WorkOrderKernel.isOriginator(caller, o);
        if (!acts) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the order's handler, the command centre, a"
                    + " supervisor or its originator may add files to work order " + o.id(),
                    Map.of("permission", Permissions.WORKORDER_HANDLE), null);
        }
        return o;
    }

    private WorkOrderEntity requireRoom(EntityManager em, WorkOrderEntity o) {
        if (FINAL.contains(o.state())) {
            throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.id() + " is " + o.state()
                    + ": it takes no more files", Map.of("state", o.state().name()), null);
        }
        int max = kernel.config().attachmentsPerOrder();
        long count = em.createQuery("SELECT COUNT(a) FROM AttachmentEntity a WHERE a.orderId = :id", Long.class)
                .setParameter("id", o.id()).getSingleResult();
        if (count >= max) {
            throw new ProblemException(ProblemType.CONFLICT, "Work order " + o.id() + " already has " + count
                    + " files, the most an order may have", Map.of("limit", max), null);
        }
        return o;
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        // A label only: never used as a path. Control characters and path separators would only confuse a download.
        String clean = name.strip().replaceAll("[\\p{Cntrl}/\\\\\"]", "_");
        return clean.length() <= MAX_NAME ? clean : clean.substring(0, MAX_NAME);
    }

    // ---- upload tokens of anonymous receipts -----------------------------------------------------------------

    /** A new token for the order of an anonymous receipt; only its hash is stored. Expired tokens are dropped. */
    UploadToken issueToken(long orderId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = kernel.now();
        Instant expires = now.plus(kernel.config().uploadTokenLifetime());
        jpa.run(em -> {
            em.createQuery("DELETE FROM UploadTokenEntity t WHERE t.expiresAt < :now").setParameter("now",
                    Date.from(now)).executeUpdate();
            em.persist(new UploadTokenEntity(sha256(token), orderId, expires, now));
        });
        return new UploadToken(token, expires);
    }

    /** The order the token opens, if it is the receipt's and still valid; every failure answers alike. */
    private WorkOrderEntity tokenOrder(EntityManager em, String number, String token) {
        if (token == null || token.isBlank()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Send the upload token of the receipt in the"
                    + " X-Upload-Token header");
        }
        UploadTokenEntity t = em.find(UploadTokenEntity.class, sha256(token.strip()));
        WorkOrderEntity o = t == null || t.expiresAt().isBefore(kernel.now()) ? null
                : em.find(WorkOrderEntity.class, t.orderId());
        if (o == null || !o.number().equals(number)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The upload token is not valid for receipt " + number
                    + ": unknown, expired, or of another receipt");
        }
        return o;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    List<Attachment> list(Caller caller, long id) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            kernel.visibleOrder(em, caller, id);
            return em.createQuery("SELECT a FROM AttachmentEntity a WHERE a.orderId = :id ORDER BY a.id",
                    AttachmentEntity.class).setParameter("id", id).getResultList().stream()
                    .map(AttachmentEntity::toRecord).toList();
        });
    }

    File file(Caller caller, long id, String sha256) {
        Access.require(caller, Permissions.WORKORDER_READ);
        AttachmentEntity row = jpa.read(em -> {
            kernel.visibleOrder(em, caller, id);
            return WorkOrderKernel.SHA256.matcher(sha256).matches() ? find(em, id, sha256) : null;
        });
        if (row == null) {
            throw ProblemException.notFound("Work order " + id + " has no file " + sha256);
        }
        Path path = store().path(sha256);
        if (!Files.isRegularFile(path)) {
            LOG.error("Attachment {} of work order {} is missing from {}", sha256, id, path);
            throw ProblemException.notFound("The file " + sha256 + " of work order " + id + " is missing from the"
                    + " attachment store; the administrator has been told in the log");
        }
        return new File(row.toRecord(), path);
    }

    private static AttachmentEntity find(EntityManager em, long orderId, String sha256) {
        return em.createQuery("SELECT a FROM AttachmentEntity a WHERE a.orderId = :id AND a.sha256 = :s",
                        AttachmentEntity.class).setParameter("id", orderId).setParameter("s", sha256)
                .getResultList().stream().findFirst().orElse(null);
    }

    // ---- commands --------------------------------------------------------------------------------------------

    /** Adds a violation for each hash (well-formed ones only) that names no file of the order. */
    static void requireAttached(EntityManager em, long orderId, List<String> hashes, List<Violation> errors) {
        List<String> wellFormed = hashes.stream().filter(h -> h != null && WorkOrderKernel.SHA256.matcher(h)
                .matches()).distinct().toList();
        if (wellFormed.isEmpty()) {
            return;
        }
        Set<String> stored = Set.copyOf(em.createQuery("SELECT a.sha256 FROM AttachmentEntity a WHERE a.orderId = :id"
                + " AND a.sha256 IN :h", String.class).setParameter("id", orderId).setParameter("h", wellFormed)
                .getResultList());
        for (int i = 0; i < hashes.size(); i++) {
            String h = hashes.get(i);
            if (wellFormed.contains(h) && !stored.contains(h)) {
                errors.add(Violation.ofField("/attachments/" + i, "no file with this SHA-256 was uploaded to work"
                        + " order " + orderId + "; upload it first (POST /api/v1/workorders/" + orderId
                        + "/attachments)"));
            }
        }
    }
}
