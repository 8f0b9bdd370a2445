package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.Supervision;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_supervision}: a supervision order (督办单). Written once, never changed. */
@Entity
@Table(name = "og_wo_supervision")
public class SupervisionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "seq", nullable = false, updatable = false)
    private int seq;

    @Column(name = "sv_number", length = 40, nullable = false, updatable = false)
    private String number;

    @Column(name = "escalation_level", nullable = false, updatable = false)
    private int escalationLevel;

    @Column(name = "addressed_to", length = 1000, updatable = false)
    private String addressedTo;

    @Column(name = "reason", length = 500, nullable = false, updatable = false)
    private String reason;

    @Column(name = "created_by", length = 100, nullable = false, updatable = false)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    protected SupervisionEntity() {
    }

    SupervisionEntity(long orderId, String orderNumber, int seq, int escalationLevel, List<String> addressedTo,
            String reason, Instant now) {
        this.orderId = orderId;
        this.seq = seq;
        this.number = number(orderNumber, seq);
        this.escalationLevel = escalationLevel;
        String targets = String.join(",", addressedTo);
        this.addressedTo = targets.length() <= 1000 ? targets : targets.substring(0, 1000);
        this.reason = reason.length() <= 500 ? reason : reason.substring(0, 500);
        this.createdBy = "system";
        this.createdAt = Date.from(now);
    }

    /** {@code WO-20261124-000001}, 2 → {@code DB-20261124-000001-2}. */
    static String number(String orderNumber, int seq) {
        return "DB-" + (orderNumber.startsWith("WO-") ? orderNumber.substring(3) : orderNumber) + "-" + seq;
    }

    String number() {
        return number;
    }

    Supervision toRecord() {
        List<String> targets = addressedTo == null || addressedTo.isEmpty() ? List.of()
                : Arrays.asList(addressedTo.split(","));
        return new Supervision(number, orderId, seq, escalationLevel, targets, reason, createdBy,
                createdAt.toInstant());
    }
}
