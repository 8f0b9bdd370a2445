package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One version of a form's schema. */
public record FormVersionView(String formCode, int version, JsonNode schema, String createdBy, Instant createdAt) {
}
