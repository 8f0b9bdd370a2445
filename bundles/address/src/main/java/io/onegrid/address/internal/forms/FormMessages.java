package io.onegrid.address.internal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.onegrid.api.problem.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the validator's messages into {@link Violation}s: a JSON pointer ({@code /owner/name}, RFC 6901) and a short
 * reason in English or Simplified Chinese.
 *
 * <p>Why not the library's texts: 1.0.79 formats them once with the JVM's default locale (no per-request locale),
 * prefixes them with a JSONPath, echoes the offending value, dumps whole sub-schemas and regular expressions, and its
 * Chinese bundle is a rough machine translation ("可能只有 3 个字符长", "唯一最小值"). Its JSONPaths ({@code $.a.b[0]})
 * are ambiguous when a member name contains a dot or a bracket, so they are matched against the actual JSON tree.
 */
final class FormMessages {

    /** Message types whose first argument names the member (or index) below the reported path that is at fault. */
    private static final Set<String> NAMED_BELOW = Set.of("required", "additionalProperties", "dependentRequired",
            "items");

    private FormMessages() {
    }

    static boolean chinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    static String text(Locale locale, String english, String chinese) {
        return chinese(locale) ? chinese : english;
    }

    /**
     * @param instance   the JSON the messages are about (the record, or the schema when checking a schema)
     * @param schemaMode whether {@code instance} is a schema checked against the meta-schema, which changes a few
     *                   wordings ("not a supported keyword" rather than "not a field of this form")
     */
    static List<Violation> toViolations(Collection<ValidationMessage> messages, JsonNode instance, Locale locale,
            boolean schemaMode) {
        Set<Violation> out = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            String[] args = message.getArguments() == null ? new String[0] : message.getArguments();
            List<String> tokens = new ArrayList<>(PathResolver.tokens(instance, message.getPath()));
            String type = message.getType();
            if (args.length > 0 && NAMED_BELOW.contains(type)) {
                tokens.add(args[0]);
            }
            String field = tokens.isEmpty() ? null : pointer(tokens);
            String last = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
            out.add(Violation.ofField(field, describe(message, args, last, locale, schemaMode)));
        }
        List<Violation> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Violation::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Violation::message));
        return sorted;
    }

    static String pointer(List<String> tokens) {
        StringBuilder sb = new StringBuilder();
        for (String token : tokens) {
            sb.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static String describe(ValidationMessage message, String[] args, String last, Locale locale,
            boolean schemaMode) {
        boolean zh = chinese(locale);
        String a0 = args.length > 0 ? args[0] : "";
        String a1 = args.length > 1 ? args[1] : "";
        switch (message.getType()) {
            case "required":
                return zh ? "必填" : "is required";
            case "additionalProperties":
                if (schemaMode) {
                    return zh ? "不是支持的关键字" : "is not a supported keyword";
                }
                return zh ? "不是本表单的字段" : "is not a field of this form";
            case "dependentRequired":
                return zh ? "填写了“" + a1 + "”时必填" : "is required when \"" + a1 + "\" is given";
            case "items":
                return zh ? "超出了列表允许的项数" : "is more than the list allows";
            case "type":
                return expected(a0, List.of(a1), zh);
            case "unionType":
                return expected(a0, splitList(a1), zh);
            case "enum":
                if (schemaMode && "$schema".equals(last)) {
                    return zh ? "只支持 JSON Schema 2019-09（" + FormDialect.URI + "）"
                            : "must be " + FormDialect.URI + " (only JSON Schema 2019-09 is supported)";
                }
                return zh ? "必须是以下之一：" + a0 : "must be one of " + a0;
            case "const":
                return zh ? "必须为 " + a0 : "must be " + a0;
            case "minimum":
                return zh ? "不能小于 " + a0 : "must be at least " + a0;
            case "maximum":
                return zh ? "不能大于 " + a0 : "must be at most " + a0;
            case "exclusiveMinimum":
                return zh ? "必须大于 " + a0 : "must be greater than " + a0;
            case "exclusiveMaximum":
                return zh ? "必须小于 " + a0 : "must be less than " + a0;
            case "multipleOf":
                return zh ? "必须是 " + a0 + " 的倍数" : "must be a multiple of " + a0;
            case "minLength":
                return zh ? "不能少于 " + a0 + " 个字符" : "must be at least " + a0 + " characters long";
            case "maxLength":
                return zh ? "不能超过 " + a0 + " 个字符" : "must be at most " + a0 + " characters long";
            case "pattern":
                if (schemaMode && "$ref".equals(last)) {
                    return zh ? "只能引用本文档内的定义（# 或 #/…）" : "may only refer into this document ('#' or '#/…')";
                }
                return zh ? "格式不符合要求（" + a0 + "）" : "does not match the pattern " + a0;
            case "minItems":
                return zh ? "至少需要 " + a0 + " 项" : "must have at least " + a0 + " items";
            case "maxItems":
                return zh ? "最多允许 " + a0 + " 项" : "must have at most " + a0 + " items";
            case "uniqueItems":
                return zh ? "不能有重复项" : "must not contain duplicates";
            case "minProperties":
                return zh ? "至少需要 " + a0 + " 个字段" : "must have at least " + a0 + " members";
            case "maxProperties":
                return zh ? "最多允许 " + a0 + " 个字段" : "must have at most " + a0 + " members";
            case "contains":
                return zh ? "至少需要一项符合要求" : "must contain at least one matching item";
            case "propertyNames":
                return zh ? "不是允许的字段名" : "is not an allowed member name";
            case "anyOf":
                return zh ? "不符合任何一种允许的形式" : "does not match any of the allowed forms";
            case "oneOf":
                return zh ? "同时符合多种互斥的形式" : "matches more than one of the mutually exclusive forms";
            case "allOf":
                return zh ? "不符合全部要求" : "does not meet all of the requirements";
            case "not":
                return zh ? "是不允许的值" : "is a value that is not allowed";
            case "false":
                return zh ? "不允许填写" : "is not allowed";
            case "dateTime":
            case "uuid":
                return invalidFormat(a1, zh);
            case "format":
                return invalidFormat(Arrays.stream(args).filter(FormDialect.FORMATS::contains).findFirst()
                        .orElse(""), zh);
            default:
                return stripLocation(message.getMessage());
        }
    }

    private static String expected(String found, List<String> expected, boolean zh) {
        if (zh) {
            return "应为" + expected.stream().map(FormMessages::typeZh).collect(Collectors.joining("或")) + "，实际为"
                    + typeZh(found);
        }
        return "must be " + expected.stream().map(FormMessages::typeEn).collect(Collectors.joining(" or "))
                + ", not " + typeEn(found);
    }

    private static String invalidFormat(String format, boolean zh) {
        if (format.isEmpty()) {
            return zh ? "格式无效" : "has an invalid format";
        }
        return zh ? "不是有效的" + FORMAT_ZH.getOrDefault(format, format) : "is not a valid " + format;
    }

    private static final Map<String, String> FORMAT_ZH = Map.of("date", "日期", "date-time", "日期时间", "time", "时间",
            "email", "电子邮箱地址", "uri", "网址（URI）", "uuid", "UUID", "ipv4", "IPv4 地址", "ipv6", "IPv6 地址",
            "hostname", "主机名", "duration", "时长");

    private static String typeEn(String type) {
        switch (type) {
            case "integer": return "an integer";
            case "number": return "a number";
            case "string": return "a text";
            case "boolean": return "true or false";
            case "object": return "an object";
            case "array": return "a list";
            case "null": return "null";
            default: return type;
        }
    }

    private static String typeZh(String type) {
        switch (type) {
            case "integer": return "整数";
            case "number": return "数字";
            case "string": return "文本";
            case "boolean": return "是/否";
            case "object": return "对象";
            case "array": return "列表";
            case "null": return "空值";
            default: return type;
        }
    }

    /** {@code [integer, null]} as the library prints a list of types. */
    private static List<String> splitList(String list) {
        String inner = list.startsWith("[") && list.endsWith("]") ? list.substring(1, list.length() - 1) : list;
        return Arrays.stream(inner.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The library's text without its leading {@code $.a.b: }; only for message types this class does not know. */
    private static String stripLocation(String text) {
        if (text != null && text.startsWith("$")) {
            int colon = text.indexOf(": ");
            if (colon > 0) {
                return text.substring(colon + 2);
            }
        }
        return text;
    }

    /** Matches the library's JSONPath against the JSON tree to recover the exact member names. */
    static final class PathResolver {

        private final String path;
        private final boolean allowMissingLast;
        private final Map<JsonNode, Set<Integer>> dead = new IdentityHashMap<>();
        private final List<String> tokens = new ArrayList<>();

        private PathResolver(String path, boolean allowMissingLast) {
            this.path = path;
            this.allowMissingLast = allowMissingLast;
        }

        /**
         * Tries members that exist first, and only then a last member that the JSON lacks; otherwise {@code a.b} +
         * {@code x} could win over {@code a} + {@code b.x}. One truly ambiguous case remains: a path like
         * {@code $.a.b.c} when the JSON has both {@code a.b → c} and {@code a → b.c}; the first is chosen.
         */
        static List<String> tokens(JsonNode root, String path) {
            if (path == null || !path.startsWith("$")) {
                return List.of();
            }
            for (boolean allowMissingLast : new boolean[] {false, true}) {
                PathResolver resolver = new PathResolver(path, allowMissingLast);
                if (resolver.resolve(root, 1)) {
                    return resolver.tokens;
                }
            }
            return naive(path.substring(1));
        }

        /** Depth-first over the tree; {@code dead} remembers (node, offset) pairs that led nowhere. */
        private boolean resolve(JsonNode node, int at) {
            if (at == path.length()) {
                return true;
            }
            if (dead.computeIfAbsent(node, n -> new HashSet<>()).contains(at)) {
                return false;
            }
            char c = path.charAt(at);
            if (c == '.' && node != null && node.isObject()) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(name -> {
                    if (path.startsWith(name, at + 1)) {
                        names.add(name);
                    }
                });
                names.sort(Comparator.comparingInt(String::length).reversed());
                for (String name : names) {
                    tokens.add(name);
                    if (resolve(node.get(name), at + 1 + name.length())) {
                        return true;
                    }
                    tokens.remove(tokens.size() - 1);
                }
            }
            if (c == '[' && node != null && node.isArray()) {
                int close = path.indexOf(']', at);
                if (close > at + 1) {
                    String digits = path.substring(at + 1, close);
                    if (digits.chars().allMatch(Character::isDigit) && digits.length() < 10) {
                        int index = Integer.parseInt(digits);
                        if (index < node.size()) {
                            tokens.add(digits);
                            if (resolve(node.get(index), close + 1)) {
                                return true;
                            }
                            tokens.remove(tokens.size() - 1);
                        }
                    }
                }
            }
            // A last segment naming a member the JSON lacks (the library reports some errors there).
            if (allowMissingLast && c == '.' && path.indexOf('.', at + 1) < 0 && path.indexOf('[', at + 1) < 0) {
                tokens.add(path.substring(at + 1));
                return true;
            }
            dead.get(node).add(at);
            return false;
        }

        private static List<String> naive(String rest) {
            List<String> out = new ArrayList<>();
            for (String part : rest.split("\\.")) {
                if (part.isEmpty()) {
                    continue;
                }
                int bracket = part.indexOf('[');
                out.add(bracket < 0 ? part : part.substring(0, bracket));
                while (bracket >= 0) {
                    int close = part.indexOf(']', bracket);
                    if (close < 0) {
                        break;
                    }
                    out.add(part.substring(bracket + 1, close));
                    bracket = part.indexOf('[', close);
                }
            }
            return out;
        }
    }
}
