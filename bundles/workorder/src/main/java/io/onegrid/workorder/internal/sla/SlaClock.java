package io.onegrid.workorder.internal.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The deadline arithmetic of the SLA clock, free of storage and timers so that it can be tested to the minute.
 * Deadlines fall at the end of a day in the calendar's zone; a suspension pushes the deadline back by as long as the
 * order was suspended, so the handler loses no time to an approved pause.
 */
public final class SlaClock {

    /** How long before the deadline a level 2+ order is reminded. */
    public static final Duration REMINDER_LEAD = Duration.ofHours(24);

    private final WorkingCalendar calendar;

    public SlaClock(WorkingCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /**
     * The deadline of an order whose clock starts at {@code start}.
     *
     * @param routineWorkingDays the category's limit for routine orders, at least 1
     * @param agreed             the agreed deadline; required for {@link SlaLevel#MAJOR}, ignored otherwise
     * @throws IllegalArgumentException for a major order without an agreed deadline later than {@code start}
     */
    public Instant deadline(SlaLevel level, Instant start, int routineWorkingDays, Instant agreed) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(start, "start");
        LocalDate day = start.atZone(calendar.zone()).toLocalDate();
        return switch (level) {
            case URGENT -> calendar.endOf(day).toInstant();
            case DIFFICULT -> calendar.endOf(calendar.addWorkingDays(day, SlaLevel.DIFFICULT_WORKING_DAYS)).toInstant();
            case ROUTINE -> calendar.endOf(calendar.addWorkingDays(day, routineWorkingDays)).toInstant();
            case MAJOR -> {
                if (agreed == null || !agreed.isAfter(start)) {
                    throw new IllegalArgumentException("A major order needs an agreed deadline after " + start);
                }
                yield agreed;
            }
        };
    }

    /** When to remind the handler, if at all: a day before the deadline for level 2+, never in the past of start. */
    public Optional<Instant> reminder(SlaLevel level, Instant start, Instant deadline) {
        if (level.number() < SlaLevel.URGENT.number()) {
            return Optional.empty();
        }
        Instant at = deadline.minus(REMINDER_LEAD);
        return Optional.of(at.isBefore(start) ? start : at);
    }

    /** The deadline after a suspension from {@code suspendedAt} to {@code resumedAt}. */
    public static Instant resumed(Instant deadline, Instant suspendedAt, Instant resumedAt) {
        if (resumedAt.isBefore(suspendedAt)) {
            throw new IllegalArgumentException("Resumed at " + resumedAt + " before suspended at " + suspendedAt);
        }
        return deadline.plus(Duration.between(suspendedAt, resumedAt));
    }

    /**
     * When an overdue order escalates for the {@code steps}-th time after going red: {@code steps × interval} working
     * days after the deadline, at the deadline's time of day. A deadline at midnight ends the day before, so it moves
     * to the end of the working day that many working days later.
     *
     * @throws IllegalArgumentException when {@code steps} or {@code intervalWorkingDays} is below 1
     */
    public Instant escalation(Instant deadline, int steps, int intervalWorkingDays) {
        if (steps < 1 || intervalWorkingDays < 1) {
            throw new IllegalArgumentException("steps and interval must be at least 1, not " + steps + " and "
                    + intervalWorkingDays);
        }
        ZonedDateTime local = deadline.atZone(calendar.zone());
        int days = steps * intervalWorkingDays;
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return calendar.endOf(calendar.addWorkingDays(local.toLocalDate().minusDays(1), days)).toInstant();
        }
        return calendar.addWorkingDays(local.toLocalDate(), days).atTime(local.toLocalTime())
                .atZone(calendar.zone()).toInstant();
    }

    public WorkingCalendar calendar() {
        return calendar;
    }

    /** Red light: still open at or after its deadline. */
    public static boolean isOverdue(Instant deadline, Instant now) {
        return deadline != null && !now.isBefore(deadline);
    }
}
