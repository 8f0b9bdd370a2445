package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.LinkedReport;
import io.onegrid.api.workorder.Reporter;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_report}: a near-duplicate report linked to an open order. */
@Entity
@Table(name = "og_wo_report")
public class ReportEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private long id;

    @Column(name = "order_id", nullable = false)
    private long orderId;

    @Column(name = "channel", length = 32, nullable = false)
    private String channel;

    @Column(name = "description", length = 2000, nullable = false)
    private String description;

    @Column(name = "address_code", length = 20)
    private String addressCode;

    @Column(name = "lon")
    private Double lon;

    @Column(name = "lat")
    private Double lat;

    @Column(name = "reporter_name", length = 50)
    private String reporterName;

    @Column(name = "reporter_phone", length = 32)
    private String reporterPhone;

    @Column(name = "created_by", length = 100)
    private String createdBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "created_at", nullable = false)
    private Date createdAt;

    protected ReportEntity() {
    }

    ReportEntity(long orderId, Intake.Prepared p, Date createdAt) {
        this.orderId = orderId;
        this.channel = p.channel();
        this.description = p.description();
        this.addressCode = p.place().addressCode();
        this.lon = p.place().lon();
        this.lat = p.place().lat();
        this.reporterName = p.reporterName();
        this.reporterPhone = p.reporterPhone();
        this.createdBy = p.createdBy();
        this.createdAt = createdAt;
    }

    LinkedReport toRecord(boolean fullReporter) {
        Reporter reporter = reporterName == null && reporterPhone == null ? null
                : new Reporter(reporterName, fullReporter ? reporterPhone : Masking.phone(reporterPhone));
        return new LinkedReport(id, channel, description, addressCode, lon, lat, reporter, createdBy,
                createdAt.toInstant());
    }
}
