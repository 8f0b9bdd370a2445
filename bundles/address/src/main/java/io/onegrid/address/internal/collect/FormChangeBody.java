package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /forms/{code}}: members left out stay as they are. A {@code schema} that differs from the
 * current one becomes a new version; records already stored keep the version they were validated against.
 *
 * @param status {@code ACTIVE} or {@code RETIRED} (a retired form takes no new records or revisions)
 */
public record FormChangeBody(String titleZh, String titleEn, Sharing sharing, String status, JsonNode schema) {
}
