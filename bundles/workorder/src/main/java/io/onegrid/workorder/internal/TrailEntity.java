package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.WorkOrderState;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** Row of {@code og_wo_trail}; written once, never updated. */
@Entity
@Table(name = "og_wo_trail")
public class TrailEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    /** UTC wall-clock time (see {@link #storable(Instant)}). */
    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Timestamp recordedAt;

    @Column(name = "actor", length = 100, nullable = false, updatable = false)
    private String actor;

    @Column(name = "actor_name", length = 100, updatable = false)
    private String actorName;

    @Column(name = "roles", length = 400, updatable = false)
    private String roles;

    @Column(name = "command_name", length = 32, nullable = false, updatable = false)
    private String command;

    @Column(name = "from_state", length = 16, updatable = false)
    private String fromState;

    @Column(name = "to_state", length = 16, nullable = false, updatable = false)
    private String toState;

    @Column(name = "reason", length = 2000, updatable = false)
    private String reason;

    @Column(name = "detail", length = 1000, updatable = false)
    private String detail;

    @Column(name = "attachments", length = 700, updatable = false)
    private String attachments;

    @Column(name = "previous_hash", length = 64, nullable = false, updatable = false)
    private String previousHash;

    @Column(name = "hash", length = 64, nullable = false, updatable = false)
    private String hash;

    protected TrailEntity() {
    }

    TrailEntity(long orderId, TrailRecord r) {
        this.orderId = orderId;
        this.seq = r.seq();
        this.recordedAt = Timestamp.valueOf(LocalDateTime.ofInstant(r.at(), ZoneOffset.UTC));
        this.actor = r.actor();
        this.actorName = r.actorName();
        this.roles = r.roles();
        this.command = r.command();
        this.fromState = r.fromState() == null ? null : r.fromState().name();
        this.toState = r.toState().name();
        this.reason = r.reason();
        this.detail = r.detail();
        this.attachments = r.attachments().isEmpty() ? null : String.join(",", r.attachments());
        this.previousHash = r.previousHash();
        this.hash = r.hash();
    }

    int seq() {
        return seq;
    }

    String hash() {
        return hash;
    }

    /**
     * The record as stored. States are read leniently: a tampered value that names no state must still reach the
     * verification (which then reports the hash mismatch) instead of failing the read.
     */
    TrailRecord toRecord() {
        return new TrailRecord(seq, recordedAt.toLocalDateTime().toInstant(ZoneOffset.UTC), actor, actorName, roles,
                command, state(fromState), state(toState), reason, detail, split(attachments), previousHash, hash);
    }

    /** The raw text of the states, which {@link TrailChain} hashes (a tampered state is no enum constant). */
    String fromStateText() {
        return fromState;
    }

    String toStateText() {
        return toState;
    }

    private static WorkOrderState state(String text) {
        if (text == null) {
            return null;
        }
        try {
            return WorkOrderState.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> split(String joined) {
        List<String> out = new ArrayList<>();
        if (joined != null) {
            for (String s : joined.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /**
     * The instant as it will read back: millisecond precision, stored as UTC wall-clock time so that the value (which
     * the hash covers) is independent of each node's time zone (the same reasoning as the core audit log).
     */
    static Instant storable(Instant at) {
        Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
        return Timestamp.valueOf(LocalDateTime.ofInstant(millis, ZoneOffset.UTC)).toLocalDateTime()
                .toInstant(ZoneOffset.UTC);
    }
}
