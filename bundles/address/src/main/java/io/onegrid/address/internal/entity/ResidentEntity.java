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
import javax.persistence.Version;

/**
 * Row of {@code og_resident}. The ID number is kept encrypted ({@code id_cipher}), as a keyed hash for look-ups and
 * uniqueness ({@code id_hash}) and masked for listings ({@code id_masked}); it is never stored in clear.
 */
@Entity
@Table(name = "og_resident")
public class ResidentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "name", length = 50, nullable = false)
    private String name;

    @Column(name = "id_cipher", length = 200, nullable = false)
    private String idCipher;

    @Column(name = "id_hash", length = 64, nullable = false)
    private String idHash;

    @Column(name = "id_masked", length = 18, nullable = false)
    private String idMasked;

    @Column(name = "phone", length = 32)
    private String phone;

    @Column(name = "address_code", length = 20)
    private String addressCode;

    @Column(name = "scope_code", length = 17)
    private String scopeCode;

    @Column(name = "tags", length = 500, nullable = false)
    private String tags;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "moved_in_at")
    private Date movedInAt;

    @Column(name = "household_id")
    private Long householdId;

    /** {@code M} or {@code F}, from the ID number's sequence digit. */
    @Column(name = "gender", length = 1)
    private String gender;

    @Column(name = "birth_year")
    private Integer birthYear;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "moved_out_at")
    private Date movedOutAt;

    @Version
    @Column(name = "version")
    private long version;

    protected ResidentEntity() {
    }

    public ResidentEntity(String name, String idCipher, String idHash, String idMasked) {
        this.name = name;
        this.idCipher = idCipher;
        this.idHash = idHash;
        this.idMasked = idMasked;
        this.tags = ",";
    }

    /** With the gender and birth year derived from the (valid) ID number. */
    public ResidentEntity(String name, String idCipher, String idHash, String idMasked, String gender,
            Integer birthYear) {
        this(name, idCipher, idHash, idMasked);
        this.gender = gender;
        this.birthYear = birthYear;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void name(String value) {
        this.name = value;
    }

    public String idCipher() {
        return idCipher;
    }

    public String idMasked() {
        return idMasked;
    }

    public String phone() {
        return phone;
    }

    public void phone(String value) {
        this.phone = value;
    }

    public String addressCode() {
        return addressCode;
    }

    public String scopeCode() {
        return scopeCode;
    }

    /** Moves the resident; the scope follows the address. */
    public void live(String newAddressCode, String newScopeCode, Date since) {
        this.addressCode = newAddressCode;
        this.scopeCode = newScopeCode;
        this.movedInAt = since;
        this.movedOutAt = null;
    }

    /** Moves the resident out of the county: no house, no household; the last house's scope keeps the record. */
    public void moveOut(Date since) {
        this.addressCode = null;
        this.householdId = null;
        this.movedOutAt = since;
    }

    public String idHash() {
        return idHash;
    }

    public Long householdId() {
        return householdId;
    }

    public void householdId(Long value) {
        this.householdId = value;
    }

    public String gender() {
        return gender;
    }

    public Integer birthYear() {
        return birthYear;
    }

    public Date movedOutAt() {
        return movedOutAt;
    }

    public String tags() {
        return tags;
    }

    public void tags(String value) {
        this.tags = value;
    }

    public Date movedInAt() {
        return movedInAt;
    }

    public long version() {
        return version;
    }
}
