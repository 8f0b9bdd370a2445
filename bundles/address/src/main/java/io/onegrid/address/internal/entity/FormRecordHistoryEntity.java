package io.onegrid.address.internal.entity;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Lob;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_form_record_history}: one state a record had (the first submission included). Append-only. */
@Entity
@Table(name = "og_form_record_history")
public class FormRecordHistoryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "record_id", nullable = false)
    private long recordId;

    @Column(name = "record_version", nullable = false)
    private long recordVersion;

    @Column(name = "form_version", nullable = false)
    private int formVersion;

    @Lob
    @Column(name = "data_json", nullable = false)
    private String dataJson;

    @Column(name = "changed_by", length = 100, nullable = false)
    private String changedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "changed_at", nullable = false)
    private Date changedAt;

    protected FormRecordHistoryEntity() {
    }

    public FormRecordHistoryEntity(long recordId, long recordVersion, int formVersion, String dataJson,
            String changedBy, Date changedAt) {
        this.recordId = recordId;
        this.recordVersion = recordVersion;
        this.formVersion = formVersion;
        this.dataJson = dataJson;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public long recordId() {
        return recordId;
    }

    public long recordVersion() {
        return recordVersion;
    }

    public int formVersion() {
        return formVersion;
    }

    public String dataJson() {
        return dataJson;
    }

    public String changedBy() {
        return changedBy;
    }

    public Date changedAt() {
        return changedAt;
    }
}
