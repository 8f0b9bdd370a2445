package io.onegrid.address.internal.entity;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.Version;

/**
 * Row of {@code og_form}: a collection form, its owner region and with which levels below the owner it is shared.
 * The schema lives in {@link FormVersionEntity}, one row per version.
 */
@Entity
@Table(name = "og_form")
public class FormEntity {

    @Id
    @Column(name = "code", length = 48)
    private String code;

    @Column(name = "title_zh", length = 100, nullable = false)
    private String titleZh;

    @Column(name = "title_en", length = 100)
    private String titleEn;

    @Column(name = "owner_region", length = 12, nullable = false)
    private String ownerRegion;

    @Column(name = "entry_levels", length = 40, nullable = false)
    private String entryLevels;

    @Column(name = "query_levels", length = 40, nullable = false)
    private String queryLevels;

    @Column(name = "status", length = 16, nullable = false)
    private String status;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    @Column(name = "created_by", length = 100, nullable = false)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Date updatedAt;

    @Version
    @Column(name = "version")
    private long version;

    protected FormEntity() {
    }

    public FormEntity(String code, String ownerRegion, String createdBy, Date createdAt) {
        this.code = code;
        this.ownerRegion = ownerRegion;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.currentVersion = 1;
    }

    /** Titles, sharing and status; {@code levels} as stored: {@code ,grid,village,}. */
    public void describe(String newTitleZh, String newTitleEn, String newEntryLevels, String newQueryLevels,
            String newStatus, Date at) {
        this.titleZh = newTitleZh;
        this.titleEn = newTitleEn;
        this.entryLevels = newEntryLevels;
        this.queryLevels = newQueryLevels;
        this.status = newStatus;
        this.updatedAt = at;
    }

    public void currentVersion(int value, Date at) {
        this.currentVersion = value;
        this.updatedAt = at;
    }

    public String code() {
        return code;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }

    public String ownerRegion() {
        return ownerRegion;
    }

    public String entryLevels() {
        return entryLevels;
    }

    public String queryLevels() {
        return queryLevels;
    }

    public String status() {
        return status;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public String createdBy() {
        return createdBy;
    }

    public Date createdAt() {
        return createdAt;
    }

    public Date updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
