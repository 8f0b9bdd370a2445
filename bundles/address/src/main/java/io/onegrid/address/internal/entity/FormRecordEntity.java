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
import javax.persistence.Version;

/**
 * Row of {@code og_form_record}: the current state of one record of a form about a house or a resident. Its
 * {@code scope_code} is the subject's, so the record is visible exactly where its subject is.
 */
@Entity
@Table(name = "og_form_record")
public class FormRecordEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "form_code", length = 48, nullable = false)
    private String formCode;

    @Column(name = "form_version", nullable = false)
    private int formVersion;

    @Column(name = "subject_kind", length = 16, nullable = false)
    private String subjectKind;

    @Column(name = "subject_id", length = 20, nullable = false)
    private String subjectId;

    @Column(name = "scope_code", length = 17, nullable = false)
    private String scopeCode;

    @Lob
    @Column(name = "data_json", nullable = false)
    private String dataJson;

    @Column(name = "submitted_by", length = 100, nullable = false)
    private String submittedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "submitted_at", nullable = false)
    private Date submittedAt;

    @Column(name = "revised_by", length = 100)
    private String revisedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "revised_at")
    private Date revisedAt;

    @Version
    @Column(name = "version")
    private long version;

    protected FormRecordEntity() {
    }

    public FormRecordEntity(String formCode, int formVersion, String subjectKind, String subjectId, String scopeCode,
            String dataJson, String submittedBy, Date submittedAt) {
        this.formCode = formCode;
        this.formVersion = formVersion;
        this.subjectKind = subjectKind;
        this.subjectId = subjectId;
        this.scopeCode = scopeCode;
        this.dataJson = dataJson;
        this.submittedBy = submittedBy;
        this.submittedAt = submittedAt;
    }

    /** A revision: new data, validated against {@code newFormVersion}. */
    public void revise(int newFormVersion, String newDataJson, String by, Date at) {
        this.formVersion = newFormVersion;
        this.dataJson = newDataJson;
        this.revisedBy = by;
        this.revisedAt = at;
    }

    public long id() {
        return id;
    }

    public String formCode() {
        return formCode;
    }

    public int formVersion() {
        return formVersion;
    }

    public String subjectKind() {
        return subjectKind;
    }

    public String subjectId() {
        return subjectId;
    }

    public String scopeCode() {
        return scopeCode;
    }

    public String dataJson() {
        return dataJson;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Date submittedAt() {
        return submittedAt;
    }

    public String revisedBy() {
        return revisedBy;
    }

    public Date revisedAt() {
        return revisedAt;
    }

    public long version() {
        return version;
    }
}
