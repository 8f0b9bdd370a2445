package io.onegrid.address.internal.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.uri.URIFactory;
import com.networknt.schema.uri.URIFetcher;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Typed collection forms (随用随摸排): a county defines a form as a JSON Schema (draft 2019-09, see
 * {@link FormDialect} for the accepted keywords and why), grid workers submit records, and each record is checked
 * against its form.
 *
 * <pre>{@code
 * CompiledForm form = FormSchemas.compile(schemaJson);            // ProblemException when the schema is refused
 * List<Violation> errors = FormSchemas.validate(form, recordJson); // [] when the record is valid
 * }</pre>
 *
 * <p>Limits, checked on the JsonNode tree before anything else (a ProblemException refuses the whole input): a schema
 * takes at most {@value #MAX_SCHEMA_BYTES} bytes and a record {@value #MAX_RECORD_BYTES} bytes as compact UTF-8 JSON
 * (413 payload-too-large), and neither nests objects and arrays more than {@value #MAX_DEPTH} deep (422).
 *
 * <p>Nothing is ever loaded from outside: a form may only {@code $ref} into itself, and the validator runs with URI
 * fetchers and factories that refuse every scheme, so even a reference the checks missed cannot reach the network
 * or the file system. Thread-safe.
 */
public final class FormSchemas {

    public static final int MAX_SCHEMA_BYTES = 64 * 1024;
    public static final int MAX_RECORD_BYTES = 256 * 1024;
    public static final int MAX_DEPTH = 32;

    /** Every scheme the library knows how to load from, and a few it might learn; all refused. */
    private static final String[] SCHEMES = {"http", "https", "ftp", "ftps", "file", "jar", "classpath", "resource",
        "urn", "data", "jrt", "mailto"};

    private static final URIFetcher NO_FETCH = uri -> {
        throw new IOException("form schemas never load anything; refused to fetch " + uri);
    };

    private static final URIFactory NO_URI = new URIFactory() {
        @Override
        public URI create(String uri) {
            throw new IllegalArgumentException("form schemas never refer outside themselves; refused " + uri);
        }

        @Override
        public URI create(URI base, String uri) {
            throw new IllegalArgumentException("form schemas never refer outside themselves; refused " + uri);
        }
    };

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.builder()
            .defaultMetaSchemaURI(FormDialect.URI)
            .addMetaSchema(JsonMetaSchema.getV201909())
            .uriFetcher(NO_FETCH, SCHEMES)
            .uriFactory(NO_URI, SCHEMES)
            .build();

    private static final JsonSchema META_SCHEMA = build(parse(FormDialect.META_SCHEMA));

    private FormSchemas() {
    }

    /** {@link #compile(JsonNode, Locale)} with English messages. */
    public static CompiledForm compile(JsonNode schema) {
        return compile(schema, Locale.ENGLISH);
    }

    /**
     * Checks a form schema and prepares it for validation.
     *
     * @param locale language of the violation messages: Simplified Chinese for any {@code zh} locale, else English
     * @throws ProblemException with the reasons (JSON pointers into the schema) when the schema is refused
     */
    public static CompiledForm compile(JsonNode schema, Locale locale) {
        Objects.requireNonNull(schema, "schema");
        checkLimits(schema, MAX_SCHEMA_BYTES, "form schema", locale);
        if (!schema.isObject()) {
            throw refused(List.of(Violation.ofField(null, FormMessages.text(locale,
                    "a form schema is a JSON object", "表单定义应为 JSON 对象"))));
        }
        List<Violation> violations = FormMessages.toViolations(META_SCHEMA.validate(schema), schema, locale, true);
        if (violations.isEmpty()) {
            violations = SchemaChecks.check(schema, locale);
        }
        if (!violations.isEmpty()) {
            throw refused(violations);
        }
        // A private copy: the caller may go on mutating its tree, the compiled validator must not change with it.
        JsonNode copy = schema.deepCopy();
        try {
            return new CompiledForm(copy, build(SchemaChecks.withoutAnnotations(copy)));
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw refused(List.of(Violation.ofField(null, FormMessages.text(locale,
                    "the validator could not compile the schema: ", "校验器无法编译该表单定义：") + reason)));
        }
    }

    /** {@link #validate(CompiledForm, JsonNode, Locale)} with English messages. */
    public static List<Violation> validate(CompiledForm form, JsonNode record) {
        return validate(form, record, Locale.ENGLISH);
    }

    /**
     * Checks a record against its form.
     *
     * @param locale language of the messages: Simplified Chinese for any {@code zh} locale, else English
     * @return the reasons why the record is invalid, each with a JSON pointer into the record ({@code null} for the
     *         record as a whole), sorted by pointer; empty when it is valid
     * @throws ProblemException when the record exceeds the size or nesting limits
     */
    public static List<Violation> validate(CompiledForm form, JsonNode record, Locale locale) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(record, "record");
        checkLimits(record, MAX_RECORD_BYTES, "record", locale);
        Set<ValidationMessage> messages;
        try {
            messages = form.validator().validate(record);
        } catch (StackOverflowError e) {
            // java.util.regex recurses once per repetition of a group: a plausible pattern such as ^([0-9]|-)*$
            // exhausts the stack on a text of some 10,000 characters, well within the record limit.
            return List.of(Violation.ofField(null, FormMessages.text(locale,
                    "a text is too long to be checked against the patterns of this form",
                    "有文本过长，无法按本表单的格式要求进行校验")));
        }
        return FormMessages.toViolations(messages, record, locale, false);
    }

    /**
     * The library's view of a schema, without any of this class's checks; package-private so that a test can show
     * that the validator itself refuses to load a remote reference.
     */
    static JsonSchema build(JsonNode schema) {
        SchemaValidatorsConfig config = new SchemaValidatorsConfig();
        config.setTypeLoose(false);              // "3" is not an integer
        config.setLosslessNarrowing(true);       // 3.0 is one (draft 2019-09: integers are numbers without fraction)
        config.setHandleNullableField(false);    // "nullable" is OpenAPI, not JSON Schema
        JsonSchema compiled = FACTORY.getSchema(schema, config);
        // Build every validator now: errors and any reference resolution happen here, not with the first record.
        compiled.initializeValidators();
        return compiled;
    }

    private static void checkLimits(JsonNode json, int maxBytes, String what, Locale locale) {
        // Depth first: it is measured without recursion, while measuring the size serializes the tree recursively.
        if (JsonLimits.deeperThan(json, MAX_DEPTH)) {
            throw ProblemException.invalid("The " + what + " nests too deeply", List.of(Violation.ofField(null,
                    FormMessages.text(locale, "objects and lists nest more than " + MAX_DEPTH + " levels deep",
                            "对象和列表的嵌套超过了 " + MAX_DEPTH + " 层"))));
        }
        if (JsonLimits.largerThan(json, maxBytes)) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "A " + what + " may take at most " + maxBytes / 1024 + " KB of JSON");
        }
    }

    private static ProblemException refused(List<Violation> violations) {
        return ProblemException.invalid("The form schema was refused", violations);
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the built-in meta-schema is not JSON", e);
        }
    }
}
