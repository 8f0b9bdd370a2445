package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Houses and residents over HTTP in the running distribution, with the demo county's houses and accounts: scope,
 * masking, the audited reveal, all-or-nothing import and the history of moves.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ResidentIT extends OneGridTestSupport {

    /** Demo houses: 1-50 of 柳树村 lie in its first grid, 51-100 in its second. */
    static final String HOUSE_GRID1 = "37039910120100000007";
    static final String HOUSE_GRID2 = "37039910120100000077";
    static final String GRID1 = "370399101201001";
    static final String MASKED = "\\d{6}\\*{8}\\d{3}[\\dX]";

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    /** A fictional ID number of area 370398 (no demo resident has it) with its GB 11643 check character. */
    static String idNumber(String birth, int sequence) {
        String body = "370398" + birth + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    static long idByName(String name, String token) throws Exception {
        JsonNode items = get("/residents?q=" + java.net.URLEncoder.encode(name, "UTF-8"), token).json().get("items");
        assertEquals(name, 1, items.size());
        return items.get(0).get("id").asLong();
    }

    @Test
    public void residentsAreScopedMaskedRevealedOnlyWithAuditAndMovedWithHistory() throws Exception {
        awaitHealthy();
        Path keys = Path.of(System.getProperty("karaf.etc"), "onegrid-resident.keys");
        assertTrue("the key file was created at the first start", Files.isRegularFile(keys));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));

        String operator = login("operator1");
        String id1 = idNumber("19520304", 11);
        String id2 = idNumber("19880910", 22);
        Answer imported = http("POST", "/residents/import", "text/csv", operator,
                "id_number,name,phone,address_code,tags\n"
                        + id1 + ",测试甲,13912345678," + HOUSE_GRID1 + ",独居老人\n"
                        + id2 + ",测试乙,," + HOUSE_GRID2 + ",migrant;party-member\n");
        assertEquals(imported.body(), 200, imported.status());
        assertEquals(2, imported.json().get("imported").asInt());

        // a grid worker sees its own grid's residents only, and only masked ID numbers and phones
        String worker = login("gridworker1");
        JsonNode list = get("/residents?size=500", worker).json();
        assertTrue("the demo residents of the grid are there", list.get("total").asInt() > 20);
        List<String> names = new ArrayList<>();
        for (JsonNode r : list.get("items")) {
            names.add(r.get("name").asText());
            assertEquals(r.toString(), GRID1, r.get("scopeCode").asText());
            assertTrue(r.toString(), r.get("idNumber").asText().matches(MASKED));
            if (r.has("phone")) {
                assertTrue(r.toString(), r.get("phone").asText().contains("****"));
            }
        }
        assertTrue(names.contains("测试甲"));
        assertFalse("the other grid's resident is not listed", names.contains("测试乙"));
        String body = get("/residents?size=500", worker).body() + get("/houses/" + HOUSE_GRID1, worker).body();
        assertFalse("no whole ID number in any listing", body.contains(id1));

        long a = idByName("测试甲", worker);
        long b = idByName("测试乙", operator);
        assertEquals(404, get("/residents/" + b, worker).status());
        assertEquals(404, get("/houses/" + HOUSE_GRID2, worker).status());
        JsonNode house = get("/houses/" + HOUSE_GRID1, worker).json();
        assertTrue(house.toString(), house.get("residents").asInt() >= 2 && house.get("households").size() >= 1);

        // the whole number: not for the grid worker; for the town operator, with an audit record
        Answer refused = get("/residents/" + a + "/id-number", worker);
        assertEquals(refused.body(), 403, refused.status());
        Answer revealed = get("/residents/" + a + "/id-number", operator);
        assertEquals(revealed.body(), 200, revealed.status());
        assertEquals(id1, revealed.json().get("idNumber").asText());
        JsonNode audit = get("/audit?action=resident.id-revealed&actor=operator1", login("admin")).json();
        boolean recorded = false;
        for (JsonNode r : audit.get("items")) {
            recorded |= ("resident:" + a).equals(r.get("target").asText());
        }
        assertTrue(audit.toString(), recorded);
        assertFalse("the audit log holds no ID number", audit.toString().contains(id1));

        // the export follows the same scope and masking; revealing it needs the permission
        Answer export = get("/residents/export", worker);
        assertEquals(200, export.status());
        assertTrue(export.contentType(), export.contentType().startsWith("text/csv"));
        List<String> lines = export.body().lines().toList();
        assertEquals("id_number,name,phone,address_code,tags", lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[0].matches(MASKED)));
        assertEquals(403, get("/residents/export?reveal=true", worker).status());

        // a move to the other grid keeps the history and leaves the first grid's view
        Answer moved = postJson("/residents/" + a + "/move", "{\"to\":\"" + HOUSE_GRID2 + "\",\"reason\":\"投靠子女\"}",
                operator);
        assertEquals(moved.body(), 200, moved.status());
        JsonNode moves = get("/residents/" + a + "/moves", operator).json();
        assertEquals(moves.toString(), 2, moves.size());
        assertEquals("in", moves.get(0).get("kind").asText());
        assertEquals("move", moves.get(1).get("kind").asText());
        assertEquals(HOUSE_GRID1, moves.get(1).get("fromAddress").asText());
        assertEquals(HOUSE_GRID2, moves.get(1).get("toAddress").asText());
        assertEquals(404, get("/residents/" + a, worker).status());
    }

    @Test
    public void aFileWithAnInvalidIdNumberChangesNothingAndNamesTheLine() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        long before = get("/residents?size=1", admin).json().get("total").asLong();
        String bad = idNumber("19700101", 33);
        bad = bad.substring(0, 17) + (bad.charAt(17) == '0' ? '1' : '0');
        Answer refused = http("POST", "/residents/import", "text/csv", login("operator1"),
                "id_number,name,phone,address_code,tags\n"
                        + idNumber("19700101", 35) + ",测试丙,," + HOUSE_GRID1 + ",\n"
                        + bad + ",测试丁,," + HOUSE_GRID1 + ",\n");
        assertEquals(refused.body(), 422, refused.status());
        JsonNode error = refused.json().get("errors").get(0);
        assertEquals(3, error.get("line").asInt());
        assertEquals("id_number", error.get("field").asText());
        assertEquals("nothing of the file was kept", before, get("/residents?size=1", admin).json().get("total")
                .asLong());
        assertEquals(0, get("/residents?q=测试丙", admin).json().get("total").asInt());

        Answer created = postJson("/residents", "{\"idNumber\":\"" + bad + "\",\"name\":\"测试戊\",\"addressCode\":\""
                + HOUSE_GRID1 + "\"}", admin);
        assertEquals(created.body(), 422, created.status());
        assertEquals("/idNumber", created.json().get("errors").get(0).get("field").asText());
    }
}
