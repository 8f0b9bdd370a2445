package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /forms}.
 *
 * @param code        lower-case letters, digits and dashes, starting with a letter; 2 to 48 characters
 * @param ownerRegion the county, town or village that owns the form
 * @param sharing     levels below the owner that may submit and read records; none when left out
 * @param schema      JSON Schema (draft 2019-09) of a record
 */
public record NewFormBody(String code, String titleZh, String titleEn, String ownerRegion, Sharing sharing,
        JsonNode schema) {
}
