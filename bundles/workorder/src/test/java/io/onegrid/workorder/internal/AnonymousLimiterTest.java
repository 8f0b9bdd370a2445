package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnonymousLimiterTest {

    @Test
    void eachAddressGetsItsQuotaPerSlidingHour() {
        DemoWorld.MutableClock clock = new DemoWorld.MutableClock(Instant.parse("2026-11-24T02:00:00Z"));
        AnonymousLimiter limiter = new AnonymousLimiter(clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("10.0.0.1", 3));
            clock.advance(Duration.ofMinutes(10));
        }
        long wait = limiter.acquire("10.0.0.1", 3);
        assertEquals(30 * 60, wait, "the first report leaves the window 30 minutes from now");
        assertEquals(0, limiter.acquire("10.0.0.2", 3), "another address has its own quota");
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, limiter.acquire("10.0.0.1", 3));
        assertTrue(limiter.acquire("10.0.0.1", 3) > 0);
    }

    @Test
    void forgottenAddressesKeepMemoryBounded() {
        AnonymousLimiter limiter = new AnonymousLimiter(new DemoWorld.MutableClock(Instant.EPOCH));
        for (int i = 0; i < AnonymousLimiter.MAX_ADDRESSES + 50; i++) {
            assertEquals(0, limiter.acquire("10.1." + (i / 256) + "." + (i % 256), 1));
        }
        assertEquals(0, limiter.acquire("10.1.0.0", 1), "the eldest address was forgotten");
        assertTrue(limiter.acquire("10.1.0.0", 1) > 0);
    }
}
