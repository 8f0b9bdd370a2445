package io.onegrid.plugin.flood.internal;

import static io.onegrid.plugin.flood.internal.AlarmRule.Decision.CLEAR;
import static io.onegrid.plugin.flood.internal.AlarmRule.Decision.NONE;
import static io.onegrid.plugin.flood.internal.AlarmRule.Decision.RAISE;
import static io.onegrid.plugin.flood.internal.AlarmRule.Decision.UPDATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlarmRuleTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    static final double WARNING = 2.0;
    static final double HYSTERESIS = 0.1;

    static AlarmRule.Decision level(AlarmRule rule, int minute, double level) {
        boolean[] c = AlarmRule.level(level, WARNING, HYSTERESIS);
        return rule.step(T0.plusSeconds(60L * minute), c[0], c[1]);
    }

    @Test
    void withoutMinimumDurationTheFirstReadingAboveRaisesAndRepeatsUpdate() {
        AlarmRule rule = new AlarmRule(Duration.ZERO, false);
        assertEquals(NONE, level(rule, 0, 1.5));
        assertEquals(RAISE, level(rule, 1, 2.0));
        assertEquals(UPDATE, level(rule, 2, 2.4));
        assertEquals(UPDATE, level(rule, 3, 2.6));
        assertTrue(rule.active());
    }

    @Test
    void aNoisyGaugeAtTheLineDoesNotFlap() {
        AlarmRule rule = new AlarmRule(Duration.ZERO, false);
        assertEquals(RAISE, level(rule, 0, 2.01));
        // inside the hysteresis band: still active, only updated
        assertEquals(UPDATE, level(rule, 1, 1.99));
        assertEquals(UPDATE, level(rule, 2, 2.02));
        assertEquals(UPDATE, level(rule, 3, 1.91));
        assertEquals(CLEAR, level(rule, 4, 1.89));
        assertFalse(rule.active());
        assertEquals(NONE, level(rule, 5, 1.95));
    }

    @Test
    void theMinimumDurationHoldsForRaiseAndClear() {
        AlarmRule rule = new AlarmRule(Duration.ofMinutes(5), false);
        assertEquals(NONE, level(rule, 0, 2.2));
        assertEquals(NONE, level(rule, 3, 2.3));
        assertEquals(NONE, level(rule, 4, 1.0), "a dip resets the wait");
        assertEquals(NONE, level(rule, 5, 2.2));
        assertEquals(NONE, level(rule, 9, 2.2));
        assertEquals(RAISE, level(rule, 10, 2.2));
        assertEquals(UPDATE, level(rule, 11, 1.5));
        assertEquals(UPDATE, level(rule, 14, 1.5));
        assertEquals(UPDATE, level(rule, 15, 2.5), "back above resets the clear wait");
        assertEquals(UPDATE, level(rule, 16, 1.5));
        assertEquals(CLEAR, level(rule, 21, 1.5));
    }

    @Test
    void anAlarmActiveAtStartCanClear() {
        AlarmRule rule = new AlarmRule(Duration.ZERO, true);
        assertEquals(CLEAR, level(rule, 0, 1.0));
    }

    @Test
    void rateOfRise() {
        Instant t = T0;
        // 0.2 m in 10 minutes = 1.2 m/h
        boolean[] fast = AlarmRule.rise(1.0, t, 1.2, t.plusSeconds(600), 0.5);
        assertTrue(fast[0]);
        assertFalse(fast[1]);
        boolean[] slow = AlarmRule.rise(1.0, t, 1.05, t.plusSeconds(600), 0.5);
        assertFalse(slow[0]);
        assertTrue(slow[1]);
        assertFalse(AlarmRule.rise(1.0, t, 3.0, t.plusSeconds(7200), 0.5)[0], "a gap is not a rise");
        assertFalse(AlarmRule.rise(1.0, t, 3.0, t.plusSeconds(3600), 0.5)[0], "nor is an hour");
        assertFalse(AlarmRule.rise(1.0, t, 3.0, t.plusSeconds(60), null)[0], "no limit, no rule");
        assertFalse(AlarmRule.rise(null, null, 3.0, t, 0.5)[0]);
    }
}
