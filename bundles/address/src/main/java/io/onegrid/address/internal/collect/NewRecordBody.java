package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /forms/{code}/records}.
 *
 * @param subjectKind {@code HOUSE} (a standard address code) or {@code RESIDENT} (a resident id)
 * @param data        the record, validated against the form's current version
 */
public record NewRecordBody(String subjectKind, String subjectId, JsonNode data) {
}
