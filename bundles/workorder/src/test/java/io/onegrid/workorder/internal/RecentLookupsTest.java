package io.onegrid.workorder.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentLookupsTest {

    private Instant now = Instant.parse("2026-11-24T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anAnswerIsReusedUntilItIsOldOrCleared() {
        Map<String, String> source = new HashMap<>(Map.of("0901", "邻里纠纷"));
        AtomicInteger calls = new AtomicInteger();
        RecentLookups<String, String> cache = new RecentLookups<>(k -> {
            calls.incrementAndGet();
            return Optional.ofNullable(source.get(k));
        }, clock, 10_000);
        assertEquals(Optional.of("邻里纠纷"), cache.get("0901"));
        assertEquals(Optional.empty(), cache.get("9999"));
        source.put("0901", "changed elsewhere");
        source.put("9999", "new");
        assertEquals(Optional.of("邻里纠纷"), cache.get("0901"));
        assertEquals(Optional.empty(), cache.get("9999"), "absence is remembered too");
        assertEquals(2, calls.get());
        now = now.plusSeconds(10);
        assertEquals(Optional.of("changed elsewhere"), cache.get("0901"));
        source.put("0901", "changed here");
        cache.clear();
        assertEquals(Optional.of("changed here"), cache.get("0901"));
        assertEquals(Optional.of("new"), cache.get("9999"));
        assertEquals(5, calls.get());
    }
}
