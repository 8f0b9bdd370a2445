package io.onegrid.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.address.internal.resident.IdNumbers;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoHousesTest {

    @Test
    void everyVillageGetsHousesInsideItsGridsAndResidentsWithValidUniqueIdNumbers() throws Exception {
        List<DemoHouses.Village> villages = DemoData.villages();
        assertEquals(6, villages.size());
        assertEquals(List.of("370399101201001", "370399101201002", "370399101201003", "370399101201004"),
                villages.get(0).grids());
        DemoHouses generator = new DemoHouses();
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (int v = 0; v < villages.size(); v++) {
            DemoHouses.Village village = villages.get(v);
            DemoHouses.VillageData data = generator.village(v, village);
            List<String> houses = data.addressesCsv().lines().skip(1).toList();
            assertEquals(DemoHouses.HOUSES_PER_VILLAGE, houses.size());
            for (String line : houses) {
                String[] f = line.split(",", -1);
                assertTrue(f[0].startsWith(village.code()) && f[0].length() == 20, line);
                int grid = village.grids().indexOf(f[2]);
                assertTrue(grid >= 0, line);
                double[] box = DemoHouses.gridBox(v, grid, village.grids().size());
                double lon = Double.parseDouble(f[8]);
                double lat = Double.parseDouble(f[9]);
                assertTrue(lon > box[0] && lon < box[2] && lat > box[1] && lat < box[3], "inside its grid: " + line);
            }
            for (String line : data.residentsCsv().lines().skip(1).toList()) {
                String id = line.split(",", -1)[0];
                assertTrue(IdNumbers.validate(id).valid(), line);
                assertTrue(ids.add(id), "unique: " + line);
                total++;
            }
        }
        assertTrue(total > 2000 && total < 4000, "a few hundred residents per village: " + total);
        DemoHouses.VillageData again = new DemoHouses().village(0, villages.get(0));
        assertEquals(again, new DemoHouses().village(0, villages.get(0)), "deterministic");
        assertTrue(DemoHouses.gridsGeoJson(villages).contains("\"370399001003003\""));
    }
}
