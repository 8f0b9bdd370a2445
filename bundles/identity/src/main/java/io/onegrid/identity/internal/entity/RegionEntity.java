package io.onegrid.identity.internal.entity;

import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Region;
import io.onegrid.api.region.RegionLevel;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_region}. */
@Entity
@Table(name = "og_region")
public class RegionEntity {

    @Id
    @Column(name = "code", length = 17)
    private String code;

    @Column(name = "name", length = 100, nullable = false)
    private String name;

    @Column(name = "parent_code", length = 17)
    private String parentCode;

    @Column(name = "region_level", length = 10, nullable = false)
    private String level;

    @Column(name = "area", length = 5, nullable = false)
    private String area;

    @Column(name = "boundary_ref", length = 200)
    private String boundaryRef;

    @Version
    @Column(name = "version")
    private long version;

    protected RegionEntity() {
    }

    public RegionEntity(Region r) {
        this.code = r.code();
        this.parentCode = r.parentCode();
        this.level = r.level().name();
        change(r.name(), r.area(), r.boundaryRef());
    }

    public final void change(String newName, AreaKind newArea, String newBoundaryRef) {
        this.name = newName;
        this.area = newArea.name();
        this.boundaryRef = newBoundaryRef;
    }

    public String code() {
        return code;
    }

    public Region toRecord() {
        return new Region(code, name, parentCode, RegionLevel.valueOf(level), AreaKind.valueOf(area), boundaryRef);
    }
}
