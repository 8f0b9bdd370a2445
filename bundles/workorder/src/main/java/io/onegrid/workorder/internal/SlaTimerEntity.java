package io.onegrid.workorder.internal;

import java.time.Instant;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * Row of {@code og_wo_sla_timer}: one future effect of an order's SLA clock. Never updated through the entity: a
 * node claims it with a conditional bulk UPDATE (see {@link SlaService#fire}), commands cancel it the same way.
 */
@Entity
@Table(name = "og_wo_sla_timer")
public class SlaTimerEntity {

    /** What a timer does when it fires. */
    enum Kind { REMIND, OVERDUE, ESCALATE }

    static final String PENDING = "PENDING";
    static final String FIRED = "FIRED";
    static final String CANCELLED = "CANCELLED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "timer_kind", length = 8, nullable = false, updatable = false)
    private String kind;

    @Column(name = "step", nullable = false, updatable = false)
    private int step;

    @Column(name = "status", length = 10, nullable = false)
    private String status;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "due_at", nullable = false, updatable = false)
    private Date dueAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "fired_at")
    private Date firedAt;

    @Column(name = "claimed_by", length = 64)
    private String claimedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    protected SlaTimerEntity() {
    }

    /**
     * @param step for {@link Kind#ESCALATE}, the escalation level it raises the order to; else 0
     */
    SlaTimerEntity(long orderId, Kind kind, int step, Instant dueAt, Instant now) {
        this.orderId = orderId;
        this.kind = kind.name();
        this.step = step;
        this.status = PENDING;
        this.dueAt = Date.from(dueAt);
        this.createdAt = Date.from(now);
    }

    long id() {
        return id;
    }

    long orderId() {
        return orderId;
    }

    Kind kind() {
        return Kind.valueOf(kind);
    }

    int step() {
        return step;
    }

    String status() {
        return status;
    }

    Instant dueAt() {
        return dueAt.toInstant();
    }

    Instant firedAt() {
        return firedAt == null ? null : firedAt.toInstant();
    }

    String claimedBy() {
        return claimedBy;
    }
}
