package io.onegrid.address.internal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onegrid.api.problem.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a form schema needs beyond its meta-schema, run once the meta-schema has accepted it (so every keyword has
 * the right shape). Each of them would otherwise surface later as an opaque library exception or, worse, as a
 * {@link StackOverflowError} in the middle of validating a record:
 * <ul>
 *   <li>the root is an object schema with {@code "type": "object"} (a form collects a record of fields);</li>
 *   <li>every {@code pattern} and {@code patternProperties} name is a regular expression;</li>
 *   <li>every {@code $ref} points at a schema of this document;</li>
 *   <li>no chain of in-place applicators ({@code $ref}, {@code allOf}, {@code not}, {@code if}, …) loops back on
 *       itself or runs longer than {@link #MAX_IN_PLACE_CHAIN}: such chains are followed without descending into the
 *       data, so a loop never ends.</li>
 * </ul>
 */
final class SchemaChecks {

    static final int MAX_IN_PLACE_CHAIN = 64;

    private final Locale locale;
    /** Every schema location by its JSON pointer, in document order. */
    private final Map<String, JsonNode> locations = new LinkedHashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    private SchemaChecks(Locale locale) {
        this.locale = locale;
    }

    static List<Violation> check(JsonNode root, Locale locale) {
        SchemaChecks checks = new SchemaChecks(locale);
        checks.run(root);
        return checks.violations;
    }

    /**
     * A copy without the {@code x-…} annotations of its schema objects (member names of {@code properties} that start
     * with {@code x-} stay): the validator does not need them and would log a warning for each one at every compile.
     */
    static JsonNode withoutAnnotations(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        SchemaChecks walk = new SchemaChecks(Locale.ROOT);
        walk.collect(copy, "");
        for (JsonNode location : walk.locations.values()) {
            if (location instanceof ObjectNode object) {
                List<String> annotations = new ArrayList<>();
                object.fieldNames().forEachRemaining(name -> {
                    if (name.startsWith("x-")) {
                        annotations.add(name);
                    }
                });
                object.remove(annotations);
            }
        }
        return copy;
    }

    private void run(JsonNode root) {
        if (!root.isObject() || !"object".equals(root.path("type").asText(null))) {
            add("/type", "a form schema describes a record: its root needs \"type\": \"object\"",
                    "表单定义描述的是一条记录：根节点需要 \"type\": \"object\"");
        }
        collect(root, "");
        for (Map.Entry<String, JsonNode> location : locations.entrySet()) {
            checkPatterns(location.getKey(), location.getValue());
        }
        boolean refsResolve = true;
        for (Map.Entry<String, JsonNode> location : locations.entrySet()) {
            JsonNode ref = location.getValue().get("$ref");
            if (ref != null && !locations.containsKey(target(ref))) {
                refsResolve = false;
                add(location.getKey() + "/$ref", "does not point at a schema in this document",
                        "未指向本文档中的定义");
            }
        }
        if (refsResolve) {
            checkInPlaceChains();
        }
    }

    /** Records each sub-schema's pointer; shapes are guaranteed by the meta-schema. Depth is bounded by the caller. */
    private void collect(JsonNode schema, String pointer) {
        locations.put(pointer, schema);
        if (!schema.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            String keyword = member.getKey();
            JsonNode value = member.getValue();
            String at = pointer + "/" + escape(keyword);
            if (FormDialect.SCHEMA_KEYWORDS.contains(keyword)) {
                collect(value, at);
            } else if (FormDialect.SCHEMA_MAP_KEYWORDS.contains(keyword)) {
                for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext();) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    collect(entry.getValue(), at + "/" + escape(entry.getKey()));
                }
            } else if (FormDialect.SCHEMA_LIST_KEYWORDS.contains(keyword)
                    || ("items".equals(keyword) && value.isArray())) {
                for (int i = 0; i < value.size(); i++) {
                    collect(value.get(i), at + "/" + i);
                }
            } else if ("items".equals(keyword)) {
                collect(value, at);
            }
        }
    }

    private void checkPatterns(String pointer, JsonNode schema) {
        JsonNode pattern = schema.get("pattern");
        if (pattern != null && !compiles(pattern.asText())) {
            add(pointer + "/pattern", "is not a valid regular expression", "不是有效的正则表达式");
        }
        JsonNode patternProperties = schema.get("patternProperties");
        if (patternProperties != null) {
            patternProperties.fieldNames().forEachRemaining(name -> {
                if (!compiles(name)) {
                    add(pointer + "/patternProperties/" + escape(name), "is not a valid regular expression",
                            "不是有效的正则表达式");
                }
            });
        }
    }

    /**
     * Kahn's algorithm over the in-place edges: what it cannot remove lies on (or behind) a cycle. Iterative, as a
     * 64 KB schema can hold thousands of locations.
     */
    private void checkInPlaceChains() {
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        for (String location : locations.keySet()) {
            incoming.put(location, 0);
        }
        for (Map.Entry<String, JsonNode> location : locations.entrySet()) {
            List<String> targets = inPlaceTargets(location.getKey(), location.getValue());
            edges.put(location.getKey(), targets);
            for (String target : targets) {
                incoming.merge(target, 1, Integer::sum);
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        Map<String, Integer> chain = new HashMap<>();
        incoming.forEach((location, count) -> {
            if (count == 0) {
                ready.add(location);
                chain.put(location, 0);
            }
        });
        int removed = 0;
        String longest = null;
        while (!ready.isEmpty()) {
            String location = ready.poll();
            removed++;
            int length = chain.get(location);
            if (length > MAX_IN_PLACE_CHAIN && longest == null) {
                longest = location;
            }
            for (String target : edges.get(location)) {
                chain.merge(target, length + 1, Math::max);
                if (incoming.merge(target, -1, Integer::sum) == 0) {
                    ready.add(target);
                }
            }
        }
        if (removed < locations.size()) {
            for (Map.Entry<String, JsonNode> location : locations.entrySet()) {
                if (incoming.get(location.getKey()) > 0 && location.getValue().has("$ref")) {
                    add(location.getKey() + "/$ref",
                            "closes a loop of references that never reaches the data (it would never finish)",
                            "构成了循环引用，校验将无法结束");
                    return;
                }
            }
        }
        if (longest != null) {
            add(longest.isEmpty() ? null : longest, "ends a chain of more than " + MAX_IN_PLACE_CHAIN
                    + " nested references and combinators", "处在超过 " + MAX_IN_PLACE_CHAIN + " 层的引用或组合嵌套中");
        }
    }

    private List<String> inPlaceTargets(String pointer, JsonNode schema) {
        List<String> targets = new ArrayList<>();
        if (!schema.isObject()) {
            return targets;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null) {
            targets.add(target(ref));
        }
        for (String keyword : FormDialect.IN_PLACE_KEYWORDS) {
            JsonNode value = schema.get(keyword);
            if (value == null) {
                continue;
            }
            String at = pointer + "/" + escape(keyword);
            if (FormDialect.SCHEMA_LIST_KEYWORDS.contains(keyword)) {
                for (int i = 0; i < value.size(); i++) {
                    targets.add(at + "/" + i);
                }
            } else if (FormDialect.SCHEMA_MAP_KEYWORDS.contains(keyword)) {
                value.fieldNames().forEachRemaining(name -> targets.add(at + "/" + escape(name)));
            } else {
                targets.add(at);
            }
        }
        return targets;
    }

    /** {@code "#/$defs/a"} → {@code "/$defs/a"}; the meta-schema allows only local fragments. */
    private static String target(JsonNode ref) {
        return ref.asText().substring(1);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private void add(String field, String english, String chinese) {
        violations.add(Violation.ofField(field, FormMessages.text(locale, english, chinese)));
    }
}
