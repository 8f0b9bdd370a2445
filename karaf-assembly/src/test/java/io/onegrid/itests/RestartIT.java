package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * A row written through JPA survives a container restart: each method boots its own container (a new JVM) on the
 * same Derby database; the first writes, the second reads after the first container is gone.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RestartIT extends OneGridTestSupport {

    @Configuration
    public Option[] config() {
        File database = new File("target/restart-it/derby").getAbsoluteFile();
        File marker = new File("target/restart-it/expected-value").getAbsoluteFile();
        // The resident ID keys belong with the database: a restart with the data but without its keys is refused.
        File keys = new File("target/restart-it/onegrid-resident.keys").getAbsoluteFile();
        return oneGrid(
                editConfigurationFilePut("etc/io.onegrid.address.cfg", "residentKeyFile", keys.getPath()),
                editConfigurationFilePut("etc/org.ops4j.datasource-onegrid.cfg", "url",
                        "jdbc:derby:" + database.getPath() + ";create=true"),
                CoreOptions.systemProperty("onegrid.test.marker").value(marker.getPath()));
    }

    @Test
    public void a_writeThroughJpaThenStop() throws Exception {
        awaitHealthy();
        String value = "written-" + UUID.randomUUID();
        int status = putJson("/settings/itest.restart", "{\"value\":\"" + value + "\"}", login("admin")).status();
        assertTrue("saved (created, or changed when an earlier build left the database): " + status,
                status == 201 || status == 200);
        Path marker = Path.of(System.getProperty("onegrid.test.marker"));
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, value, StandardCharsets.UTF_8);
    }

    @Test
    public void b_readAfterRestart() throws Exception {
        awaitHealthy();
        String expected = Files.readString(Path.of(System.getProperty("onegrid.test.marker")), StandardCharsets.UTF_8);
        assertEquals(expected, get("/settings/itest.restart", login("admin")).json().get("value").asText());
    }
}
