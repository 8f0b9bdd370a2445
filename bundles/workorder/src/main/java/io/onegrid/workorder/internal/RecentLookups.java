package io.onegrid.workorder.internal;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of a look-up that rarely changes (a category, the current routing rules of a category, a grid's worker,
 * whether a department exists), kept for a few seconds so that intake does not spend one read transaction on each of
 * them for every report. A change made on this node clears them at once; one made on another node is seen here within
 * {@code maxAgeMillis}, which routing tolerates: the trail names the rule version that routed each order.
 */
final class RecentLookups<K, V> {

    /** How long an answer is used: short enough for an operator not to notice a change made on another node. */
    static final long DEFAULT_MAX_AGE_MILLIS = 10_000;
    /** Entries kept at most; beyond it the map is simply cleared (the look-ups are cheap to refill). */
    static final int MAX_ENTRIES = 50_000;

    private record Entry<V>(Optional<V> value, long at) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Function<K, Optional<V>> lookup;
    private final Clock clock;
    private final long maxAgeMillis;

    RecentLookups(Function<K, Optional<V>> lookup, Clock clock, long maxAgeMillis) {
        this.lookup = lookup;
        this.clock = clock;
        this.maxAgeMillis = maxAgeMillis;
    }

    Optional<V> get(K key) {
        long now = clock.millis();
        Entry<V> e = entries.get(key);
        if (e != null && now - e.at() < maxAgeMillis) {
            return e.value();
        }
        Optional<V> value = lookup.apply(key);
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }

    void clear() {
        entries.clear();
    }
}
