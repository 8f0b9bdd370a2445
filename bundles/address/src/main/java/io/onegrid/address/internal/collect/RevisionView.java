package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One state of a record: the submission or a revision, with the form version it was validated against. */
public record RevisionView(long version, int formVersion, JsonNode data, String changedBy, Instant changedAt) {
}
