package io.onegrid.workorder.internal;

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

/** Row of {@code og_wo_routing_rule}: one version of a rule. Only {@link #retire} ever changes a row. */
@Entity
@Table(name = "og_wo_routing_rule")
public class RoutingRuleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "rule_id", nullable = false, updatable = false)
    private long ruleId;

    @Column(name = "rule_version", nullable = false, updatable = false)
    private int ruleVersion;

    @Column(name = "category_code", length = 4, nullable = false, updatable = false)
    private String categoryCode;

    @Column(name = "region_code", length = 17, updatable = false)
    private String regionCode;

    @Column(name = "department", length = 64, updatable = false)
    private String department;

    @Column(name = "current_key", length = 40)
    private String currentKey;

    @Column(name = "reason", length = 500, updatable = false)
    private String reason;

    @Column(name = "created_by", length = 100, nullable = false, updatable = false)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "retired_at")
    private Date retiredAt;

    @Version
    @Column(name = "version")
    private long version;

    protected RoutingRuleEntity() {
    }

    RoutingRuleEntity(long ruleId, int ruleVersion, String categoryCode, String regionCode, String department,
            String reason, String createdBy, Date createdAt) {
        this.ruleId = ruleId;
        this.ruleVersion = ruleVersion;
        this.categoryCode = categoryCode;
        this.regionCode = regionCode;
        this.department = department;
        this.currentKey = currentKey(categoryCode, regionCode);
        this.reason = reason;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    static String currentKey(String categoryCode, String regionCode) {
        return categoryCode + "|" + (regionCode == null ? "*" : regionCode);
    }

    void retire(Date at) {
        this.retiredAt = at;
        this.currentKey = null;
    }

    long ruleId() {
        return ruleId;
    }

    int ruleVersion() {
        return ruleVersion;
    }

    String categoryCode() {
        return categoryCode;
    }

    String regionCode() {
        return regionCode;
    }

    String department() {
        return department;
    }

    boolean current() {
        return retiredAt == null;
    }

    RoutingRule toRecord() {
        return new RoutingRule(ruleId, ruleVersion, categoryCode, regionCode, department, reason, createdBy,
                createdAt.toInstant(), retiredAt == null ? null : retiredAt.toInstant());
    }
}
