package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The {@code onegrid:} Karaf commands as an integrator types them in the console. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT extends OneGridTestSupport {

    @Inject
    protected SessionFactory sessionFactory;

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    private String execute(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), print, print);
        try {
            session.execute(command);
        } finally {
            session.close();
        }
        print.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void regionImportUserAddAndUserList() throws Exception {
        awaitHealthy();
        Path csv = Files.createTempFile("regions", ".csv");
        Files.writeString(csv, "code,name,parent_code,kind,area\n370399101203004,河口村第四网格,370399101203,grid,rural\n");
        String imported = execute("onegrid:region-import " + csv);
        assertTrue(imported, imported.contains("Imported 1 regions"));
        assertEquals(200, get("/regions/370399101203004", login("admin")).status());

        Files.writeString(csv, "code,name,parent_code,kind,area\n370399101203005,坏网格,370399101202,grid,rural\n");
        String refused = execute("onegrid:region-import " + csv);
        assertTrue(refused, refused.contains("Nothing was imported") && refused.contains("line 2"));

        String added = execute("onegrid:user-add --role grid-worker --region 370399101203004 --name 河口网格员"
                + " --password shell-created-1 hekou1");
        assertTrue(added, added.contains("Created user hekou1"));
        assertEquals(200, postJson("/auth/login", "{\"username\":\"hekou1\",\"password\":\"shell-created-1\"}", null)
                .status());
        String list = execute("onegrid:user-list -q hekou");
        assertTrue(list, list.contains("hekou1") && list.contains("370399101203004") && list.contains("grid-worker"));
    }

    @Test
    public void registryImportAndExportRoundTrip() throws Exception {
        awaitHealthy();
        Path dir = Files.createTempDirectory("registry");
        Path grids = dir.resolve("grids.geojson");
        String exported = execute("onegrid:grid-export --region 370399101202 " + grids);
        assertTrue(exported, exported.contains("Wrote"));
        String geojson = Files.readString(grids);
        assertTrue(geojson, geojson.contains("\"370399101202001\"") && !geojson.contains("\"370399101201001\""));
        // The demo's own grids import again unchanged: the round trip an integrator does between installations.
        String reimported = execute("onegrid:grid-import " + grids);
        assertTrue(reimported, reimported.contains("Imported"));

        Path csv = dir.resolve("addresses.csv");
        Files.writeString(csv, "code,region_code,grid_code,road,house_number,building,unit,room,lon,lat\n"
                + "37039910120390000001,370399101203,370399101203001,渔港路,7,,,,,\n");
        String imported = execute("onegrid:address-import " + csv);
        assertTrue(imported, imported.contains("Imported 1 addresses"));
        String refused = execute("onegrid:address-import " + csv);
        assertTrue(refused, refused.contains("Nothing was imported") && refused.contains("line 2"));
        assertTrue(refused, execute("onegrid:address-import --region 370399101202 " + csv)
                .contains("Nothing was imported"));

        Path out = dir.resolve("export.csv");
        assertTrue(execute("onegrid:address-export --region 370399101203001 " + out).contains("Wrote"));
        List<String> lines = Files.readAllLines(out);
        assertEquals("code,region_code,grid_code,road,house_number,building,unit,room,lon,lat", lines.get(0));
        assertTrue(lines.toString(), lines.stream().anyMatch(l -> l.startsWith("37039910120390000001,")));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",")[2].equals("370399101203001")));
        assertTrue("an export never overwrites a file",
                execute("onegrid:address-export " + out).toLowerCase().contains("exist"));
    }
}
