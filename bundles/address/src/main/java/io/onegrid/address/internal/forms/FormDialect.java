package io.onegrid.address.internal.forms;

import java.util.List;
import java.util.Set;

/**
 * The JSON Schema dialect of collection forms: draft 2019-09, restricted to the keywords that the bundled validator
 * (networknt 1.0.79) really enforces.
 *
 * <p>Why 2019-09 and not 2020-12: networknt 1.0.79 does not implement the 2020-12 {@code items} keyword (it logs
 * "Unknown keyword items" and ignores it), so list fields of a 2020-12 form would go unchecked.
 *
 * <p>Why our own meta-schema: 1.0.79 ships no draft 2019-09 meta-schema (it would download it), and the official one
 * relies on {@code $recursiveRef}, which 1.0.79 does not implement, so sub-schemas would go unchecked. This one uses
 * plain local {@code $ref}s and is stricter than the official one on purpose:
 * <ul>
 *   <li>unknown keywords are refused rather than ignored, so a typo such as {@code "minimun"} cannot silently switch
 *       a check off; {@code x-…} members are free for annotations (labels, widgets);</li>
 *   <li>keywords the validator ignores or gets wrong are refused: {@code $id}, {@code $anchor},
 *       {@code $recursiveRef}, {@code $recursiveAnchor}, {@code $vocabulary}, {@code unevaluatedProperties},
 *       {@code unevaluatedItems}, {@code minContains}, {@code maxContains}, {@code readOnly}/{@code writeOnly} (which
 *       1.0.79 turns into "cannot be changed" errors), the content keywords, and the draft-7 {@code definitions} and
 *       {@code dependencies};</li>
 *   <li>{@code $ref} may only point into the same document ({@code #} or {@code #/…}); nothing is ever fetched;</li>
 *   <li>{@code format} must be one of {@link #FORMATS}, all of which 1.0.79 asserts (it ignores unknown ones).</li>
 * </ul>
 */
final class FormDialect {

    static final String URI = "https://json-schema.org/draft/2019-09/schema";

    /** Formats the validator checks; {@code regex} is left out because 1.0.79 does not check it. */
    static final List<String> FORMATS = List.of("date", "date-time", "time", "email", "uri", "uuid", "ipv4", "ipv6",
            "hostname", "duration");

    /** Keywords whose value is one sub-schema. */
    static final Set<String> SCHEMA_KEYWORDS = Set.of("additionalItems", "contains", "additionalProperties",
            "propertyNames", "not", "if", "then", "else");
    /** Keywords whose value maps names to sub-schemas. */
    static final Set<String> SCHEMA_MAP_KEYWORDS = Set.of("properties", "patternProperties", "$defs",
            "dependentSchemas");
    /** Keywords whose value is a list of sub-schemas. */
    static final Set<String> SCHEMA_LIST_KEYWORDS = Set.of("allOf", "anyOf", "oneOf");
    /** Sub-schemas that apply to the same value as their parent, i.e. without descending into the data. */
    static final Set<String> IN_PLACE_KEYWORDS = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "dependentSchemas");

    private FormDialect() {
    }

    static final String META_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2019-09/schema",
              "$ref": "#/$defs/schema",
              "$defs": {
                "schema": {
                  "type": ["object", "boolean"],
                  "properties": {
                    "$schema": {"enum": ["https://json-schema.org/draft/2019-09/schema",
                                         "https://json-schema.org/draft/2019-09/schema#"]},
                    "$ref": {"type": "string", "pattern": "^#(/[^/#%]*)*$"},
                    "$defs": {"$ref": "#/$defs/schemaMap"},
                    "$comment": {"type": "string"},
                    "title": {"type": "string"},
                    "description": {"type": "string"},
                    "default": true,
                    "examples": {"type": "array"},
                    "deprecated": {"type": "boolean"},

                    "type": {"anyOf": [
                      {"$ref": "#/$defs/typeName"},
                      {"type": "array", "items": {"$ref": "#/$defs/typeName"}, "minItems": 1, "uniqueItems": true}
                    ]},
                    "enum": {"type": "array", "minItems": 1},
                    "const": true,
                    "multipleOf": {"type": "number", "exclusiveMinimum": 0},
                    "maximum": {"type": "number"},
                    "exclusiveMaximum": {"type": "number"},
                    "minimum": {"type": "number"},
                    "exclusiveMinimum": {"type": "number"},
                    "maxLength": {"$ref": "#/$defs/count"},
                    "minLength": {"$ref": "#/$defs/count"},
                    "pattern": {"type": "string"},
                    "format": {"$ref": "#/$defs/formatName"},
                    "maxItems": {"$ref": "#/$defs/count"},
                    "minItems": {"$ref": "#/$defs/count"},
                    "uniqueItems": {"type": "boolean"},
                    "maxProperties": {"$ref": "#/$defs/count"},
                    "minProperties": {"$ref": "#/$defs/count"},
                    "required": {"$ref": "#/$defs/names"},
                    "dependentRequired": {"type": "object", "additionalProperties": {"$ref": "#/$defs/names"}},

                    "items": {"anyOf": [{"$ref": "#/$defs/schema"}, {"$ref": "#/$defs/schemaList"}]},
                    "additionalItems": {"$ref": "#/$defs/schema"},
                    "contains": {"$ref": "#/$defs/schema"},
                    "properties": {"$ref": "#/$defs/schemaMap"},
                    "patternProperties": {"$ref": "#/$defs/schemaMap"},
                    "additionalProperties": {"$ref": "#/$defs/schema"},
                    "propertyNames": {"$ref": "#/$defs/schema"},
                    "dependentSchemas": {"$ref": "#/$defs/schemaMap"},
                    "allOf": {"$ref": "#/$defs/schemaList"},
                    "anyOf": {"$ref": "#/$defs/schemaList"},
                    "oneOf": {"$ref": "#/$defs/schemaList"},
                    "not": {"$ref": "#/$defs/schema"},
                    "if": {"$ref": "#/$defs/schema"},
                    "then": {"$ref": "#/$defs/schema"},
                    "else": {"$ref": "#/$defs/schema"}
                  },
                  "patternProperties": {"^x-": true},
                  "additionalProperties": false
                },
                "schemaMap": {"type": "object", "additionalProperties": {"$ref": "#/$defs/schema"}},
                "schemaList": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/schema"}},
                "typeName": {"enum": ["null", "boolean", "object", "array", "number", "integer", "string"]},
                "formatName": {"enum": ["date", "date-time", "time", "email", "uri", "uuid", "ipv4", "ipv6",
                                        "hostname", "duration"]},
                "count": {"type": "integer", "minimum": 0},
                "names": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}
              }
            }
            """;
}
