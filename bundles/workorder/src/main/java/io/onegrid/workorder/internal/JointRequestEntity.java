package io.onegrid.workorder.internal;

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

/**
 * Row of {@code og_wo_joint_request}: one request for joint handling (吹哨) and the leader's decision. Written only by
 * {@link JointHandling}, in the transaction that also changes the order and appends its trail record.
 */
@Entity
@Table(name = "og_wo_joint_request")
public class JointRequestEntity {

    static final String PENDING = "PENDING";
    static final String APPROVED = "APPROVED";
    static final String REFUSED = "REFUSED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private long orderId;

    @Column(name = "departments", length = 700, nullable = false, updatable = false)
    private String departments;

    @Column(name = "reason", length = 500, nullable = false, updatable = false)
    private String reason;

    @Column(name = "status", length = 10, nullable = false)
    private String status;

    @Column(name = "requested_by", length = 100, nullable = false, updatable = false)
    private String requestedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "requested_at", nullable = false, updatable = false)
    private Date requestedAt;

    @Column(name = "decided_by", length = 100)
    private String decidedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "decided_at")
    private Date decidedAt;

    @Column(name = "decision", length = 500)
    private String decision;

    protected JointRequestEntity() {
    }

    JointRequestEntity(long orderId, List<String> departments, String reason, String requestedBy, Instant now) {
        this.orderId = orderId;
        this.departments = String.join(",", departments);
        this.reason = reason;
        this.status = PENDING;
        this.requestedBy = requestedBy;
        this.requestedAt = Date.from(now);
    }

    List<String> departments() {
        return Arrays.asList(departments.split(","));
    }

    String reason() {
        return reason;
    }

    String requestedBy() {
        return requestedBy;
    }

    void decide(String newStatus, String by, String why, Instant now) {
        this.status = newStatus;
        this.decidedBy = by;
        this.decision = why;
        this.decidedAt = Date.from(now);
    }
}
