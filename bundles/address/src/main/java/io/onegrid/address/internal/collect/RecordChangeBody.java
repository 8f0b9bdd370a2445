package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PUT /forms/{code}/records/{id}}.
 *
 * @param version the record's version the change is based on; a stale one is refused with 409
 * @param data    the whole new record, validated against the form's current version
 */
public record RecordChangeBody(Long version, JsonNode data) {
}
