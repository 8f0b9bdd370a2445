package io.onegrid.persistence.internal.audit;

import io.onegrid.api.audit.AuditRecord;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Row of {@code og_audit}; written once, never updated. */
@Entity
@Table(name = "og_audit")
public class AuditEntity {

    @Id
    @Column(name = "id", updatable = false)
    private long id;

    /** UTC wall-clock time (see {@link #storable(Instant)}). */
    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Timestamp occurredAt;

    @Column(name = "actor", length = 100, nullable = false, updatable = false)
    private String actor;

    @Column(name = "action", length = 100, nullable = false, updatable = false)
    private String action;

    @Column(name = "target", length = 200, updatable = false)
    private String target;

    @Column(name = "detail", length = 2000, updatable = false)
    private String detail;

    @Column(name = "address", length = 64, updatable = false)
    private String address;

    @Column(name = "previous_hash", length = 64, nullable = false, updatable = false)
    private String previousHash;

    @Column(name = "hash", length = 64, nullable = false, updatable = false)
    private String hash;

    protected AuditEntity() {
    }

    AuditEntity(AuditRecord r) {
        this.id = r.id();
        this.occurredAt = toUtcWallClock(r.at());
        this.actor = r.actor();
        this.action = r.action();
        this.target = r.target();
        this.detail = r.detail();
        this.address = r.address();
        this.previousHash = r.previousHash();
        this.hash = r.hash();
    }

    AuditRecord toRecord() {
        return new AuditRecord(id, fromUtcWallClock(occurredAt), actor, action, target, detail, address, previousHash,
                hash);
    }

    /**
     * The instant as it will read back from the database, which the hash must cover. JDBC (without a calendar, which
     * JPA never passes) stores a TIMESTAMP as the wall-clock time of the JVM's zone; storing UTC wall-clock instead
     * keeps the value independent of each node's zone and of the repeated hour when daylight saving ends. Only a UTC
     * time that does not exist in the writer's zone (the skipped hour of a DST start) moves, and it moves here, before
     * hashing, so the chain stays intact.
     */
    static Instant storable(Instant at) {
        return fromUtcWallClock(toUtcWallClock(at.truncatedTo(ChronoUnit.MILLIS)));
    }

    private static Timestamp toUtcWallClock(Instant at) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static Instant fromUtcWallClock(Timestamp ts) {
        return ts.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
