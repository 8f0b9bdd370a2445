package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.Reporter;
import io.onegrid.api.workorder.Routing;
import io.onegrid.api.workorder.SlaStatus;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderState;
import io.onegrid.workorder.internal.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;
import javax.persistence.Version;

/**
 * Row of {@code og_workorder}. Every change goes through {@link WorkOrderKernel}, which writes the trail record in
 * the same transaction; {@link #version} makes concurrent commands on one order fail instead of overwriting.
 */
@Entity
@Table(name = "og_workorder")
public class WorkOrderEntity {

    @Id
    @Column(name = "id")
    private long id;

    @Column(name = "wo_number", length = 32, nullable = false, updatable = false)
    private String number;

    @Column(name = "state", length = 16, nullable = false)
    private String state;

    @Column(name = "category_code", length = 4, nullable = false)
    private String categoryCode;

    @Column(name = "wo_level", nullable = false)
    private int level;

    @Column(name = "channel", length = 32, nullable = false, updatable = false)
    private String channel;

    @Column(name = "description", length = 2000, nullable = false, updatable = false)
    private String description;

    @Column(name = "address_code", length = 20, updatable = false)
    private String addressCode;

    @Column(name = "lon", updatable = false)
    private Double lon;

    @Column(name = "lat", updatable = false)
    private Double lat;

    @Column(name = "region_code", length = 17, nullable = false)
    private String regionCode;

    @Column(name = "grid_code", length = 17)
    private String gridCode;

    @Column(name = "town_code", length = 12)
    private String townCode;

    @Column(name = "department", length = 64)
    private String department;

