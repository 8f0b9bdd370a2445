package io.onegrid.workorder.internal.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaClockTest {

    /** A National Day week as a county would enter it: 1–7 October off, Sunday 27 September worked instead. */
    private static final WorkingCalendar NATIONAL_DAY = new WorkingCalendar(WorkingCalendar.CHINA,
            Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
                    LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7)),
            Set.of(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 10)));

    private static Instant china(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(WorkingCalendar.CHINA).toInstant();
    }

    @Test
    void weekendsAreSkippedAndWorkedWeekendDaysCount() {
        WorkingCalendar plain = WorkingCalendar.weekdays();
        // Friday 2026-11-27 + 1 working day = Monday 30th.
        assertEquals(LocalDate.of(2026, 11, 30), plain.addWorkingDays(LocalDate.of(2026, 11, 27), 1));
        assertTrue(NATIONAL_DAY.isWorkingDay(LocalDate.of(2026, 9, 27)), "a worked Sunday");
        assertFalse(NATIONAL_DAY.isWorkingDay(LocalDate.of(2026, 10, 1)), "a holiday Thursday");
        // Wednesday 30 September + 1 working day jumps the holidays and the weekend to Thursday 8 October.
        assertEquals(LocalDate.of(2026, 10, 8), NATIONAL_DAY.addWorkingDays(LocalDate.of(2026, 9, 30), 1));
        // ... and + 3 lands on the worked Saturday 10 October.
        assertEquals(LocalDate.of(2026, 10, 10), NATIONAL_DAY.addWorkingDays(LocalDate.of(2026, 9, 30), 3));
        assertEquals(3, NATIONAL_DAY.workingDaysBetween(LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 10)));
        assertEquals(0, NATIONAL_DAY.workingDaysBetween(LocalDate.of(2026, 10, 10), LocalDate.of(2026, 10, 1)));
    }

    @Test
    void aCalendarThatContradictsItselfOrNeverWorksIsRefused() {
        LocalDate day = LocalDate.of(2026, 10, 1);
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingCalendar(WorkingCalendar.CHINA, Set.of(day), Set.of(day)));
        assertThrows(IllegalArgumentException.class, () -> WorkingCalendar.weekdays().addWorkingDays(day, 0));
    }

    @Test
    void eachLevelGetsItsDeadline() {
        SlaClock clock = new SlaClock(NATIONAL_DAY);
        Instant tuesdayEvening = china(2026, 9, 29, 21, 30);
        assertEquals(china(2026, 9, 30, 0, 0), clock.deadline(SlaLevel.URGENT, tuesdayEvening, 5, null),
                "urgent: the same day, to midnight");
        // Difficult: three working days after Tuesday 29 September are 30 Sep, 8 Oct, 9 Oct; the deadline is that
        // day's end.
        assertEquals(china(2026, 10, 10, 0, 0), clock.deadline(SlaLevel.DIFFICULT, tuesdayEvening, 5, null));
        // Routine with a 5-day category: 30 Sep, 8, 9, 10 (worked Saturday), 12 Oct.
        assertEquals(china(2026, 10, 13, 0, 0), clock.deadline(SlaLevel.ROUTINE, tuesdayEvening, 5, null));
        Instant agreed = china(2026, 12, 31, 17, 0);
        assertEquals(agreed, clock.deadline(SlaLevel.MAJOR, tuesdayEvening, 5, agreed));
        assertThrows(IllegalArgumentException.class, () -> clock.deadline(SlaLevel.MAJOR, tuesdayEvening, 5, null));
        assertThrows(IllegalArgumentException.class,
                () -> clock.deadline(SlaLevel.MAJOR, tuesdayEvening, 5, tuesdayEvening.minusSeconds(1)));
    }

    @Test
    void levelTwoAndAboveAreRemindedADayAhead() {
        SlaClock clock = new SlaClock(WorkingCalendar.weekdays());
        Instant start = china(2026, 11, 24, 9, 0);
        Instant deadline = clock.deadline(SlaLevel.DIFFICULT, start, 5, null);
        assertEquals(Optional.of(deadline.minus(Duration.ofHours(24))), clock.reminder(SlaLevel.DIFFICULT, start, deadline));
        assertEquals(Optional.empty(), clock.reminder(SlaLevel.ROUTINE, start, deadline));
        // An urgent order has less than a day: remind at once rather than in the past.
        Instant urgent = clock.deadline(SlaLevel.URGENT, start, 5, null);
        assertEquals(Optional.of(start), clock.reminder(SlaLevel.URGENT, start, urgent));
    }

    @Test
    void aSuspensionPushesTheDeadlineBackByItsLength() {
        Instant deadline = china(2026, 11, 27, 0, 0);
        Instant suspended = china(2026, 11, 24, 10, 0);
        Instant resumed = china(2026, 11, 25, 16, 30);
        assertEquals(deadline.plus(Duration.ofMinutes(30 * 60 + 30)), SlaClock.resumed(deadline, suspended, resumed));
        assertThrows(IllegalArgumentException.class, () -> SlaClock.resumed(deadline, resumed, suspended));
        assertTrue(SlaClock.isOverdue(deadline, deadline));
        assertFalse(SlaClock.isOverdue(deadline, deadline.minusMillis(1)));
        assertFalse(SlaClock.isOverdue(null, deadline));
    }

    @Test
    void deadlinesAreDaysInChinaWhateverTheServerZone() {
        // 2026-11-24 17:00 UTC is already the 25th in Beijing: an urgent order then is due by the 25th's end.
        Instant lateUtc = ZonedDateTime.of(2026, 11, 24, 17, 0, 0, 0, java.time.ZoneOffset.UTC).toInstant();
        assertEquals(china(2026, 11, 26, 0, 0),
                new SlaClock(WorkingCalendar.weekdays()).deadline(SlaLevel.URGENT, lateUtc, 5, null));
    }

    @Test
    void escalationStepsCountWorkingDaysAfterTheDeadline() {
        SlaClock clock = new SlaClock(NATIONAL_DAY);
        // Due at the end of Wednesday 30 September: one working day later is the end of Thursday 8 October.
        Instant endOfDay = china(2026, 10, 1, 0, 0);
        assertEquals(china(2026, 10, 9, 0, 0), clock.escalation(endOfDay, 1, 1));
        assertEquals(china(2026, 10, 11, 0, 0), clock.escalation(endOfDay, 3, 1), "the worked Saturday counts");
        assertEquals(china(2026, 10, 11, 0, 0), clock.escalation(endOfDay, 1, 3));
        // An agreed deadline in the afternoon keeps its time of day.
        assertEquals(china(2026, 10, 8, 17, 0), clock.escalation(china(2026, 9, 30, 17, 0), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> clock.escalation(endOfDay, 0, 1));
    }
}
