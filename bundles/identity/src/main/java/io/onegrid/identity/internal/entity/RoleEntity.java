package io.onegrid.identity.internal.entity;

import java.util.LinkedHashSet;
import java.util.Set;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_role}. */
@Entity
@Table(name = "og_role")
public class RoleEntity {

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "title_zh", length = 100, nullable = false)
    private String titleZh;

    @Column(name = "title_en", length = 100, nullable = false)
    private String titleEn;

    @Column(name = "permissions", length = 4000, nullable = false)
    private String permissions;

    @Version
    @Column(name = "version")
    private long version;

    protected RoleEntity() {
    }

    public RoleEntity(String name, String titleZh, String titleEn, Set<String> permissions) {
        this.name = name;
        change(titleZh, titleEn, permissions);
    }

    public final void change(String newTitleZh, String newTitleEn, Set<String> newPermissions) {
        this.titleZh = newTitleZh;
        this.titleEn = newTitleEn;
        this.permissions = Lists.join(newPermissions);
    }

    public String name() {
        return name;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }

    public Set<String> permissions() {
        return new LinkedHashSet<>(Lists.split(permissions));
    }
}
