package io.onegrid.api.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one part of OneGrid.
 *
 * @param status  UP or DOWN
 * @param details what an operator needs to know (versions, counts, the reason when DOWN); JSON-serialisable values
 */
public record Health(HealthStatus status, Map<String, Object> details) {

    public Health {
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Health up(Map<String, Object> details) {
        return new Health(HealthStatus.UP, details);
    }

    public static Health down(String reason, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("reason", reason);
        all.putAll(details);
        return new Health(HealthStatus.DOWN, all);
    }
}
