package io.onegrid.identity.internal.entity;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.Version;

/** Row of {@code og_user}: an operator account. */
@Entity
@Table(name = "og_user")
public class UserEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "username", length = 64, nullable = false)
    private String username;

    @Column(name = "display_name", length = 100, nullable = false)
    private String displayName;

    @Column(name = "phone", length = 32)
    private String phone;

    @Column(name = "password_hash", length = 200, nullable = false)
    private String passwordHash;

    @Column(name = "region_code", length = 17)
    private String regionCode;

    @Column(name = "department_code", length = 64)
    private String departmentCode;

    @Column(name = "roles", length = 1000, nullable = false)
    private String roles;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "locked_until")
    private Date lockedUntil;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    @Version
    @Column(name = "version")
    private long version;

    protected UserEntity() {
    }

    public UserEntity(String username, String passwordHash, Date createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.enabled = true;
        this.roles = ",";
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public void displayName(String value) {
        this.displayName = value;
    }

    public String phone() {
        return phone;
    }

    public void phone(String value) {
        this.phone = value;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void passwordHash(String value) {
        this.passwordHash = value;
    }

    public String regionCode() {
        return regionCode;
    }

    public void regionCode(String value) {
        this.regionCode = value;
    }

    public String departmentCode() {
        return departmentCode;
    }

    public void departmentCode(String value) {
        this.departmentCode = value;
    }

    public Set<String> roles() {
        return new LinkedHashSet<>(Lists.split(roles));
    }

    public void roles(Set<String> value) {
        this.roles = Lists.join(value);
    }

    public boolean enabled() {
        return enabled;
    }

    public void enabled(boolean value) {
        this.enabled = value;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public void failedLogins(int value) {
        this.failedLogins = value;
    }

    public Date lockedUntil() {
        return lockedUntil;
    }

    public void lockedUntil(Date value) {
        this.lockedUntil = value;
    }

    public Date createdAt() {
        return createdAt;
    }

    public long version() {
        return version;
    }
}
