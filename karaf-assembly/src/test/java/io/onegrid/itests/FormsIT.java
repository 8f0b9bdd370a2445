package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Collection forms (随用随摸排) in the running distribution, over HTTP: the demo forms installed at start (so the JSON
 * Schema validator works inside OSGi), a town form defined and revised, records submitted by grid workers, refused
 * with JSON pointers, kept at their version, and invisible to another grid.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FormsIT extends OneGridTestSupport {

    static final String GRID1 = "370399101201001";
    static final String GRID2 = "370399101202001";
    static final String HOUSE1 = "37039910120100090001";
    static final String HOUSE1B = "37039910120100090002";
    static final String HOUSE2 = "37039910120200090001";

    static final String SCHEMA_V1 = "{\"type\":\"object\",\"required\":[\"floors\",\"kind\"],"
            + "\"additionalProperties\":false,\"properties\":{"
            + "\"floors\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":10,\"title\":\"层数\"},"
            + "\"kind\":{\"enum\":[\"brick\",\"wood\",\"concrete\"],\"title\":\"结构\"}}}";
    static final String SCHEMA_V2 = SCHEMA_V1.replace("\"title\":\"结构\"}}}",
            "\"title\":\"结构\"},\"area\":{\"type\":\"number\",\"exclusiveMinimum\":0}}}");

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    /** A call with an {@code Accept-Language}, which the support class does not send. */
    private static Answer call(String method, String path, String token, String json, String language)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token).header("Accept-Language", language);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static List<String> texts(JsonNode array, String member) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.get(member).asText()));
        return out;
    }

    private static String record(String house, String data) {
        return "{\"subjectKind\":\"HOUSE\",\"subjectId\":\"" + house + "\",\"data\":" + data + "}";
    }

    @Test
    public void theDemoCountyShipsItsFormsAndTheValidatorWorksInTheContainer() throws Exception {
        JsonNode health = awaitHealthy();
        assertTrue(health.toString(), health.toString().contains("demo-forms"));
        String worker = login("gridworker1");
        Answer list = get("/forms", worker);
        assertEquals(list.body(), 200, list.status());
        List<String> codes = texts(list.json().get("items"), "code");
        assertTrue(codes.toString(), codes.containsAll(List.of("self-built-house", "migrant", "medical-point")));
        JsonNode house = get("/forms/self-built-house", worker).json();
        assertEquals("自建房登记", house.get("titleZh").asText());
        assertEquals("370399000000", house.get("ownerRegion").asText());
        assertTrue(house.get("rights").get("submit").asBoolean());
        assertFalse(house.get("rights").get("revise").asBoolean());

        // the validator's messages, in both languages, from inside OSGi
        String body = record("37039910120100099999", "{\"floors\":0}");
        Answer en = call("POST", "/forms/self-built-house/records", worker, body, "en");
        assertEquals(en.body(), 422, en.status());
        assertTrue(en.body(), en.body().contains("must be at least 1") && en.body().contains("/data/floors"));
        Answer zh = call("POST", "/forms/self-built-house/records", worker, body, "zh-CN");
        assertTrue(zh.body(), zh.body().contains("不能小于 1") && zh.body().contains("必填"));
    }

    @Test
    public void gridWorkersSubmitRecordsThatKeepTheirVersionAndStayInTheirGrid() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        String csv = "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n"
                + HOUSE1 + ",370399101201," + GRID1 + ",幸福路,1,,,,,\n"
                + HOUSE1B + ",370399101201," + GRID1 + ",幸福路,2,,,,,\n"
                + HOUSE2 + ",370399101202," + GRID2 + ",桃园路,1,,,,,\n";
        Answer imported = http("POST", "/addresses/import", "text/csv", admin, csv);
        assertEquals(imported.body(), 200, imported.status());

        // town 1 defines a form: its grids submit, its villages and grids read
        String operator = login("operator1");
        Answer defined = postJson("/forms", "{\"code\":\"house-safety\",\"titleZh\":\"房屋安全排查\","
                + "\"titleEn\":\"House safety check\",\"ownerRegion\":\"370399101000\","
                + "\"sharing\":{\"entry\":[\"grid\"],\"query\":[\"village\",\"grid\"]},\"schema\":" + SCHEMA_V1 + "}",
                operator);
        assertEquals(defined.body(), 201, defined.status());
        assertEquals(1, defined.json().get("currentVersion").asInt());
        Answer badSchema = postJson("/forms", "{\"code\":\"bad\",\"titleZh\":\"坏\",\"ownerRegion\":\"370399101000\","
                + "\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"minimun\":1}}}}", operator);
        assertEquals(badSchema.body(), 422, badSchema.status());
        assertTrue(badSchema.body(), badSchema.body().contains("/schema/properties/a/minimun"));
        assertEquals(404, get("/forms/bad", operator).status());

        // a valid record from grid worker 1 about a house of its grid
        String worker1 = login("gridworker1");
        Answer submitted = postJson("/forms/house-safety/records", record(HOUSE1, "{\"floors\":3,\"kind\":\"brick\"}"),
                worker1);
        assertEquals(submitted.body(), 201, submitted.status());
        long id = submitted.json().get("id").asLong();
        assertEquals(1, submitted.json().get("formVersion").asInt());
        assertEquals(GRID1, submitted.json().get("scopeCode").asText());

        // an invalid one: 422 problem with the JSON pointer, and nothing stored
        Answer invalid = postJson("/forms/house-safety/records", record(HOUSE1B, "{\"floors\":11,\"kind\":\"stone\"}"),
                worker1);
        assertEquals(invalid.body(), 422, invalid.status());
        assertTrue(invalid.contentType(), invalid.contentType().startsWith("application/problem+json"));
        assertEquals(List.of("/data/floors", "/data/kind"), texts(invalid.json().get("errors"), "field"));
        assertEquals(1, get("/forms/house-safety/records", worker1).json().get("total").asInt());

        // the town revises the form; the stored record keeps version 1, new records get version 2
        Answer revised = putJson("/forms/house-safety", "{\"schema\":" + SCHEMA_V2 + "}", operator);
        assertEquals(revised.body(), 200, revised.status());
        assertEquals(2, revised.json().get("currentVersion").asInt());
        assertEquals(1, get("/forms/house-safety/records/" + id, worker1).json().get("formVersion").asInt());
        Answer second = postJson("/forms/house-safety/records",
                record(HOUSE1B, "{\"floors\":2,\"kind\":\"wood\",\"area\":88.5}"), worker1);
        assertEquals(second.body(), 201, second.status());
        assertEquals(2, second.json().get("formVersion").asInt());
        assertFalse(get("/forms/house-safety/versions/1", worker1).json().get("schema").get("properties").has("area"));

        // grid worker 2 reads the form's records of its own grid only
        String worker2 = login("gridworker2");
        assertEquals(200, get("/forms/house-safety", worker2).status());
        assertEquals(0, get("/forms/house-safety/records", worker2).json().get("total").asInt());
        assertEquals(404, get("/forms/house-safety/records/" + id, worker2).status());
        assertEquals(404, get("/forms/house-safety/records/" + id + "/history", worker2).status());
        Answer foreign = postJson("/forms/house-safety/records", record(HOUSE1, "{\"floors\":1,\"kind\":\"wood\"}"),
                worker2);
        assertEquals(foreign.body(), 422, foreign.status());
        assertEquals(List.of("/subjectId"), texts(foreign.json().get("errors"), "field"));
        Answer own = postJson("/forms/house-safety/records", record(HOUSE2, "{\"floors\":1,\"kind\":\"wood\"}"),
                worker2);
        assertEquals(own.body(), 201, own.status());
        assertEquals(2, get("/forms/house-safety/records", worker1).json().get("total").asInt());
        assertEquals(3, get("/forms/house-safety/records", operator).json().get("total").asInt());
        assertEquals(404, get("/forms/house-safety", login("operator2")).status());

        // filters: a top-level field, and nothing but the schema's fields
        assertEquals(1, get("/forms/house-safety/records?field.kind=brick", operator).json().get("total").asInt());
        assertEquals(2, get("/forms/house-safety/records?field.kind=wood", operator).json().get("total").asInt());
        assertEquals(400, get("/forms/house-safety/records?region=370399101", operator).status());
        assertEquals(1, get("/forms/house-safety/records?field.kind=wood&region=" + GRID2, operator).json()
                .get("total").asInt());
        assertEquals(400, get("/forms/house-safety/records?field.owner=x", operator).status());

        // a revision needs the version read; every state stays in the history
        long version = submitted.json().get("version").asLong();
        Answer changed = putJson("/forms/house-safety/records/" + id, "{\"version\":" + version
                + ",\"data\":{\"floors\":4,\"kind\":\"concrete\",\"area\":120}}", worker1);
        assertEquals(changed.body(), 200, changed.status());
        assertEquals(2, changed.json().get("formVersion").asInt());
        assertEquals(409, putJson("/forms/house-safety/records/" + id, "{\"version\":" + version
                + ",\"data\":{\"floors\":5,\"kind\":\"wood\"}}", worker1).status());
        JsonNode history = get("/forms/house-safety/records/" + id + "/history", worker1).json();
        assertEquals(2, history.size());
        assertEquals("brick", history.get(0).get("data").get("kind").asText());
        assertEquals(1, history.get(0).get("formVersion").asInt());
        assertEquals("concrete", history.get(1).get("data").get("kind").asText());
    }
}
