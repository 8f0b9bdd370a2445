package io.onegrid.address.internal.entity;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** Row of {@code og_doorplate_contact}: a person a village's doorplates list (cadre, police, agriculture, grid). */
@Entity
@Table(name = "og_doorplate_contact")
public class DoorplateContactEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "region_code", length = 17, nullable = false)
    private String regionCode;

    @Column(name = "contact_role", length = 32, nullable = false)
    private String role;

    @Column(name = "name", length = 50, nullable = false)
    private String name;

    @Column(name = "phone", length = 32)
    private String phone;

    @Version
    @Column(name = "version")
    private long version;

    protected DoorplateContactEntity() {
    }

    public DoorplateContactEntity(String regionCode, String role, String name, String phone) {
        this.regionCode = regionCode;
        this.role = role;
        this.name = name;
        this.phone = phone;
    }

    public long id() {
        return id;
    }

    public String regionCode() {
        return regionCode;
    }

    public String role() {
        return role;
    }

    public String name() {
        return name;
    }

    public String phone() {
        return phone;
    }
}
