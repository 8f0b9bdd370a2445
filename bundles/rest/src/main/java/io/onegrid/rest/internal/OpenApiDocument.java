package io.onegrid.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Builds the OpenAPI 3.0 document from the live route table, so it lists exactly what is served now. */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static ObjectNode build(List<RouteDefinition> routes, ObjectMapper mapper, String version) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "OneGrid API").put("version", version)
                .put("description", "OneGrid grassroots-governance platform. Errors are RFC 9457 problem details.");
        doc.putArray("servers").addObject().put("url", ApiServlet.API_BASE);
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.putObject("Problem").put("type", "object").putObject("properties")
                .<ObjectNode>set("type", mapper.createObjectNode().put("type", "string").put("format", "uri"))
                .<ObjectNode>set("title", mapper.createObjectNode().put("type", "string"))
                .<ObjectNode>set("status", mapper.createObjectNode().put("type", "integer"))
                .<ObjectNode>set("detail", mapper.createObjectNode().put("type", "string"))
                .set("instance", mapper.createObjectNode().put("type", "string"));
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        JsonSchemas json = new JsonSchemas(mapper, schemas);

        for (RouteDefinition route : routes) {
            ObjectNode pathItem = paths.has(route.template.toString()) ? (ObjectNode) paths.get(route.template.toString())
                    : paths.putObject(route.template.toString());
            ObjectNode op = pathItem.putObject(route.method.toLowerCase(Locale.ROOT));
            op.put("operationId", operationId(route));
            if (route.summary != null) {
                op.put("summary", route.summary);
            }
            op.putArray("tags").add(route.tag != null ? route.tag : route.owner);
            if (route.permission != null) {
                op.put("x-onegrid-permission", route.permission);
            }
            if (route.anonymous) {
                op.putArray("security");
            } else {
                op.putArray("security").addObject().putArray("bearer");
            }
            ArrayNode params = op.putArray("parameters");
            for (String variable : route.template.variables()) {
                params.addObject().put("name", variable).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            route.queryParams().forEach((name, description) -> params.addObject().put("name", name).put("in", "query")
                    .put("description", description).putObject("schema").put("type", "string"));
            if (route.paged) {
                params.addObject().put("name", "page").put("in", "query").put("description", "1-based page number")
                        .putObject("schema").put("type", "integer").put("minimum", 1).put("default", 1);
                params.addObject().put("name", "size").put("in", "query").put("description", "items per page")
                        .putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", 500)
                        .put("default", 20);
                params.addObject().put("name", "sort").put("in", "query")
                        .put("description", "comma-separated keys, '-' for descending").putObject("schema")
                        .put("type", "string");
            }
            if (route.acceptsType != null) {
                op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                        .set("schema", json.schemaOf(route.acceptsType));
            } else if (route.consumesType != null) {
                ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
                for (String type : route.consumesType.split(",")) {
                    content.putObject(type.strip()).putObject("schema").put("type", "string").put("format", "binary");
                }
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject("2XX").put("description", "Success");
            if (route.returnsType != null) {
                ObjectNode schema = json.schemaOf(route.returnsType);
                if (route.returnsPage) {
                    ObjectNode page = mapper.createObjectNode().put("type", "object");
                    ObjectNode props = page.putObject("properties");
                    props.putObject("items").put("type", "array").set("items", schema);
                    props.putObject("total").put("type", "integer").put("format", "int64");
                    props.putObject("page").put("type", "integer");
                    props.putObject("size").put("type", "integer");
                    schema = page;
                }
                ok.putObject("content").putObject("application/json").set("schema", schema);
            }
            responses.putObject("default").put("description", "Problem (RFC 9457)").putObject("content")
                    .putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        }
        return doc;
    }

    private static String operationId(RouteDefinition route) {
        StringBuilder id = new StringBuilder(route.method.toLowerCase(Locale.ROOT));
        for (String part : PathTemplate.split(route.template.toString())) {
            String word = part.replaceAll("[^A-Za-z0-9]", "");
            if (part.startsWith("{")) {
                word = "By" + Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else if (!word.isEmpty()) {
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            }
            id.append(word);
        }
        return id.toString();
    }
}
