package io.onegrid.workorder.internal;

import java.time.Instant;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_upload_token}: the hash of a token that lets an anonymous reporter add files to an order. */
@Entity
@Table(name = "og_wo_upload_token")
public class UploadTokenEntity {

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "expires_at", nullable = false, updatable = false)
    private Date expiresAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    protected UploadTokenEntity() {
    }

    UploadTokenEntity(String tokenHash, long orderId, Instant expiresAt, Instant now) {
        this.tokenHash = tokenHash;
        this.orderId = orderId;
        this.expiresAt = Date.from(expiresAt);
        this.createdAt = Date.from(now);
    }

    long orderId() {
        return orderId;
    }

    Instant expiresAt() {
        return expiresAt.toInstant();
    }
}
