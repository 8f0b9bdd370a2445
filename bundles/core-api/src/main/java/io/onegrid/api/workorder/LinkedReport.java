package io.onegrid.api.workorder;

import java.time.Instant;

/**
 * A near-duplicate report linked to an order instead of creating a second one; kept for the callback.
 *
 * @param reporter phone masked unless the caller handles or dispatches the order
 */
public record LinkedReport(long id, String channel, String description, String addressCode, Double lon, Double lat,
        Reporter reporter, String createdBy, Instant createdAt) {
}
