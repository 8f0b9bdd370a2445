package io.onegrid.samples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HydrographTest {

    private final Hydrograph storm = new Hydrograph(1.0, 3.2, Duration.ofHours(2), 3, 0.01, 7);

    @Test
    void startsAtTheBasePeaksAtTheTimeToPeakAndRecedesTowardsTheBase() {
        assertEquals(1.0, storm.level(Duration.ZERO), 1e-9);
        assertEquals(1.0, storm.level(Duration.ofMinutes(-5)), 1e-9, "before the storm: the base");
        assertEquals(3.2, storm.level(Duration.ofHours(2)), 1e-9);
        double max = 0;
        for (int m = 0; m <= 12 * 60; m++) {
            max = Math.max(max, storm.level(Duration.ofMinutes(m)));
        }
        assertEquals(3.2, max, 1e-9, "nothing above the peak");
        assertTrue(storm.level(Duration.ofHours(24)) < 1.01, "back near the base a day later");
    }

    @Test
    void risesThenFallsMonotonically() {
        for (int m = 1; m <= 120; m++) {
            assertTrue(storm.level(Duration.ofMinutes(m)) > storm.level(Duration.ofMinutes(m - 1)), "rising at " + m);
        }
        for (int m = 121; m <= 24 * 60; m++) {
            assertTrue(storm.level(Duration.ofMinutes(m)) < storm.level(Duration.ofMinutes(m - 1)), "falling at " + m);
        }
    }

    @Test
    void crossesTheWarningAndGuaranteeLevelsAndRecedesMoreSlowlyThanItRose() {
        // first minute above 2.0 (warning) and 3.0 (guarantee) on the way up, last on the way down
        int upWarning = first(2.0);
        int upGuarantee = first(3.0);
        int downWarning = last(2.0);
        assertTrue(upWarning > 0 && upWarning < upGuarantee && upGuarantee < 120);
        assertTrue(downWarning > 120);
        assertTrue(downWarning - 120 > 120 - upWarning, "the recession above warning lasts longer than the rise: "
                + upWarning + " → 120 → " + downWarning);
    }

    @Test
    void noiseIsSmallSeededAndRoundedToTheMillimetre() {
        Hydrograph again = new Hydrograph(1.0, 3.2, Duration.ofHours(2), 3, 0.01, 7);
        double sumSq = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            Duration t = Duration.ofMinutes(i % 600);
            double m = storm.measured(t);
            assertEquals(m, again.measured(t), 0, "same seed, same readings");
            assertEquals(Math.round(m * 1000) / 1000.0, m, 0);
            double d = m - storm.level(t);
            assertTrue(Math.abs(d) < 0.06, "within 6 sigma: " + d);
            sumSq += d * d;
        }
        double sigma = Math.sqrt(sumSq / n);
        assertTrue(sigma > 0.007 && sigma < 0.013, "standard deviation about 0.01: " + sigma);
    }

    @Test
    void refusesImpossibleStorms() {
        assertThrows(IllegalArgumentException.class, () -> new Hydrograph(3, 1, Duration.ofHours(1), 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Hydrograph(1, 3, Duration.ZERO, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Hydrograph(1, 3, Duration.ofHours(1), 0, 0, 1));
    }

    private int first(double level) {
        for (int m = 0; m < 24 * 60; m++) {
            if (storm.level(Duration.ofMinutes(m)) >= level) {
                return m;
            }
        }
        return -1;
    }

    private int last(double level) {
        int last = -1;
        for (int m = 0; m < 24 * 60; m++) {
            if (storm.level(Duration.ofMinutes(m)) >= level) {
                last = m;
            }
        }
        return last;
    }
}
