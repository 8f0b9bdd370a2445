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

/** Row of {@code og_household}: a household (户) living at a house (a standard address). */
@Entity
@Table(name = "og_household")
public class HouseholdEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "address_code", length = 20, nullable = false)
    private String addressCode;

    @Column(name = "household_no", length = 20, nullable = false)
    private String householdNo;

    @Column(name = "kind", length = 16, nullable = false)
    private String kind;

    @Column(name = "head_resident_id")
    private Long headResidentId;

    @Column(name = "scope_code", length = 17, nullable = false)
    private String scopeCode;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    @Version
    @Column(name = "version")
    private long version;

    protected HouseholdEntity() {
    }

    public HouseholdEntity(String addressCode, String householdNo, String kind, String scopeCode, Date createdAt) {
        this.addressCode = addressCode;
        this.householdNo = householdNo;
        this.kind = kind;
        this.scopeCode = scopeCode;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public String addressCode() {
        return addressCode;
    }

    public String householdNo() {
        return householdNo;
    }

    public String kind() {
        return kind;
    }

    public Long headResidentId() {
        return headResidentId;
    }

    public void headResidentId(Long value) {
        this.headResidentId = value;
    }

    public String scopeCode() {
        return scopeCode;
    }

    public Date createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
