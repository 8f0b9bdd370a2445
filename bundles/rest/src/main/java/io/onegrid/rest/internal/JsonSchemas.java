package io.onegrid.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * OpenAPI 3.0 schemas for the records that resources declare as bodies. Records become named components; other
 * classes are described as plain objects.
 */
final class JsonSchemas {

    private final ObjectMapper mapper;
    private final ObjectNode components;

    JsonSchemas(ObjectMapper mapper, ObjectNode components) {
        this.mapper = mapper;
        this.components = components;
    }

    ObjectNode schemaOf(Type type) {
        ObjectNode schema = mapper.createObjectNode();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return schema.put("type", "array").set("items", schemaOf(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return schema.put("type", "object").set("additionalProperties", schemaOf(args[1]));
            }
            if (raw == Optional.class) {
                return schemaOf(args[0]);
            }
            return schemaOf(raw);
        }
        if (type instanceof GenericArrayType g) {
            return schema.put("type", "array").set("items", schemaOf(g.getGenericComponentType()));
        }
        if (!(type instanceof Class<?> c)) {
            return schema.put("type", "object");
        }
        if (c == String.class || c == char.class || c == Character.class || c == UUID.class
                || CharSequence.class.isAssignableFrom(c)) {
            return schema.put("type", "string");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == Date.class
                || c == LocalDateTime.class) {
            return schema.put("type", "string").put("format", "date-time");
        }
        if (c == LocalDate.class) {
            return schema.put("type", "string").put("format", "date");
        }
        if (c == boolean.class || c == Boolean.class) {
            return schema.put("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class) {
            return schema.put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class || c == BigInteger.class) {
            return schema.put("type", "integer").put("format", "int64");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return schema.put("type", "number");
        }
        if (c.isEnum()) {
            ArrayNode values = schema.put("type", "string").putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(constant.toString());
            }
            return schema;
        }
        if (c.isArray()) {
            return schema.put("type", "array").set("items", schemaOf(c.getComponentType()));
        }
        if (Collection.class.isAssignableFrom(c)) {
            return schema.put("type", "array").set("items", mapper.createObjectNode());
        }
        if (c.isRecord()) {
            return schema.put("$ref", "#/components/schemas/" + component(c));
        }
        return schema.put("type", "object");
    }

    private String component(Class<?> record) {
        String name = record.getSimpleName();
        if (components.has(name)) {
            return name;
        }
        ObjectNode schema = components.putObject(name).put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent rc : record.getRecordComponents()) {
            properties.set(rc.getName(), schemaOf(rc.getGenericType()));
        }
        return name;
    }
}
