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

/** Row of {@code og_token}: a sign-in session or an API token; only the token's SHA-256 is kept. */
@Entity
@Table(name = "og_token")
public class TokenEntity {

    public static final String SESSION = "SESSION";
    public static final String API = "API";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "token_hash", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "kind", length = 8, nullable = false)
    private String kind;

    @Column(name = "name", length = 100, nullable = false)
    private String name;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "region_code", length = 17)
    private String regionCode;

    @Column(name = "department_code", length = 64)
    private String departmentCode;

    @Column(name = "permissions", length = 4000)
    private String permissions;

    @Column(name = "created_by", length = 64, nullable = false)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "expires_at", nullable = false)
    private Date expiresAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "revoked_at")
    private Date revokedAt;

    @Version
    @Column(name = "version")
    private long version;

    protected TokenEntity() {
    }

    public TokenEntity(String tokenHash, String kind, String name, String createdBy, Date createdAt, Date expiresAt) {
        this.tokenHash = tokenHash;
        this.kind = kind;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public Long userId() {
        return userId;
    }

    public void userId(Long value) {
        this.userId = value;
    }

    public String regionCode() {
        return regionCode;
    }

    public String departmentCode() {
        return departmentCode;
    }

    public void scope(String region, String department) {
        this.regionCode = region;
        this.departmentCode = department;
    }

    public Set<String> permissions() {
        return new LinkedHashSet<>(Lists.split(permissions));
    }

    public void permissions(Set<String> value) {
        this.permissions = Lists.join(value);
    }

    public String createdBy() {
        return createdBy;
    }

    public Date createdAt() {
        return createdAt;
    }

    public Date expiresAt() {
        return expiresAt;
    }

    public Date revokedAt() {
        return revokedAt;
    }

    public void revoke(Date when) {
        if (revokedAt == null) {
            this.revokedAt = when;
        }
    }

    public boolean usableAt(Date now) {
        return revokedAt == null && expiresAt.after(now);
    }
}
