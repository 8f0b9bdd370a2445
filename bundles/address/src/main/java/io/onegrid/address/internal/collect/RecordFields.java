package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level scalar fields of a record as indexed texts, for the equality filter {@code field.<name>=<value>} of
 * the record list. Only the properties the form's schema declares at its root are indexed (so a record cannot bloat
 * the index with undeclared members), and only texts, numbers and booleans whose canonical text takes at most
 * {@value #MAX_VALUE} characters. Numbers are canonical ({@code 3}, {@code 3.0} and {@code 3e0} all give {@code 3}),
 * so that a filter value matches however the number was written.
 */
final class RecordFields {

    static final int MAX_NAME = 100;
    static final int MAX_VALUE = 200;

    private RecordFields() {
    }

    /** The names a filter may use: the properties declared at the root of the schema. */
    static Set<String> filterable(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(name -> {
            if (name.length() <= MAX_NAME) {
                names.add(name);
            }
        });
        return names;
    }

    /** Name → canonical value of each indexed field of {@code data}. */
    static Map<String, String> index(JsonNode data, JsonNode schema) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : filterable(schema)) {
            String value = canonical(data.get(name));
            if (value != null) {
                fields.put(name, value);
            }
        }
        return fields;
    }

    static String canonical(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return fits(value.textValue());
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return fits(value.bigIntegerValue().toString());
        }
        if (value.isNumber()) {
            double d = value.doubleValue();
            return Double.isFinite(d) ? number(BigDecimal.valueOf(d)) : null;
        }
        return null;
    }

    /**
     * The canonical text a filter value must equal, read the way the property's {@code type} says: a number for
     * {@code integer} and {@code number}, {@code true}/{@code false} for {@code boolean}, the text as given otherwise.
     *
     * @throws IllegalArgumentException when the value cannot be of that type, or is too long to have been indexed
     */
    static String filterValue(JsonNode propertySchema, String text) {
        Set<String> types = new TreeSet<>();
        JsonNode type = propertySchema.path("type");
        if (type.isTextual()) {
            types.add(type.textValue());
        }
        for (Iterator<JsonNode> it = type.elements(); it.hasNext();) {
            types.add(it.next().asText());
        }
        if (!types.contains("string") && (types.contains("number") || types.contains("integer"))) {
            BigDecimal n;
            try {
                n = new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is a number field; '" + text + "' is not a number");
            }
            String canonical = isIntegral(n) ? fits(n.toBigIntegerExact().toString())
                    : number(BigDecimal.valueOf(n.doubleValue()));
            if (canonical == null) {
                throw new IllegalArgumentException("the number is too large to filter by");
            }
            return canonical;
        }
        if (!types.contains("string") && types.contains("boolean")) {
            if (!"true".equals(text) && !"false".equals(text)) {
                throw new IllegalArgumentException("is a true/false field; use true or false");
            }
            return text;
        }
        if (text.length() > MAX_VALUE) {
            throw new IllegalArgumentException("texts longer than " + MAX_VALUE + " characters cannot be filtered by");
        }
        return text;
    }

    private static boolean isIntegral(BigDecimal n) {
        // A huge exponent would make the exact integer enormous; such values are not indexed anyway.
        int digits = n.precision() - n.scale();
        return digits <= MAX_VALUE && n.stripTrailingZeros().scale() <= 0;
    }

    private static String number(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        if (s.signum() == 0) {
            return "0";
        }
        if (s.scale() > MAX_VALUE || s.precision() - s.scale() > MAX_VALUE) {
            return null;
        }
        if (s.scale() <= 0) {
            return fits(s.toBigIntegerExact().toString());
        }
        return fits(s.toPlainString());
    }

    private static String fits(String text) {
        return text.length() <= MAX_VALUE ? text : null;
    }
}
