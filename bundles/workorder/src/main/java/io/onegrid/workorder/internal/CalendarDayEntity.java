package io.onegrid.workorder.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** Row of {@code og_wo_calendar_day}: a day that differs from "Monday to Friday work". */
@Entity
@Table(name = "og_wo_calendar_day")
public class CalendarDayEntity {

    static final String HOLIDAY = "HOLIDAY";
    static final String WORKDAY = "WORKDAY";

    /** yyyymmdd: a number no time zone can shift. */
    @Id
    @Column(name = "cal_day")
    private int day;

    @Column(name = "cal_year", nullable = false)
    private int year;

    @Column(name = "day_kind", length = 8, nullable = false)
    private String kind;

    @Column(name = "note", length = 100)
    private String note;

    @Column(name = "updated_by", length = 100, nullable = false)
    private String updatedBy;

    @Temporal(TemporalType.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Date updatedAt;

    protected CalendarDayEntity() {
    }

    CalendarDayEntity(LocalDate date, String kind, String note, String by, Instant now) {
        this.day = number(date);
        this.year = date.getYear();
        this.kind = kind;
        this.note = note;
        this.updatedBy = by;
        this.updatedAt = Date.from(now);
    }

    static int number(LocalDate d) {
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    LocalDate date() {
        return LocalDate.of(day / 10000, day / 100 % 100, day % 100);
    }

    boolean holiday() {
        return HOLIDAY.equals(kind);
    }

    String note() {
        return note;
    }
}
