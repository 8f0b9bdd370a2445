package io.onegrid.identity.internal.entity;

import io.onegrid.api.identity.Department;
import java.util.List;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_department}. */
@Entity
@Table(name = "og_department")
public class DepartmentEntity {

    @Id
    @Column(name = "code", length = 64)
    private String code;

    @Column(name = "name", length = 100, nullable = false)
    private String name;

    @Column(name = "region_codes", length = 2000, nullable = false)
    private String regionCodes;

    @Version
    @Column(name = "version")
    private long version;

    protected DepartmentEntity() {
    }

    public DepartmentEntity(Department d) {
        this.code = d.code();
        change(d.name(), d.regionCodes());
    }

    public final void change(String newName, List<String> newRegionCodes) {
        this.name = newName;
        this.regionCodes = Lists.join(newRegionCodes);
    }

    public Department toRecord() {
        return new Department(code, name, Lists.split(regionCodes));
    }
}
