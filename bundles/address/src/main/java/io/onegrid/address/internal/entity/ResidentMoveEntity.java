package io.onegrid.address.internal.entity;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_resident_move}: a move in, out or between addresses, for history. */
@Entity
@Table(name = "og_resident_move")
public class ResidentMoveEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "resident_id", nullable = false)
    private long residentId;

    @Column(name = "from_address", length = 20)
    private String fromAddress;

    @Column(name = "to_address", length = 20)
    private String toAddress;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "moved_at", nullable = false)
    private Date movedAt;

    @Column(name = "recorded_by", length = 64, nullable = false)
    private String recordedBy;

    @Column(name = "reason", length = 200)
    private String reason;

    protected ResidentMoveEntity() {
    }

    public ResidentMoveEntity(long residentId, String fromAddress, String toAddress, Date movedAt, String recordedBy) {
        this.residentId = residentId;
        this.fromAddress = fromAddress;
        this.toAddress = toAddress;
        this.movedAt = movedAt;
        this.recordedBy = recordedBy;
    }

    public ResidentMoveEntity(long residentId, String fromAddress, String toAddress, Date movedAt, String recordedBy,
            String reason) {
        this(residentId, fromAddress, toAddress, movedAt, recordedBy);
        this.reason = reason;
    }

    public long id() {
        return id;
    }

    public long residentId() {
        return residentId;
    }

    public String reason() {
        return reason;
    }

    public String fromAddress() {
        return fromAddress;
    }

    public String toAddress() {
        return toAddress;
    }

    public Date movedAt() {
        return movedAt;
    }

    public String recordedBy() {
        return recordedBy;
    }
}
