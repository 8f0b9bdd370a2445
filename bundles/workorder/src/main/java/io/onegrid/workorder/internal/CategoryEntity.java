package io.onegrid.workorder.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_wo_category}. */
@Entity
@Table(name = "og_wo_category")
public class CategoryEntity {

    @Id
    @Column(name = "code", length = 4)
    private String code;

    @Column(name = "parent_code", length = 4)
    private String parentCode;

    @Column(name = "name_zh", length = 100, nullable = false)
    private String nameZh;

    @Column(name = "name_en", length = 100, nullable = false)
    private String nameEn;

    @Column(name = "department", length = 64)
    private String department;

    @Column(name = "default_level", nullable = false)
    private int defaultLevel;

    @Column(name = "sla_kind", length = 16, nullable = false)
    private String slaKind;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** V3: the working-day limit of a ROUTINE category. */
    @Column(name = "sla_days")
    private Integer slaDays;

    @Version
    @Column(name = "version")
    private long version;

    protected CategoryEntity() {
    }

    CategoryEntity(String code, String parentCode) {
        this.code = code;
        this.parentCode = parentCode;
    }

    void update(String nameZh, String nameEn, String department, int defaultLevel, String slaKind, boolean enabled,
            Integer slaDays) {
        this.slaDays = slaDays;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.department = department;
        this.defaultLevel = defaultLevel;
        this.slaKind = slaKind;
        this.enabled = enabled;
    }

    Category toRecord() {
        return new Category(code, parentCode, nameZh, nameEn, department, defaultLevel, SlaKind.valueOf(slaKind),
                enabled, version, slaDays);
    }
}
