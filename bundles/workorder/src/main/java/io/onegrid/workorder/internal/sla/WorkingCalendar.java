package io.onegrid.workorder.internal.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which days are working days for a county: Monday to Friday, minus public holidays, plus the weekend days worked in
 * exchange (调休). Holidays are data, published each year by the State Council and edited by the county, never rules in
 * code. Immutable; a county's calendar is rebuilt when its data changes.
 */
public final class WorkingCalendar {

    /** China keeps one time zone; deadlines are days in it. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workedWeekendDays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> workedWeekendDays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
        this.workedWeekendDays = Set.copyOf(new TreeSet<>(workedWeekendDays));
        for (LocalDate day : this.holidays) {
            if (this.workedWeekendDays.contains(day)) {
                throw new IllegalArgumentException(day + " is both a holiday and a worked day");
            }
        }
    }

    /** Weekdays only: no holidays known. */
    public static WorkingCalendar weekdays() {
        return new WorkingCalendar(CHINA, Set.of(), Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        if (workedWeekendDays.contains(day)) {
            return true;
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}-th working day after {@code day} ({@code day} itself not counted, as 12345 rules count "within n
     * working days" from the next one).
     *
     * @throws IllegalArgumentException when {@code n < 1}, or no working day follows within ten years (a calendar
     *                                  made of holidays is a data error, not a reason to loop forever)
     */
    public LocalDate addWorkingDays(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        LocalDate d = day;
        int found = 0;
        for (int guard = 0; guard < 3660; guard++) {
            d = d.plusDays(1);
            if (isWorkingDay(d) && ++found == n) {
                return d;
            }
        }
        throw new IllegalArgumentException("No " + n + " working days within ten years after " + day);
    }

    /** Working days strictly after {@code from} up to and including {@code to}; 0 when {@code to} is not later. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The instant a day ends in this calendar's zone: midnight at the start of the next day. */
    public ZonedDateTime endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone);
    }
}
