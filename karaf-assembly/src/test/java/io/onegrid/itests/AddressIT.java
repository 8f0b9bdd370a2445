package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The address registry in the running distribution: doorplate QR codes a phone can read. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AddressIT extends OneGridTestSupport {

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    @Test
    public void aVillageDoorplateQrDecodesToItsResidentPage() throws Exception {
        awaitHealthy();
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/doorplates/370399101201/qr.png?size=6")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        assertEquals("http://localhost:8181/r/370399101201", text);

        Answer svg = get("/doorplates/370399101201/qr.svg");
        assertEquals(200, svg.status());
        assertTrue(svg.body().startsWith("<svg") || svg.body().contains("<svg"));
    }

    static String square(String code, String name, double west, double south, double size) {
        double e = west + size;
        double n = south + size;
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"" + name + "\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + west + "," + south + "],[" + e + ","
                + south + "],[" + e + "," + n + "],[" + west + "," + n + "],[" + west + "," + south + "]]]}}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @Test
    public void gridsImportLocateAndStayInScope() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        String good = collection(square("370399101201001", "柳树村第一网格", 118.00, 36.80, 0.01),
                square("370399101201002", "柳树村第二网格", 118.01, 36.80, 0.01));
        Answer imported = http("POST", "/grids/import", "application/geo+json", admin, good);
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(2, imported.json().get("grids").asInt());
        assertEquals("370399101201001", get("/grids/locate?lon=118.005&lat=36.805", admin).json().get("code").asText());
        assertEquals("370399101201002", get("/grids/locate?lon=118.015&lat=36.805", admin).json().get("code").asText());
        assertEquals(404, get("/grids/locate?lon=118.5&lat=36.9", admin).status());
        assertEquals(400, get("/grids/locate?lon=abc&lat=36.9", admin).status());
        assertEquals(401, get("/grids/locate?lon=118.005&lat=36.805").status());

        String bad = collection(square("370399101201003", "重叠", 118.005, 36.80, 0.01),
                square("370399101201099", "不存在", 118.10, 36.80, 0.01));
        Answer refused = http("POST", "/grids/import", "application/geo+json", admin, bad);
        assertEquals(refused.body(), 422, refused.status());
        assertTrue(refused.body(), refused.body().contains("370399101201003") && refused.body().contains("/features/1"));
        assertEquals("nothing of the refused file was kept", "370399101201001",
                get("/grids/locate?lon=118.006&lat=36.805", admin).json().get("code").asText());

        String worker = get("/grids", login("gridworker1")).body();
        assertTrue(worker, worker.contains("370399101201001") && !worker.contains("370399101201002"));
    }

    @Test
    public void aThousandHousesLandInTheirGridsAndEachCallerSeesOnlyItsOwn() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        assertEquals(200, http("POST", "/grids/import", "application/geo+json", admin,
                collection(square("370399101201001", "柳树村第一网格", 118.00, 36.80, 0.01),
                        square("370399101201002", "柳树村第二网格", 118.01, 36.80, 0.01))).status());
        StringBuilder csv = new StringBuilder("code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n");
        for (int i = 1; i <= 1000; i++) {
            // 500 houses west of 118.01 (grid 001), 500 east of it (grid 002)
            double lon = 118.0 + (i <= 500 ? 0.00001 * i + 0.001 : 0.01 + 0.00001 * (i - 500) + 0.001);
            csv.append(String.format("370399101201%08d,370399101201,,幸福路,%d,,,,%.6f,36.805%n", 50000 + i, i, lon));
        }
        Answer imported = http("POST", "/addresses/import", "text/csv", admin, csv.toString());
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(1000, imported.json().get("imported").asInt());
        assertEquals(1000, imported.json().get("gridAssigned").asInt());
        assertEquals(0, imported.json().get("outsideEveryGrid").asInt());

        String worker = login("gridworker1");
        assertEquals(500, get("/addresses?region=370399101201&size=1&q=幸福路", worker).json().get("total").asInt());
        assertEquals("370399101201001", get("/addresses/37039910120100050001", worker).json().get("gridCode").asText());
        assertEquals("the other grid's house is not there for this grid worker", 404,
                get("/addresses/37039910120100051000", worker).status());
        assertEquals(0, get("/addresses?size=1&q=幸福路", login("operator2")).json().get("total").asInt());

        Answer again = http("POST", "/addresses/import", "text/csv", admin, csv.toString());
        assertEquals("a second import of the same file is refused whole", 422, again.status());
    }

    @Test
    public void textSearchNearestAndExportStayInScope() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        // 石榴巷 only here: 10 houses in grid 001 and 10 in grid 002 of 柳树村, 5 in 桃园村 (codes 60001 up: apart from
        // the other tests' houses, which share this container)
        StringBuilder csv = new StringBuilder("code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n");
        for (int i = 1; i <= 20; i++) {
            String grid = i <= 10 ? "370399101201001" : "370399101201002";
            double lon = (i <= 10 ? 118.003 : 118.013) + 0.0001 * (i % 10);
            csv.append(String.format("370399101201%08d,370399101201,%s,石榴巷,%d,,,,%.4f,36.803%n", 60000 + i, grid,
                    i, lon));
        }
        for (int i = 1; i <= 5; i++) {
            csv.append(String.format("370399101202%08d,370399101202,,石榴巷,%d,2,1,%d01,118.1,36.9%n", 60000 + i, i, i));
        }
        Answer imported = http("POST", "/addresses/import", "text/csv", admin, csv.toString());
        assertEquals(imported.body(), 200, imported.status());

        // text: counted and paged after the scope
        String operator = login("operator1");
        String worker = login("gridworker1");
        assertEquals(25, get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B7&size=1", admin).json().get("total").asInt());
        assertEquals(25, get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B7&size=1", operator).json().get("total").asInt());
        Answer page = get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B7&size=4&page=3", worker);
        assertEquals(10, page.json().get("total").asInt());
        assertEquals(2, page.json().get("items").size());
        assertEquals("37039910120100060009", page.json().get("items").get(0).get("code").asText());
        // 石榴巷1号: house 1 of each village, not 10-19
        assertEquals(2, get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B71%E5%8F%B7", admin).json().get("total").asInt());
        assertEquals(1, get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B71%E5%8F%B7", worker).json().get("total").asInt());
        assertEquals(0, get("/addresses?q=%E7%9F%B3%E6%A6%B4%E5%B7%B7&size=1", login("operator2")).json()
                .get("total").asInt());

        // nearest: next to grid 002's houses, the grid worker of 001 still gets only his own, nearest first
        var mine = get("/addresses/nearest?lon=118.0135&lat=36.803&limit=3", worker).json();
        assertEquals(3, mine.size());
        double previous = -1;
        for (var n : mine) {
            assertTrue(n.toString(), n.get("address").get("gridCode").asText().startsWith("370399101201001"));
            assertTrue(n.get("distanceMetres").asDouble() >= previous);
            previous = n.get("distanceMetres").asDouble();
        }
        var all = get("/addresses/nearest?lon=118.0135&lat=36.803&limit=1", admin).json();
        assertEquals("37039910120100060015", all.get(0).get("address").get("code").asText());
        assertEquals(0.0, all.get(0).get("distanceMetres").asDouble(), 0.01);
        Answer badLon = get("/addresses/nearest?lon=200&lat=36.8", admin);
        assertEquals(400, badLon.status());
        assertTrue(badLon.contentType(), badLon.contentType().startsWith("application/problem+json"));
        assertTrue(badLon.body(), badLon.body().contains("lon"));
        assertEquals(400, get("/addresses/nearest?lon=118&lat=36.8&limit=101", admin).status());
        assertEquals(400, get("/addresses/nearest?lon=118", admin).status());

        // export: addresses.csv of the caller's scope, optionally below a region
        String header = "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat";
        Answer own = get("/addresses/export", worker);
        assertEquals(own.body(), 200, own.status());
        assertTrue(own.contentType(), own.contentType().startsWith("text/csv"));
        assertEquals(header, own.body().lines().findFirst().orElse(""));
        assertEquals(10, own.body().lines().filter(l -> l.contains("石榴巷")).count());
        assertTrue(own.body().lines().skip(1).allMatch(l -> l.split(",")[2].startsWith("370399101201001")));
        Answer village = get("/addresses/export?region=370399101202", admin);
        assertTrue(village.body(),
                village.body().contains("37039910120200060003,370399101202,,石榴巷,3,2,1,301,118.1,36.9"));
        assertTrue(village.body().lines().skip(1).allMatch(l -> l.startsWith("370399101202")));
        assertEquals(0, get("/addresses/export", login("operator2")).body().lines()
                .filter(l -> l.contains("石榴巷")).count());
        assertEquals(400, get("/addresses/export?region=abc", admin).status());
    }

    @Test
    public void onlyExistingDoorplatesHaveCodes() throws Exception {
        awaitHealthy();
        assertEquals(404, get("/doorplates/370399101299/qr.png").status());
        assertEquals(404, get("/doorplates/37039910120199999999/qr.png").status());
        assertEquals(404, get("/doorplates/370399101000/qr.png").status()); // a town has no doorplate
        assertEquals(400, get("/doorplates/370399101201/qr.png?size=99").status());
    }
}
