package io.onegrid.address.internal.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 自建房登记: the self-built house registration form. */
    private static final String HOUSE_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2019-09/schema",
              "title": "自建房登记",
              "type": "object",
              "required": ["ownerName", "floors", "builtYear", "usage", "hasPermit"],
              "additionalProperties": false,
              "properties": {
                "ownerName": {"type": "string", "minLength": 1, "maxLength": 50, "title": "户主姓名"},
                "floors":    {"type": "integer", "minimum": 1, "maximum": 10, "title": "层数"},
                "builtYear": {"type": "integer", "minimum": 1900, "maximum": 2100, "title": "建成年份"},
                "usage":     {"enum": ["自住", "出租", "经营", "闲置"], "title": "用途"},
                "hasPermit": {"type": "boolean", "title": "是否取得规划许可", "x-widget": "switch"},
                "photos":    {"type": "array", "items": {"$ref": "#/$defs/photo"}, "maxItems": 3},
                "surveyed":  {"type": "string", "format": "date"}
              },
              "$defs": {"photo": {"type": "string", "format": "uuid"}}
            }
            """;

    private static final String VALID_HOUSE = """
            {"ownerName": "王建国", "floors": 3, "builtYear": 1998, "usage": "自住", "hasPermit": true,
             "photos": ["3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6b"], "surveyed": "2024-05-20"}
            """;

    private static HttpServer server;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger CONTROL_REQUESTS = new AtomicInteger();
    private static String base;

    @BeforeAll
    static void startTrap() throws IOException {
        // A local server that answers with a permissive schema: if anything is ever fetched, it is counted here.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            (exchange.getRequestURI().getPath().startsWith("/control/") ? CONTROL_REQUESTS : REQUESTS).incrementAndGet();
            byte[] body = "{\"type\":\"integer\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopTrap() {
        server.stop(0);
        assertEquals(0, REQUESTS.get(), "nothing may ever be fetched");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode house() {
        return (ObjectNode) json(VALID_HOUSE);
    }

    private static CompiledForm houseForm() {
        return FormSchemas.compile(json(HOUSE_SCHEMA));
    }

    private static Set<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static List<Violation> errors(ProblemException e) {
        return (List<Violation>) e.extensions().get("errors");
    }

    private static List<Violation> refusal(String schema) {
        return refusal(json(schema), Locale.ENGLISH);
    }

    private static List<Violation> refusal(JsonNode schema, Locale locale) {
        ProblemException e = assertThrows(ProblemException.class, () -> FormSchemas.compile(schema, locale));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        return errors(e);
    }

    private static String messageAt(List<Violation> violations, String field) {
        return violations.stream().filter(v -> field.equals(v.field())).map(Violation::message).findFirst()
                .orElseThrow(() -> new AssertionError("no violation at " + field + ": " + violations));
    }

    // --- records -------------------------------------------------------------------------------------------------

    @Test
    void aValidRecordPasses() {
        assertEquals(List.of(), FormSchemas.validate(houseForm(), house()));
        ObjectNode minimal = house();
        minimal.remove(List.of("photos", "surveyed"));
        assertEquals(List.of(), FormSchemas.validate(houseForm(), minimal));
        minimal.put("floors", 3.0);
        assertEquals(List.of(), FormSchemas.validate(houseForm(), minimal), "3.0 is an integer in draft 2019-09");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "floors    | 0               | /floors    | must be at least 1",
        "floors    | 11              | /floors    | must be at most 10",
        "floors    | 2.5             | /floors    | must be an integer, not a number",
        "floors    | '\"3\"'         | /floors    | must be an integer, not a text",
        "floors    | null            | /floors    | must be an integer, not null",
        "ownerName | '\"\"'          | /ownerName | must be at least 1 characters long",
        "ownerName | 7               | /ownerName | must be a text, not an integer",
        "builtYear | 1899            | /builtYear | must be at least 1900",
        "builtYear | '\"1998\"'      | /builtYear | must be an integer, not a text",
        "usage     | '\"仓库\"'      | /usage     | must be one of [自住, 出租, 经营, 闲置]",
        "hasPermit | '\"yes\"'       | /hasPermit | must be true or false, not a text",
        "hasPermit | 1               | /hasPermit | must be true or false, not an integer",
        "photos    | '[\"3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6b\",\"3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6c\",\"3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6d\",\"3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6e\"]' | /photos | must have at most 3 items",
        "surveyed  | '\"2024-02-30\"' | /surveyed | is not a valid date",
    })
    void eachInvalidFieldIsReportedAtItsPointer(String field, String value, String pointer, String message) {
        ObjectNode record = house();
        record.set(field, json(value));
        List<Violation> violations = FormSchemas.validate(houseForm(), record);
        assertTrue(violations.contains(Violation.ofField(pointer, message)), violations::toString);
        assertEquals(Set.of(pointer), fields(violations), violations::toString);
    }

    @Test
    void eachMissingRequiredFieldIsReportedAtItsOwnPointer() {
        for (String field : List.of("ownerName", "floors", "builtYear", "usage", "hasPermit")) {
            ObjectNode record = house();
            record.remove(field);
            assertEquals(List.of(Violation.ofField("/" + field, "is required")),
                    FormSchemas.validate(houseForm(), record));
        }
    }

    @Test
    void everyProblemOfARecordIsReportedTogether() {
        JsonNode record = json("""
                {"floors": 0, "builtYear": 3000, "usage": "仓库", "hasPermit": "no",
                 "photos": ["3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6b", "not-a-uuid"], "extra": 1}
                """);
        List<Violation> violations = FormSchemas.validate(houseForm(), record);
        assertEquals(Set.of("/ownerName", "/floors", "/builtYear", "/usage", "/hasPermit", "/photos/1", "/extra"),
                fields(violations), violations::toString);
        assertEquals("is not a field of this form", messageAt(violations, "/extra"));
        assertEquals("is not a valid uuid", messageAt(violations, "/photos/1"));
        assertFalse(violations.toString().contains("not-a-uuid"), "messages do not echo the submitted values");
    }

    @Test
    void aRecordThatIsNotAnObjectConcernsTheWholeItem() {
        assertEquals(List.of(Violation.ofField(null, "must be an object, not a list")),
                FormSchemas.validate(houseForm(), json("[1]")));
    }

    @Test
    void messagesComeInSimplifiedChinese() {
        ObjectNode record = house();
        record.put("floors", 0);
        record.remove("ownerName");
        record.put("hasPermit", "是");
        record.put("extra", 1);
        List<Violation> zh = FormSchemas.validate(houseForm(), record, Locale.SIMPLIFIED_CHINESE);
        assertEquals(List.of(Violation.ofField("/extra", "不是本表单的字段"), Violation.ofField("/floors", "不能小于 1"),
                Violation.ofField("/hasPermit", "应为是/否，实际为文本"), Violation.ofField("/ownerName", "必填")), zh);
        assertEquals(zh, FormSchemas.validate(houseForm(), record, Locale.CHINESE));
        assertEquals(zh, FormSchemas.validate(houseForm(), record, Locale.forLanguageTag("zh-Hans-CN")));
        assertEquals(FormSchemas.validate(houseForm(), record),
                FormSchemas.validate(houseForm(), record, Locale.FRENCH), "other languages get English");
    }

    @Test
    void pointersAreExactForAwkwardMemberNames() {
        CompiledForm form = FormSchemas.compile(json("""
                {"type": "object",
                 "properties": {
                   "a.b":  {"type": "object", "properties": {"c": {"type": "integer"}, "d[0]": {"type": "integer"}}},
                   "a":    {"type": "object", "properties": {"b.x": {"type": "integer"}}},
                   "p/q":  {"type": "integer"},
                   "t~":   {"type": "integer"},
                   "rooms": {"type": "array", "items": {"type": "object", "required": ["area"],
                                                         "properties": {"area": {"type": "number", "minimum": 1}}}},
                   "楼层": {"type": "integer"}
                 },
                 "patternProperties": {"^n\\\\.": {"type": "integer"}}}
                """));
        JsonNode record = json("""
                {"a.b": {"c": "x", "d[0]": "y"}, "a": {"b.x": "z"}, "p/q": "w", "t~": "v",
                 "rooms": [{"area": 5}, {"area": 0}, {}], "楼层": "三", "n.x.y": "u"}
                """);
        assertEquals(Set.of("/a.b/c", "/a.b/d[0]", "/a/b.x", "/p~1q", "/t~0", "/rooms/1/area", "/rooms/2/area",
                "/楼层", "/n.x.y"), fields(FormSchemas.validate(form, record)));
    }

    @Test
    void recursiveFormsValidateNestedRecords() {
        CompiledForm form = FormSchemas.compile(json("""
                {"type": "object", "required": ["name"],
                 "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}
                """));
        JsonNode record = json("{\"name\": \"户主\", \"children\": [{\"name\": \"子女\", \"children\": [{}]}]}");
        assertEquals(List.of(Violation.ofField("/children/0/children/0/name", "is required")),
                FormSchemas.validate(form, record));
    }

    @Test
    void compositionKeywordsWork() {
        CompiledForm form = FormSchemas.compile(json("""
                {"type": "object",
                 "properties": {
                   "kind": {"enum": ["house", "shop"]},
                   "licence": {"type": "string"},
                   "phone": {"anyOf": [{"type": "string", "pattern": "^1[3-9][0-9]{9}$"}, {"type": "null"}]},
                   "tags": {"type": "array", "uniqueItems": true, "contains": {"const": "checked"}}
                 },
                 "if": {"required": ["kind"], "properties": {"kind": {"const": "shop"}}},
                 "then": {"required": ["licence"]},
                 "dependentRequired": {"licence": ["kind"]}}
                """));
        assertEquals(List.of(), FormSchemas.validate(form, json("{\"kind\": \"house\", \"phone\": null}")));
        assertEquals(List.of(Violation.ofField("/licence", "is required")),
                FormSchemas.validate(form, json("{\"kind\": \"shop\"}")));
        assertEquals(List.of(Violation.ofField("/kind", "is required when \"licence\" is given")),
                FormSchemas.validate(form, json("{\"licence\": \"L-1\"}")));
        assertEquals(Set.of("/phone"), fields(FormSchemas.validate(form, json("{\"phone\": \"12345\"}"))));
        assertEquals(List.of(Violation.ofField("/tags", "must contain at least one matching item"),
                Violation.ofField("/tags", "must not contain duplicates")),
                FormSchemas.validate(form, json("{\"tags\": [\"a\", \"a\"]}")));
    }

    @Test
    void theCompiledFormDoesNotChangeWithTheCallersTree() {
        ObjectNode schema = (ObjectNode) json(HOUSE_SCHEMA);
        CompiledForm form = FormSchemas.compile(schema);
        ((ObjectNode) schema.at("/properties/floors")).put("maximum", 100);
        ObjectNode record = house();
        record.put("floors", 50);
        assertEquals(Set.of("/floors"), fields(FormSchemas.validate(form, record)));
        assertEquals(10, form.schema().at("/properties/floors/maximum").asInt());
    }

    @Test
    void oneCompiledFormServesManyThreads() throws Exception {
        CompiledForm form = houseForm();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int floors = i % 20;
                results.add(pool.submit(() -> {
                    ObjectNode record = house();
                    record.put("floors", floors);
                    boolean expectValid = floors >= 1 && floors <= 10;
                    return FormSchemas.validate(form, record).isEmpty() == expectValid;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- schemas -------------------------------------------------------------------------------------------------

    @Test
    void theDialectAcceptsItsOwnIdentifiersAndNone() {
        for (String dialect : List.of("\"$schema\": \"https://json-schema.org/draft/2019-09/schema\",",
                "\"$schema\": \"https://json-schema.org/draft/2019-09/schema#\",", "")) {
            FormSchemas.compile(json("{" + dialect + " \"type\": \"object\"}"));
        }
        List<Violation> v = refusal("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\"}");
        assertEquals(Set.of("/$schema"), fields(v));
        assertTrue(refusal("{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\"}")
                .get(0).message().contains("2019-09"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"integr\"}                | /properties/f/type",
        "{\"type\": \"integer\", \"minimum\": \"1\"} | /properties/f/minimum",
        "{\"minLength\": -1}                   | /properties/f/minLength",
        "{\"maxLength\": 1.5}                  | /properties/f/maxLength",
        "{\"multipleOf\": 0}                   | /properties/f/multipleOf",
        "{\"enum\": []}                        | /properties/f/enum",
        "{\"enum\": \"a\"}                     | /properties/f/enum",
        "{\"required\": \"a\"}                 | /properties/f/required",
        "{\"required\": [\"a\", \"a\"]}        | /properties/f/required",
        "{\"items\": 5}                        | /properties/f/items",
        "{\"allOf\": []}                       | /properties/f/allOf",
        "{\"properties\": {\"g\": 3}}          | /properties/f/properties/g",
        "{\"format\": \"phone\"}               | /properties/f/format",
        "{\"format\": \"regex\"}               | /properties/f/format",
        "7                                     | /properties/f",
    })
    void schemasThatBreakTheMetaSchemaAreRefused(String fieldSchema, String pointer) {
        List<Violation> v = refusal("{\"type\": \"object\", \"properties\": {\"f\": " + fieldSchema + "}}");
        assertEquals(Set.of(pointer), fields(v), v::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimun", "$id", "$anchor", "$recursiveRef", "$recursiveAnchor", "$vocabulary",
        "definitions", "dependencies", "unevaluatedProperties", "unevaluatedItems", "minContains", "maxContains",
        "readOnly", "writeOnly", "nullable", "contentMediaType"})
    void unknownAndUnenforcedKeywordsAreRefused(String keyword) {
        ObjectNode schema = (ObjectNode) json("{\"type\": \"object\", \"properties\": {\"f\": {\"type\": \"integer\"}}}");
        ((ObjectNode) schema.at("/properties/f")).set(keyword, json(keyword.startsWith("$") ? "\"x\"" : "true"));
        List<Violation> v = refusal(schema, Locale.ENGLISH);
        assertEquals(List.of(Violation.ofField("/properties/f/" + keyword, "is not a supported keyword")), v);
        assertEquals("不是支持的关键字", refusal(schema, Locale.SIMPLIFIED_CHINESE).get(0).message());
    }

    @Test
    void annotationsWithAnXPrefixAreFree() {
        CompiledForm form = FormSchemas.compile(json("{\"type\": \"object\", \"x-order\": [\"x-code\"], "
                + "\"properties\": {\"x-code\": {\"type\": \"integer\", \"x-label\": \"编码\"}}}"));
        assertEquals(List.of(Violation.ofField("/x-code", "must be an integer, not a text")),
                FormSchemas.validate(form, json("{\"x-code\": \"A1\"}")), "a field named x-… is still a field");
        assertEquals("编码", form.schema().at("/properties/x-code/x-label").asText(), "annotations are kept");
        FormSchemas.compile(json("{\"type\": \"object\", \"x-label\": {\"zh\": \"表单\"}, \"properties\": "
                + "{\"f\": {\"type\": \"integer\", \"x-widget\": \"slider\", \"$comment\": \"步长 1\", "
                + "\"description\": \"d\", \"default\": 1, \"examples\": [1, 2], \"deprecated\": false}}}"));
    }

    @Test
    void theRootMustBeAnObjectSchema() {
        assertEquals(List.of(Violation.ofField(null, "a form schema is a JSON object")), refusal("true"));
        assertEquals(List.of(Violation.ofField(null, "a form schema is a JSON object")), refusal("[]"));
        assertEquals(Set.of("/type"), fields(refusal("{\"properties\": {}}")));
        assertEquals(Set.of("/type"), fields(refusal("{\"type\": \"array\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s/evil.json", "%s/evil.json#/$defs/x", "//127.0.0.1/evil.json", "evil.json",
        "file:///etc/passwd", "classpath:/draftv4.schema.json", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
        "jar:file:/tmp/x.jar!/a.json", "#/$defs/a#b", "#/$defs/%61"})
    void nonLocalReferencesAreRefusedAndNeverFetched(String ref) {
        String target = ref.contains("%s") ? String.format(ref, base) : ref;
        ObjectNode schema = (ObjectNode) json("{\"type\": \"object\", \"properties\": {\"a\": {}}, "
                + "\"$defs\": {\"a\": {\"type\": \"integer\"}}}");
        ((ObjectNode) schema.at("/properties/a")).put("$ref", target);
        List<Violation> v = refusal(schema, Locale.ENGLISH);
        assertEquals(List.of(Violation.ofField("/properties/a/$ref", "may only refer into this document ('#' or '#/…')")),
                v);
        assertEquals(0, REQUESTS.get());
    }

    @Test
    void theValidatorItselfRefusesToFetchRemoteReferences() {
        // Straight to the library, past every check of FormSchemas: the refusing fetchers are the last line.
        for (String schema : List.of(
                "{\"properties\": {\"a\": {\"$ref\": \"" + base + "/evil.json\"}}}",
                "{\"$id\": \"" + base + "/base.json\", \"properties\": {\"a\": {\"$ref\": \"evil.json\"}}}",
                "{\"properties\": {\"a\": {\"$ref\": \"file:///etc/passwd\"}}}",
                "{\"properties\": {\"a\": {\"$ref\": \"classpath:/draftv4.schema.json\"}}}",
                "{\"$schema\": \"" + base + "/meta.json\", \"type\": \"object\"}")) {
            assertThrows(RuntimeException.class, () -> FormSchemas.build(json(schema)).validate(json("{\"a\": 1}")),
                    schema);
        }
        assertEquals(0, REQUESTS.get(), "the trap server was never asked");
    }

    @Test
    void theTrapServerWouldNoticeAFetch() {
        // Positive control: with its default factory the library does load a remote reference, and the trap sees it.
        JsonSchema plain = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                .getSchema(json("{\"properties\": {\"a\": {\"$ref\": \"" + base + "/control/int.json\"}}}"));
        assertEquals(1, plain.validate(json("{\"a\": \"not an integer\"}")).size());
        assertTrue(CONTROL_REQUESTS.get() > 0);
    }

    @Test
    void localReferencesMustPointAtASchema() {
        List<Violation> v = refusal("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/missing\"},"
                + " \"b\": {\"$ref\": \"#/properties/a/type\"}, \"c\": {\"$ref\": \"#/$defs/ok\"}},"
                + " \"$defs\": {\"ok\": true}}");
        assertEquals(List.of(Violation.ofField("/properties/a/$ref", "does not point at a schema in this document"),
                Violation.ofField("/properties/b/$ref", "does not point at a schema in this document")), v);
    }

    @Test
    void referenceLoopsThatNeverReachTheDataAreRefused() {
        assertEquals(Set.of("/$defs/a/$ref"), fields(refusal("{\"type\": \"object\", \"properties\": {\"x\": "
                + "{\"$ref\": \"#/$defs/a\"}}, \"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}}")));
        assertEquals(Set.of("/allOf/0/$ref"), fields(refusal("{\"type\": \"object\", \"allOf\": [{\"$ref\": \"#\"}]}")));
        assertEquals(1, refusal("{\"type\": \"object\", \"properties\": {\"x\": {\"not\": {\"anyOf\": "
                + "[{\"$ref\": \"#/properties/x\"}]}}}}").size());
        assertEquals(1, refusal("{\"type\": \"object\", \"$defs\": {\"s\": {\"$ref\": \"#/$defs/s\"}}}").size(),
                "even an unused loop is refused");
    }

    @Test
    void overlyLongReferenceChainsAreRefused() {
        FormSchemas.compile(chain(SchemaChecks.MAX_IN_PLACE_CHAIN - 1));
        List<Violation> v = refusal(chain(SchemaChecks.MAX_IN_PLACE_CHAIN), Locale.ENGLISH);
        assertEquals(List.of(Violation.ofField("/$defs/d" + SchemaChecks.MAX_IN_PLACE_CHAIN,
                "ends a chain of more than 64 nested references and combinators")), v);
    }

    /** {@code /properties/f → $defs/d0 → d1 → … → d(links)}: links + 1 references followed in place. */
    private static JsonNode chain(int links) {
        ObjectNode schema = (ObjectNode) json("{\"type\": \"object\", \"properties\": {\"f\": {\"$ref\": \"#/$defs/d0\"}}}");
        ObjectNode defs = schema.putObject("$defs");
        for (int i = 0; i < links; i++) {
            defs.putObject("d" + i).put("$ref", "#/$defs/d" + (i + 1));
        }
        defs.putObject("d" + links).put("type", "integer");
        return schema;
    }

    @Test
    void invalidRegularExpressionsAreRefused() {
        List<Violation> v = refusal("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", "
                + "\"pattern\": \"([a-z\"}}, \"patternProperties\": {\"(\": {}}}");
        assertEquals(List.of(Violation.ofField("/patternProperties/(", "is not a valid regular expression"),
                Violation.ofField("/properties/a/pattern", "is not a valid regular expression")), v);
    }

    @Test
    void schemaMessagesComeInChineseToo() {
        List<Violation> v = refusal(json("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"" + base
                + "/x.json\"}, \"b\": {\"minimum\": \"1\"}}}"), Locale.SIMPLIFIED_CHINESE);
        assertEquals(List.of(Violation.ofField("/properties/a/$ref", "只能引用本文档内的定义（# 或 #/…）"),
                Violation.ofField("/properties/b/minimum", "应为数字，实际为文本")), v);
    }

    // --- limits --------------------------------------------------------------------------------------------------

    /** A house schema padded through its description to exactly {@code bytes} bytes of compact JSON. */
    private static ObjectNode schemaOfSize(int bytes) throws IOException {
        ObjectNode schema = (ObjectNode) json(HOUSE_SCHEMA);
        schema.put("description", "");
        int size = JSON.writeValueAsBytes(schema).length;
        schema.put("description", "说".repeat((bytes - size) / 3) + "x".repeat((bytes - size) % 3));
        assertEquals(bytes, JSON.writeValueAsBytes(schema).length);
        return schema;
    }

    @Test
    void schemasUpTo64KilobytesAreAccepted() throws IOException {
        FormSchemas.compile(schemaOfSize(FormSchemas.MAX_SCHEMA_BYTES));
        ProblemException e = assertThrows(ProblemException.class,
                () -> FormSchemas.compile(schemaOfSize(FormSchemas.MAX_SCHEMA_BYTES + 1)));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, e.type());
        assertEquals(65536, FormSchemas.MAX_SCHEMA_BYTES);
    }

    @Test
    void recordsUpTo256KilobytesAreAccepted() throws IOException {
        CompiledForm form = FormSchemas.compile(json("{\"type\": \"object\"}"));
        ObjectNode record = JSON.createObjectNode();
        record.put("notes", "");
        int size = JSON.writeValueAsBytes(record).length;
        record.put("notes", "a".repeat(FormSchemas.MAX_RECORD_BYTES - size));
        assertEquals(List.of(), FormSchemas.validate(form, record));
        record.put("notes", "a".repeat(FormSchemas.MAX_RECORD_BYTES - size + 1));
        ProblemException e = assertThrows(ProblemException.class, () -> FormSchemas.validate(form, record));
        assertEquals(ProblemType.PAYLOAD_TOO_LARGE, e.type());
        assertEquals(262144, FormSchemas.MAX_RECORD_BYTES);
    }

    /** An object, holding a list, holding an object, … : {@code depth} containers in all. */
    private static JsonNode nested(int depth) {
        ObjectNode root = JSON.createObjectNode();
        JsonNode node = root;
        for (int level = 2; level <= depth; level++) {
            node = node.isObject() ? ((ObjectNode) node).putArray("a") : ((ArrayNode) node).addObject();
        }
        return root;
    }

    @Test
    void recordsNestUpTo32Levels() {
        CompiledForm form = FormSchemas.compile(json("{\"type\": \"object\"}"));
        assertEquals(List.of(), FormSchemas.validate(form, nested(32)));
        ProblemException e = assertThrows(ProblemException.class, () -> FormSchemas.validate(form, nested(33)));
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertTrue(errors(e).get(0).message().contains("32"));
        // Far beyond what recursion could survive; refused without a StackOverflowError.
        assertThrows(ProblemException.class, () -> FormSchemas.validate(form, nested(200_000)));
    }

    @Test
    void schemasNestUpTo32Levels() {
        // Each level of "properties" adds two levels of JSON: the "properties" object and the sub-schema.
        assertThrows(ProblemException.class, () -> FormSchemas.compile(deepSchema(16)));
        FormSchemas.compile(deepSchema(15));
        assertThrows(ProblemException.class, () -> FormSchemas.compile(nested(100_000)));
    }

    /** {@code levels} nested object fields: depth 2 * levels + 1. */
    private static JsonNode deepSchema(int levels) {
        ObjectNode root = JSON.createObjectNode().put("type", "object");
        ObjectNode node = root;
        for (int i = 0; i < levels; i++) {
            node = node.putObject("properties").putObject("f").put("type", "object");
        }
        return root;
    }

    @Test
    void limitsAreMeasuredOnTheTreeThatIsGiven() {
        assertEquals(0, depthOf("1"));
        assertEquals(1, depthOf("{}"));
        assertEquals(2, depthOf("{\"a\": [1, 2]}"));
        assertEquals(3, depthOf("[[], [[]], {}]"));
        assertTrue(JsonLimits.largerThan(json("\"abc\""), 4));
        assertFalse(JsonLimits.largerThan(json("\"abc\""), 5));
        assertTrue(JsonLimits.largerThan(json("\"楼\""), 4), "counted in UTF-8 bytes");
    }

    private static int depthOf(String text) {
        JsonNode node = json(text);
        for (int max = 0; max < 10; max++) {
            if (!JsonLimits.deeperThan(node, max)) {
                return max;
            }
        }
        throw new AssertionError();
    }

    @Test
    void aTextTooLongForTheRegexEngineIsRefusedNotThrown() {
        CompiledForm form = FormSchemas.compile(json("{\"type\": \"object\", \"properties\": {\"s\": "
                + "{\"type\": \"string\", \"pattern\": \"^([0-9]|-)*$\"}}}"));
        ObjectNode record = JSON.createObjectNode();
        record.put("s", "1-".repeat(200));
        assertEquals(List.of(), FormSchemas.validate(form, record));
        record.put("s", "1-".repeat(125_000));
        assertEquals(List.of(Violation.ofField(null,
                "a text is too long to be checked against the patterns of this form")),
                FormSchemas.validate(form, record));
        assertEquals(List.of(), FormSchemas.validate(form, json("{\"s\": \"1-2\"}")), "the form still works");
    }

    @Test
    void violationsAreListedInPointerOrder() {
        List<Violation> violations = FormSchemas.validate(houseForm(), json("{\"zeta\": 1, \"alpha\": 2}"));
        List<String> order = violations.stream().map(Violation::field).toList();
        List<String> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order);
        assertEquals(7, order.size());
    }
}
