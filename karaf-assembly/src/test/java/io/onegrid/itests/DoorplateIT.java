package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Doorplates as a resident and a township operator meet them: who to call, and the village's print sheet. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DoorplateIT extends OneGridTestSupport {

    private static final String VILLAGE = "370399101203";
    private static final String GRID_1 = VILLAGE + "001";
    private static final String GRID_2 = VILLAGE + "002";
    private static final String HOUSE_1 = VILLAGE + "90000001";
    private static final String HOUSE_2 = VILLAGE + "90000002";

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    @Test
    public void contactsShowOnTheHousePlateAndTheSheetPrintsTheCallersHouses() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        Answer imported = http("POST", "/addresses/import", "text/csv", admin,
                "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n"
                        + HOUSE_1 + "," + VILLAGE + "," + GRID_1 + ",<b>幸福路</b>,1,,,,118.1,36.9\n"
                        + HOUSE_2 + "," + VILLAGE + "," + GRID_2 + ",幸福路,2,,,,118.2,36.9\n");
        assertEquals(imported.body(), 200, imported.status());

        String operator = login("operator1");
        Answer village = putJson("/doorplates/" + VILLAGE + "/contacts", "{\"contacts\":["
                + "{\"role\":\"village-cadre\",\"name\":\"王书记\",\"phone\":\"0533-1234567\"},"
                + "{\"role\":\"police-officer\",\"name\":\"李警官\",\"phone\":\"13800000001\"}]}", operator);
        assertEquals(village.body(), 200, village.status());
        assertEquals(2, village.json().size());
        Answer grid = putJson("/doorplates/" + GRID_1 + "/contacts",
                "{\"contacts\":[{\"role\":\"grid-worker\",\"name\":\"赵网格\",\"phone\":\"13900000002\"}]}", operator);
        assertEquals(grid.body(), 200, grid.status());

        // A bad entry changes nothing, and says which one.
        Answer bad = putJson("/doorplates/" + VILLAGE + "/contacts", "{\"contacts\":["
                + "{\"role\":\"village-cadre\",\"name\":\"新书记\"},{\"role\":\"mayor\",\"name\":\"X\"}]}", operator);
        assertEquals(422, bad.status());
        assertTrue(bad.body(), bad.body().contains("contacts[1].role"));
        assertEquals("王书记", get("/doorplates/" + VILLAGE + "/contacts", operator).json().get(0).get("name").asText());

        // The plate is public: the resident page reads it without signing in.
        JsonNode plate = get("/doorplates/" + HOUSE_1).json();
        assertEquals("house", plate.get("kind").asText());
        assertEquals(VILLAGE, plate.get("villageCode").asText());
        assertEquals(3, plate.get("contacts").size());
        assertEquals("村干部", plate.get("contacts").get(0).get("title").asText());
        assertEquals("网格员", plate.get("contacts").get(2).get("title").asText());
        assertEquals(2, get("/doorplates/" + HOUSE_2).json().get("contacts").size());
        assertEquals(404, get("/doorplates/" + VILLAGE + "99999999").status());

        // A grid worker may not change contacts; another town's operator does not see the village at all.
        assertEquals(403, putJson("/doorplates/" + GRID_1 + "/contacts", "{\"contacts\":[]}", login("gridworker1"))
                .status());
        assertEquals(404, get("/doorplates/" + VILLAGE + "/contacts", login("operator2")).status());

        Answer sheet = get("/doorplates/" + VILLAGE + "/sheet.html", operator);
        assertEquals(200, sheet.status());
        assertTrue(sheet.contentType().startsWith("text/html"));
        assertTrue(sheet.body().contains("data-code=\"" + VILLAGE + "\""));
        assertTrue(sheet.body().contains("data-code=\"" + HOUSE_1 + "\""));
        assertTrue(sheet.body().contains("data-code=\"" + HOUSE_2 + "\""));
        assertTrue(sheet.body().contains("赵网格"));
        assertFalse("markup in data is escaped", sheet.body().contains("<b>幸福路"));
        assertTrue(sheet.body().contains("&lt;b&gt;幸福路"));
        assertEquals(404, get("/doorplates/" + VILLAGE + "/sheet.html", login("operator2")).status());
        assertEquals(401, get("/doorplates/" + VILLAGE + "/sheet.html").status());
    }
}
