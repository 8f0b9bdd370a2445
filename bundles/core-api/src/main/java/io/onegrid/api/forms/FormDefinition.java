package io.onegrid.api.forms;

import java.util.List;

/**
 * A new collection form, as {@code POST /api/v1/forms} takes it.
 *
 * @param code        stable identifier: lower-case letters, digits and dashes, starting with a letter, e.g.
 *                    {@code self-built-house}
 * @param titleZh     title in Simplified Chinese
 * @param titleEn     title in English; may be {@code null}
 * @param ownerRegion the county, town or village that owns the form (12-digit code)
 * @param entryLevels levels below the owner that may submit records: {@code town}, {@code village}, {@code grid}
 * @param queryLevels levels below the owner that may read records
 * @param schemaJson  the JSON Schema (draft 2019-09) of a record, as JSON text
 */
public record FormDefinition(String code, String titleZh, String titleEn, String ownerRegion, List<String> entryLevels,
        List<String> queryLevels, String schemaJson) {

    public FormDefinition {
        entryLevels = entryLevels == null ? List.of() : List.copyOf(entryLevels);
        queryLevels = queryLevels == null ? List.of() : List.copyOf(queryLevels);
    }
}
