package io.onegrid.workorder.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sliding one-hour window of anonymous reports per client address, in memory on each node. It keeps a flood from one
 * address off the command centre; it is not a security boundary (behind a reverse proxy every resident shares the
 * proxy's address, so set the limit for that case, or let the proxy limit).
 */
final class AnonymousLimiter {

    static final long WINDOW_MILLIS = 3_600_000L;
    /** Addresses remembered at most; the least recently seen are forgotten first. */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> seen = new LinkedHashMap<>(256, 0.75f, true);

    AnonymousLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one report from {@code address}.
     *
     * @return 0 when allowed, else the seconds until the next one would be
     */
    synchronized long acquire(String address, int perHour) {
        long now = clock.millis();
        Deque<Long> times = seen.computeIfAbsent(address == null ? "?" : address, a -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
            times.pollFirst();
        }
        if (times.size() >= perHour) {
            return Math.max(1, (times.peekFirst() + WINDOW_MILLIS - now + 999) / 1000);
        }
        times.addLast(now);
        if (seen.size() > MAX_ADDRESSES) {
            Iterator<Map.Entry<String, Deque<Long>>> eldest = seen.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return 0;
    }

    /**
     * Counts one request from {@code address}, or refuses it with 429 and the seconds to wait.
     *
     * @param what   what is limited, for the message ("anonymous reports")
     * @param advice appended to the message, e.g. " or call the hotline"; may be empty
     */
    void require(String address, int perHour, String what, String advice) {
        long wait = acquire(address, perHour);
        if (wait > 0) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many " + what + " from this address; try"
                    + " again in " + wait + " seconds" + advice, Map.of("retryAfterSeconds", wait), null);
        }
    }
}
