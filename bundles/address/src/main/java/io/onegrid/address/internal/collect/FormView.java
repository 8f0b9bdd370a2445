package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A collection form as the API shows it; {@code schema} (of the current version) is left out of lists.
 *
 * @param rights what the caller may do with it
 */
public record FormView(String code, String titleZh, String titleEn, String ownerRegion, Sharing sharing,
        String status, int currentVersion, String createdBy, Instant createdAt, Instant updatedAt, Rights rights,
        JsonNode schema) {
}
