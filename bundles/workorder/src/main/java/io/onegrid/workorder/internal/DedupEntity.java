package io.onegrid.workorder.internal;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_dedup}: the order that reports of one category, place and day are linked to. */
@Entity
@Table(name = "og_wo_dedup")
public class DedupEntity {

    @Id
    @Column(name = "dedup_key", length = 64)
    private String key;

    @Column(name = "order_id", nullable = false)
    private long orderId;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    protected DedupEntity() {
    }

    DedupEntity(String key, long orderId, Date createdAt) {
        this.key = key;
        this.orderId = orderId;
        this.createdAt = createdAt;
    }

    long orderId() {
        return orderId;
    }
}
