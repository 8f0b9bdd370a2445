package io.onegrid.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Evidence files over HTTP in the running distribution: the grid worker uploads a photo to the order, resolves naming
 * it and downloads it back byte for byte; a text file claimed as a PNG is refused; another grid's worker finds
 * nothing; an anonymous reporter uploads with the receipt's token.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AttachmentIT extends OneGridTestSupport {

    /** The smallest real PNG: one transparent pixel. */
    static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4"
            + "890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    private record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Bytes send(String method, String path, String contentType, String token, String header,
            String value, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (header != null) {
            b.header(header, value);
        }
        HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Bytes(r.statusCode(), r.headers(), r.body());
    }

    /** Each test its own category: the same category at the same place on the same day is linked, not created. */
    private static long dispatchedOrder(String operator, String key, String category) throws Exception {
        Answer imported = http("POST", "/grids/import", "application/geo+json", login("admin"),
                AddressIT.collection(AddressIT.square(WorkOrderIT.GRID1, "柳树村第一网格", 118.00, 36.80, 0.01)));
        assertEquals(imported.body(), 200, imported.status());
        Answer submitted = postJson("/workorders", "{\"channel\":\"HOTLINE\",\"category\":\"" + category + "\","
                + "\"description\":\"广场舞音响扰民\",\"location\":{\"lon\":118.005,\"lat\":36.805},"
                + "\"reporter\":{\"name\":\"赵六\",\"phone\":\"13700000009\"},\"idempotencyKey\":\"" + key + "\"}",
                operator);
        assertEquals(submitted.body(), 201, submitted.status());
        long id = submitted.json().get("id").asLong();
        assertEquals(200, postJson("/workorders/" + id + "/commands/accept", "{}", operator).status());
        Answer dispatched = postJson("/workorders/" + id + "/commands/dispatch", "{}", operator);
        assertEquals(dispatched.body(), 200, dispatched.status());
        assertEquals("gridworker1", dispatched.json().get("assignee").asText());
        return id;
    }

    @Test
    public void theHandlerUploadsResolvesWithThePhotoAndDownloadsItBack() throws Exception {
        awaitHealthy();
        String operator = login("operator1");
        String worker = login("gridworker1");
        long id = dispatchedOrder(operator, "att-it-1", "0902");
        assertEquals(200, postJson("/workorders/" + id + "/commands/start", "{}", worker).status());

        Bytes uploaded = send("POST", "/workorders/" + id + "/attachments?name=photo.png", "image/png", worker, null,
                null, PNG);
        assertEquals(uploaded.text(), 201, uploaded.status());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PNG));
        assertEquals(sha, uploaded.json().get("sha256").asText());
        assertEquals("image/png", uploaded.json().get("mediaType").asText());
        assertEquals(PNG.length, uploaded.json().get("size").asLong());
        assertEquals("photo.png", uploaded.json().get("name").asText());

        Answer unknown = postJson("/workorders/" + id + "/commands/resolve", "{\"comment\":\"已劝导\","
                + "\"attachments\":[\"" + "cd".repeat(32) + "\"]}", worker);
        assertEquals(unknown.body(), 422, unknown.status());
        Answer resolved = postJson("/workorders/" + id + "/commands/resolve", "{\"comment\":\"已劝导，音量已调低\","
                + "\"attachments\":[\"" + sha + "\"]}", worker);
        assertEquals(resolved.body(), 200, resolved.status());
        JsonNode trail = get("/workorders/" + id + "/trail", operator).json();
        assertEquals(sha, trail.get(trail.size() - 1).at("/attachments/0").asText());

        JsonNode list = get("/workorders/" + id + "/attachments", operator).json();
        assertEquals(1, list.size());
        assertEquals(sha, list.get(0).get("sha256").asText());
        Bytes download = send("GET", "/workorders/" + id + "/attachments/" + sha, null, operator, null, null, null);
        assertEquals(200, download.status());
        assertArrayEquals(PNG, download.body());
        assertEquals("image/png", download.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").startsWith("inline"));

        String other = login("gridworker2");
        assertEquals(404, send("GET", "/workorders/" + id + "/attachments/" + sha, null, other, null, null, null)
                .status());
        assertEquals(404, get("/workorders/" + id + "/attachments", other).status());
        assertEquals(404, send("POST", "/workorders/" + id + "/attachments", "image/png", other, null, null, PNG)
                .status());
    }

    @Test
    public void aTextFileClaimedAsAnImageIsRefusedAndStoresNothing() throws Exception {
        awaitHealthy();
        String operator = login("operator1");
        String worker = login("gridworker1");
        long id = dispatchedOrder(operator, "att-it-2", "0904");
        Bytes text = send("POST", "/workorders/" + id + "/attachments", "image/png", worker, null, null,
                "not a picture, only words".getBytes(StandardCharsets.UTF_8));
        assertEquals(text.text(), 415, text.status());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        Bytes plain = send("POST", "/workorders/" + id + "/attachments", "text/plain", worker, null, null,
                "words".getBytes(StandardCharsets.UTF_8));
        assertEquals(plain.text(), 415, plain.status());
        assertEquals(0, get("/workorders/" + id + "/attachments", operator).json().size());
    }

    @Test
    public void anAnonymousReporterUploadsWithTheReceiptsToken() throws Exception {
        awaitHealthy();
        Answer receipt = postJson("/workorders", "{\"channel\":\"QR\",\"category\":\"0901\",\"description\":"
                + "\"夜间施工噪音\",\"location\":{\"lon\":118.005,\"lat\":36.805},\"reporter\":{\"phone\":"
                + "\"13700000010\"},\"idempotencyKey\":\"att-it-qr\"}", null);
        assertEquals(receipt.body(), 201, receipt.status());
        String number = receipt.json().get("number").asText();
        String token = receipt.json().get("uploadToken").asText();
        assertEquals(403, send("POST", "/workorders/receipts/" + number + "/attachments", "image/png", null,
                "X-Upload-Token", "forged", PNG).status());
        Bytes uploaded = send("POST", "/workorders/receipts/" + number + "/attachments", "image/png", null,
                "X-Upload-Token", token, PNG);
        assertEquals(uploaded.text(), 201, uploaded.status());
        long id = receipt.json().get("id").asLong();
        JsonNode list = get("/workorders/" + id + "/attachments", login("operator1")).json();
        assertEquals("resident", list.get(0).get("uploadedBy").asText());
    }
}
