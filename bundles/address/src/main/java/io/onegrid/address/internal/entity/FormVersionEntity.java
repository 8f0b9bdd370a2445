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

/** Row of {@code og_form_version}: one version of a form's JSON Schema. Never changed once written. */
@Entity
@Table(name = "og_form_version")
public class FormVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "form_code", length = 48, nullable = false)
    private String formCode;

    @Column(name = "version_no", nullable = false)
    private int versionNo;

    @Lob
    @Column(name = "schema_json", nullable = false)
    private String schemaJson;

    @Column(name = "created_by", length = 100, nullable = false)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    protected FormVersionEntity() {
    }

    public FormVersionEntity(String formCode, int versionNo, String schemaJson, String createdBy, Date createdAt) {
        this.formCode = formCode;
        this.versionNo = versionNo;
        this.schemaJson = schemaJson;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public String formCode() {
        return formCode;
    }

    public int versionNo() {
        return versionNo;
    }

    public String schemaJson() {
        return schemaJson;
    }

    public String createdBy() {
        return createdBy;
    }

    public Date createdAt() {
        return createdAt;
    }
}
