package io.onegrid.address.internal.collect;

import java.time.Instant;
import java.util.Map;

/**
 * Filters of the record list; {@code null} members do not filter.
 *
 * @param subjectId   records about this house code or resident id
 * @param subjectKind records about houses ({@code HOUSE}) or residents ({@code RESIDENT})
 * @param region      records whose subject lies in this region (village, grid, …)
 * @param from        submitted at or after
 * @param to          submitted before
 * @param fields      top-level field name → value that must be equal
 */
record RecordQuery(String subjectId, String subjectKind, String region, Instant from, Instant to,
        Map<String, String> fields) {

    RecordQuery {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    static RecordQuery all() {
        return new RecordQuery(null, null, null, null, null, Map.of());
    }
}
