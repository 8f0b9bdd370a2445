package io.onegrid.workorder.internal;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_idempotency}: which order a channel's key produced. */
@Entity
@Table(name = "og_wo_idempotency")
public class IdempotencyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "channel", length = 32, nullable = false)
    private String channel;

    @Column(name = "idem_key", length = 100, nullable = false)
    private String key;

    @Column(name = "fingerprint", length = 64, nullable = false)
    private String fingerprint;

    @Column(name = "order_id", nullable = false)
    private long orderId;

    @Column(name = "outcome", length = 8, nullable = false)
    private String outcome;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    @Column(name = "tracking_code", length = 16)
    private String trackingCode;

    protected IdempotencyEntity() {
    }

    IdempotencyEntity(String channel, String key, String fingerprint, long orderId, String outcome, Date createdAt,
            String trackingCode) {
        this.trackingCode = trackingCode;
        this.channel = channel;
        this.key = key;
        this.fingerprint = fingerprint;
        this.orderId = orderId;
        this.outcome = outcome;
        this.createdAt = createdAt;
    }

    String fingerprint() {
        return fingerprint;
    }

    long orderId() {
        return orderId;
    }

    /** The reporter's tracking code; null for reports taken before codes existed. */
    String trackingCode() {
        return trackingCode;
    }

    /** Whether this report created its order (else it was linked to an open one). */
    boolean createdTheOrder() {
        return "CREATED".equals(outcome);
    }
}
