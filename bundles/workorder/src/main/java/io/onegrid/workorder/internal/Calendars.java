package io.onegrid.workorder.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.workorder.internal.sla.WorkingCalendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The county's working-day calendar ({@code og_wo_calendar_day}): public holidays and the weekend days worked in
 * exchange, per year. Deadlines are computed over a cached {@link WorkingCalendar}; a change on this node replaces it
 * at once, other nodes pick it up within {@link #REFRESH}.
 */
final class Calendars {

    /** How long a node trusts its cached calendar before re-reading it (changes on other nodes). */
    static final Duration REFRESH = Duration.ofMinutes(1);
    static final int MAX_NOTE = 100;

    /** One special day. */
    public record Day(LocalDate date, String note) {
    }

    /** A year of the calendar: days off and weekend days worked. */
    public record Year(int year, String zone, List<Day> holidays, List<Day> workdays) {
    }

    /** Body of {@code PUT /calendars/{year}}: the whole year, replacing what was there. */
    public record YearBody(List<Day> holidays, List<Day> workdays) {
    }

    /** A year that has special days, for the list. */
    public record YearSummary(int year, long holidays, long workdays) {
    }

    private record Cached(WorkingCalendar calendar, Instant loadedAt) {
    }

    private final JpaTransactions jpa;
    private final Supplier<ZoneId> zone;
    private final Clock clock;
    private volatile Cached cached;

    Calendars(JpaTransactions jpa, Supplier<ZoneId> zone, Clock clock) {
        this.jpa = jpa;
        this.zone = zone;
        this.clock = clock;
    }

    /** The calendar deadlines are computed with (cached). */
    WorkingCalendar current() {
        Cached c = cached;
        Instant now = Instant.now(); // the real time: the cache's age has nothing to do with the drill clock
        if (c == null || c.loadedAt().plus(REFRESH).isBefore(now) || !c.calendar().zone().equals(zone.get())) {
            c = new Cached(load(), now);
            cached = c;
        }
        return c.calendar();
    }

    private WorkingCalendar load() {
        List<CalendarDayEntity> days = jpa.read(em -> em.createQuery("SELECT d FROM CalendarDayEntity d",
                CalendarDayEntity.class).getResultList());
        Set<LocalDate> holidays = new HashSet<>();
        Set<LocalDate> worked = new HashSet<>();
        for (CalendarDayEntity d : days) {
            (d.holiday() ? holidays : worked).add(d.date());
        }
        return new WorkingCalendar(zone.get(), holidays, worked);
    }

    List<YearSummary> years(Caller caller) {
        Access.require(caller, Permissions.WORKORDER_READ);
        return jpa.read(em -> {
            TreeMap<Integer, long[]> counts = new TreeMap<>();
            for (Object[] row : em.createQuery("SELECT d.year, d.kind, COUNT(d) FROM CalendarDayEntity d"
                    + " GROUP BY d.year, d.kind", Object[].class).getResultList()) {
                long[] c = counts.computeIfAbsent(((Number) row[0]).intValue(), y -> new long[2]);
                c[CalendarDayEntity.HOLIDAY.equals(row[1]) ? 0 : 1] += ((Number) row[2]).longValue();
            }
            List<YearSummary> out = new ArrayList<>();
            counts.forEach((y, c) -> out.add(new YearSummary(y, c[0], c[1])));
            return out;
        });
    }

    Year year(Caller caller, int year) {
        Access.require(caller, Permissions.WORKORDER_READ);
        checkYear(year);
        return jpa.read(em -> {
            List<Day> holidays = new ArrayList<>();
            List<Day> workdays = new ArrayList<>();
            for (CalendarDayEntity d : em.createQuery("SELECT d FROM CalendarDayEntity d WHERE d.year = :y"
                    + " ORDER BY d.day", CalendarDayEntity.class).setParameter("y", year).getResultList()) {
                (d.holiday() ? holidays : workdays).add(new Day(d.date(), d.note()));
            }
            return new Year(year, zone.get().getId(), holidays, workdays);
        });
    }

    /**
     * Replaces a year's special days. Deadlines already set stay as they are (they were promised); new ones use the
     * new calendar.
     *
     * @throws ProblemException validation-failed listing every bad day; nothing is changed then
     */
    Year save(Caller caller, int year, YearBody body) {
        Access.require(caller, Permissions.CALENDAR_WRITE);
        checkYear(year);
        List<Day> holidays = body == null || body.holidays() == null ? List.of() : body.holidays();
        List<Day> workdays = body == null || body.workdays() == null ? List.of() : body.workdays();
        List<Violation> errors = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        check(errors, "/holidays", holidays, year, seen, false);
        check(errors, "/workdays", workdays, year, seen, true);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The calendar of " + year + " was not saved", errors);
        }
        Instant now = clock.instant();
        jpa.run(em -> {
            em.createQuery("DELETE FROM CalendarDayEntity d WHERE d.year = :y").setParameter("y", year)
                    .executeUpdate();
            for (Day d : holidays) {
                em.persist(new CalendarDayEntity(d.date(), CalendarDayEntity.HOLIDAY, note(d), caller.name(), now));
            }
            for (Day d : workdays) {
                em.persist(new CalendarDayEntity(d.date(), CalendarDayEntity.WORKDAY, note(d), caller.name(), now));
            }
        });
        cached = null;
        return year(caller, year);
    }

    private static String note(Day d) {
        return d.note() == null || d.note().isBlank() ? null : d.note().strip();
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw ProblemException.notFound("No calendar year " + year + ": 2000 to 2100");
        }
    }

    private static void check(List<Violation> errors, String field, List<Day> days, int year, Set<LocalDate> seen,
            boolean worked) {
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            String at = field + "/" + i;
            if (d == null || d.date() == null) {
                errors.add(Violation.ofField(at + "/date", "required: an ISO date such as " + year + "-10-01"));
                continue;
            }
            if (d.date().getYear() != year) {
                errors.add(Violation.ofField(at + "/date", d.date() + " is not in " + year));
            }
            if (!seen.add(d.date())) {
                errors.add(Violation.ofField(at + "/date", d.date() + " is listed twice"));
            }
            DayOfWeek dow = d.date().getDayOfWeek();
            if (worked && dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                errors.add(Violation.ofField(at + "/date", d.date() + " is a " + dow
                        + ": only weekend days can be worked in exchange"));
            }
            if (d.note() != null && (d.note().length() > MAX_NOTE || Intake.hasControl(d.note()))) {
                errors.add(Violation.ofField(at + "/note", "at most " + MAX_NOTE + " characters, no control"
                        + " characters"));
            }
        }
    }
}
