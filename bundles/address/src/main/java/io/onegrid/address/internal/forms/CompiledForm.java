package io.onegrid.address.internal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;

/**
 * A form schema that {@link FormSchemas#compile} accepted, ready to validate records. Immutable and thread-safe; keep
 * it (per form and version) rather than compiling the schema for every record.
 */
public final class CompiledForm {

    private final JsonNode schema;
    private final JsonSchema validator;

    CompiledForm(JsonNode schema, JsonSchema validator) {
        this.schema = schema;
        this.validator = validator;
    }

    /** A copy of the schema the form was compiled from. */
    public JsonNode schema() {
        return schema.deepCopy();
    }

    JsonSchema validator() {
        return validator;
    }
}