    @Column(name = "assignee", length = 64)
    private String assignee;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "deadline")
    private Date deadline;

    @Column(name = "escalation_level", nullable = false)
    private int escalationLevel;

    @Column(name = "suspension_requested", nullable = false)
    private boolean suspensionRequested;

    @Column(name = "rating")
    private Integer rating;

    @Column(name = "rating_comment", length = 2000)
    private String ratingComment;

    @Column(name = "linked_reports", nullable = false)
    private int linkedReports;

    @Column(name = "reporter_name", length = 50, updatable = false)
    private String reporterName;

    @Column(name = "reporter_phone", length = 32, updatable = false)
    private String reporterPhone;

    @Column(name = "created_by", length = 100, updatable = false)
    private String createdBy;

    @Column(name = "created_by_kind", length = 10, nullable = false, updatable = false)
    private String createdByKind;

    @Column(name = "route_grid", length = 17, updatable = false)
    private String routeGrid;

    @Column(name = "route_centre", length = 12, updatable = false)
    private String routeCentre;

    @Column(name = "route_department", length = 64, updatable = false)
    private String routeDepartment;

    @Column(name = "route_assignee", length = 64, updatable = false)
    private String routeAssignee;

    @Column(name = "route_source", length = 16, nullable = false, updatable = false)
    private String routeSource;

    @Column(name = "route_rule_id", updatable = false)
    private Long routeRuleId;

    @Column(name = "route_rule_version", updatable = false)
    private Integer routeRuleVersion;

    @Column(name = "route_note", length = 300, updatable = false)
    private String routeNote;

    @Column(name = "parent_id")
    private Long parentId;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Date createdAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Date updatedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "closed_at")
    private Date closedAt;

    // Analytics (V5): written with the order so that figures group and measure without date arithmetic in SQL.
    /** yyyymmdd of createdAt in the installation's zone. */
    @Column(name = "created_day", updatable = false)
    private Integer createdDay;

    /** 0-23: the hour of createdAt in the installation's zone. */
    @Column(name = "created_hour", updatable = false)
    private Integer createdHour;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "resolved_at")
    private Date resolvedAt;

    @Column(name = "handling_seconds")
    private Long handlingSeconds;

    @Version
    @Column(name = "version")
    private long version;

    // ---- the SLA clock (V3): changed only by SlaService, in the transaction of a command or of a timer's effect --

    @Column(name = "sla_kind", length = 16)
    private String slaKind;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "sla_started_at")
    private Date slaStartedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "suspended_at")
    private Date suspendedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "reminded_at")
    private Date remindedAt;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "overdue_at")
    private Date overdueAt;

    @Column(name = "supervision_count", nullable = false)
    private int supervisionCount;

    protected WorkOrderEntity() {
    }

    /** A new order in state SUBMITTED, routed as {@code routing} says. */
    WorkOrderEntity(long id, String number, Intake.Prepared p, Instant now) {
        this.id = id;
        this.number = number;
        this.state = WorkOrderState.SUBMITTED.name();
        this.categoryCode = p.category().code();
        this.level = p.category().defaultLevel();
        this.channel = p.channel();
        this.description = p.description();
        this.addressCode = p.place().addressCode();
        this.lon = p.place().lon();
        this.lat = p.place().lat();
        this.regionCode = p.place().regionCode();
        this.gridCode = p.place().gridCode();
        this.townCode = p.place().townCode();
        Routing r = p.routing();
        this.department = r.department();
        this.assignee = r.assignee();
        // No deadline yet: the SLA clock starts when the command centre accepts the order.
        this.reporterName = p.reporterName();
        this.reporterPhone = p.reporterPhone();
        this.createdBy = p.createdBy();
        this.createdByKind = p.createdByKind();
        this.routeGrid = r.gridCode();
        this.routeCentre = r.commandCentre();
        this.routeDepartment = r.department();
        this.routeAssignee = r.assignee();
        this.routeSource = r.source();
        this.routeRuleId = r.ruleId();
        this.routeRuleVersion = r.ruleVersion();
        this.routeNote = r.note();
        this.createdAt = Date.from(now);
        this.updatedAt = this.createdAt;
        stampCreated(now, p.zone());
    }

    /**
     * A child of joint handling: the parent's problem, place and reporter, DISPATCHED to {@code department} with its
     * own clock.
     */
    static WorkOrderEntity jointChild(long id, String number, WorkOrderEntity parent, String department,
            Instant deadline, String createdBy, Instant now, ZoneId zone) {
        WorkOrderEntity c = new WorkOrderEntity();
        c.id = id;
        c.number = number;
        c.state = WorkOrderState.DISPATCHED.name();
        c.categoryCode = parent.categoryCode;
        c.level = parent.level;
        c.channel = parent.channel;
        c.description = parent.description;
        c.addressCode = parent.addressCode;
        c.lon = parent.lon;
        c.lat = parent.lat;
        c.regionCode = parent.regionCode;
        c.gridCode = parent.gridCode;
        c.townCode = parent.townCode;
        c.department = department;
        c.deadline = deadline == null ? null : Date.from(deadline);
        c.reporterName = parent.reporterName;
        c.reporterPhone = parent.reporterPhone;
        c.createdBy = createdBy;
        c.createdByKind = "USER";
        c.routeGrid = parent.gridCode;
        c.routeCentre = parent.routeCentre;
        c.routeDepartment = department;
        c.routeSource = "JOINT";
        c.routeNote = "joint handling of " + parent.number;
        c.parentId = parent.id;
        c.createdAt = Date.from(now);
        c.updatedAt = c.createdAt;
        c.stampCreated(now, zone);
        return c;
    }

    private void stampCreated(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        this.createdDay = local.getYear() * 10000 + local.getMonthValue() * 100 + local.getDayOfMonth();
        this.createdHour = local.getHour();
    }

    long id() {
        return id;
    }

    String number() {
        return number;
    }

    WorkOrderState state() {
        return WorkOrderState.valueOf(state);
    }

    String categoryCode() {
        return categoryCode;
    }

    String channel() {
        return channel;
    }

    String regionCode() {
        return regionCode;
    }

    String department() {
        return department;
    }

    String assignee() {
        return assignee;
    }

    String createdBy() {
        return createdBy;
    }

    String createdByKind() {
        return createdByKind;
    }

    boolean suspensionRequested() {
        return suspensionRequested;
    }

    Integer rating() {
        return rating;
    }

    Date closedAt() {
        return closedAt;
    }

    long version() {
        return version;
    }

    int level() {
        return level;
    }

    String description() {
        return description;
    }

    String townCode() {
        return townCode;
    }

    Instant deadline() {
        return instant(deadline);
    }

    int escalationLevel() {
        return escalationLevel;
    }

    Long parentId() {
        return parentId;
    }

    // ---- changes, made only by the kernel inside a transaction that also appends the trail record ------------

    void state(WorkOrderState next, Instant now) {
        this.state = next.name();
        this.updatedAt = Date.from(now);
        if (next == WorkOrderState.CLOSED || next == WorkOrderState.REJECTED) {
            this.closedAt = updatedAt;
        }
        if (next == WorkOrderState.RESOLVED) {
            this.resolvedAt = updatedAt;
            this.handlingSeconds = Math.max(0, (updatedAt.getTime() - createdAt.getTime()) / 1000);
        }
    }

    void assign(String newDepartment, String newAssignee) {
        this.department = newDepartment;
        this.assignee = newAssignee;
    }

    void deadline(Instant due) {
        this.deadline = due == null ? null : Date.from(due);
    }

    void suspensionRequested(boolean requested) {
        this.suspensionRequested = requested;
    }

    /** A change that is not a state change (a resident's rating) still moves the order's last-change time. */
    void touch(Instant now) {
        this.updatedAt = Date.from(now);
    }

    void rate(Integer stars, String comment) {
        this.rating = stars;
        this.ratingComment = comment;
    }

    void reopened() {
        this.closedAt = null;
        this.resolvedAt = null;
        this.handlingSeconds = null;
        this.rating = null;
        this.ratingComment = null;
    }

    void linkReport(Instant now) {
        this.linkedReports++;
        this.updatedAt = Date.from(now);
    }

    // ---- the SLA clock, for SlaService ------------------------------------------------------------------------

    SlaKind slaKind() {
        return slaKind == null ? null : SlaKind.valueOf(slaKind);
    }

    Instant slaStartedAt() {
        return instant(slaStartedAt);
    }

    Instant suspendedAt() {
        return instant(suspendedAt);
    }

    Instant remindedAt() {
        return instant(remindedAt);
    }

    Instant overdueAt() {
        return instant(overdueAt);
    }

    /** Starts (or, on reopening, restarts) the clock: nothing of an earlier round is due any more. */
    void slaStarted(SlaKind kind, Instant at) {
        this.slaKind = kind.name();
        this.slaStartedAt = Date.from(at);
        this.suspendedAt = null;
        this.remindedAt = null;
        this.overdueAt = null;
    }

    /** A new deadline was agreed: reminder and red light start over; the escalation reached so far stays. */
    void slaDeadlineAgreed() {
        this.remindedAt = null;
        this.overdueAt = null;
    }

    void slaSuspended(Instant at) {
        this.suspendedAt = Date.from(at);
    }

    /** Ends the pause; {@code newDeadline} {@code null} keeps the deadline. */
    void slaResumed(Instant newDeadline) {
        this.suspendedAt = null;
        if (newDeadline != null) {
            this.deadline = Date.from(newDeadline);
        }
    }

    void slaReminded(Instant at) {
        this.remindedAt = Date.from(at);
        this.updatedAt = Date.from(at);
    }

    void slaOverdue(Instant at) {
        this.overdueAt = Date.from(at);
        this.updatedAt = Date.from(at);
    }

    void slaEscalated(int level, Instant at) {
        this.escalationLevel = level;
        this.updatedAt = Date.from(at);
    }

    void slaEscalationReset() {
        this.escalationLevel = 0;
    }

    /** @return the new supervision's sequence number within the order */
    int slaSupervised() {
        return ++supervisionCount;
    }

    /** The light, time left and pause as of {@code now} ({@code null}: unknown, no time left is given). */
    SlaStatus slaStatus(Instant now) {
        WorkOrderState s = state();
        Instant due = instant(deadline);
        boolean paused = s == WorkOrderState.SUSPENDED && suspendedAt != null;
        Instant asOf = paused ? suspendedAt.toInstant() : now;
        Long remaining = due == null || asOf == null ? null : Duration.between(asOf, due).toSeconds();
        SlaStatus.Light light = null;
        if (due != null && s.isOpen() && slaStartedAt != null) {
            if (overdueAt != null || (asOf != null && SlaClock.isOverdue(due, asOf))) {
                light = SlaStatus.Light.RED;
            } else if (remindedAt != null
                    || (asOf != null && !asOf.isBefore(due.minus(SlaClock.REMINDER_LEAD)))) {
                light = SlaStatus.Light.YELLOW;
            } else {
                light = SlaStatus.Light.GREEN;
            }
        }
        return new SlaStatus(light, remaining, paused, instant(slaStartedAt), instant(remindedAt),
                instant(overdueAt), supervisionCount);
    }

    /**
     * The order as callers see it.
     *
     * @param fullReporter whether the reporter's phone is shown in full (handlers and the command centre) or masked
     * @param now          the kernel's clock, for the time left until the deadline
     */
    WorkOrder toRecord(boolean fullReporter, Instant now) {
        Reporter reporter = reporterName == null && reporterPhone == null ? null
                : new Reporter(reporterName, fullReporter ? reporterPhone : Masking.phone(reporterPhone));
        return new WorkOrder(id, number, state(), categoryCode, level, channel, description, addressCode, lon, lat,
                regionCode, gridCode, department, assignee, instant(deadline), escalationLevel, suspensionRequested,
                rating, ratingComment, linkedReports, reporter, createdBy,
                new Routing(routeGrid, routeCentre, routeDepartment, routeAssignee, routeSource, routeRuleId,
                        routeRuleVersion, routeNote),
                parentId, version, instant(createdAt), instant(updatedAt), instant(closedAt), slaStatus(now));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
