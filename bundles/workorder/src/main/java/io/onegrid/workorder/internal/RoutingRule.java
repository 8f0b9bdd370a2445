package io.onegrid.workorder.internal;

import java.time.Instant;

/**
 * One version of a routing rule: reports of {@code category} located in {@code region} (or anywhere, when
 * {@code null}) go to {@code department} ({@code null}: the town command centre). The most specific current rule wins;
 * with none, the category's own department applies.
 *
 * @param id        stable across versions
 * @param version   1 for a new rule, +1 with every change
 * @param retiredAt when a newer version or a removal replaced it, {@code null} while current
 */
public record RoutingRule(long id, int version, String category, String region, String department, String reason,
        String createdBy, Instant createdAt, Instant retiredAt) {
}
