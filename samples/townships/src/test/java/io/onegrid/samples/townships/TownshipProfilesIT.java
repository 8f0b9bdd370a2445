package io.onegrid.samples.townships;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.testkit.OneGridTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Objects;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Both township profiles as an integrator uses them on the demo county: {@code feature:repo-add} of the profile's
 * feature XML (as the build filtered it) and {@code feature:install} on a running OneGrid, then its {@code setup.sh}
 * against the REST API (twice: the second run changes nothing), then reports through the existing channels land
 * where the profile says — a 12345 complaint at the 12345 desk, a neighbour dispute at the mediation centre, a fire
 * in the rural town at its brigade.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TownshipProfilesIT extends OneGridTestSupport {

    static final String RURAL = "rural-town-flood-fire";
    static final String URBAN = "urban-subdistrict-12345-mediation";

    @Inject
    protected SessionFactory sessions;

    @Configuration
    public Option[] config() {
        return oneGrid(CoreOptions.systemProperty("onegrid.profiles").value(Objects.requireNonNull(
                        System.getProperty("onegrid.profiles"), "run through failsafe")),
                CoreOptions.systemProperty("onegrid.profiles.source").value(
                        System.getProperty("onegrid.profiles.source")));
    }

    @Test
    public void profilesInstallAndTheirDataRoutesReports() throws Exception {
        awaitHealthy();
        for (String profile : new String[] {URBAN, RURAL}) {
            File xml = new File(System.getProperty("onegrid.profiles"), profile + "/feature.xml");
            shell("feature:repo-add " + xml.toURI());
        }
        shell("feature:install --no-auto-refresh onegrid-township-urban-12345-mediation");
        shell("feature:install --no-auto-refresh onegrid-township-rural-flood-fire");
        String installed = shell("feature:list -i");
        assertTrue(installed, installed.contains("onegrid-township-urban-12345-mediation"));
        assertTrue(installed, installed.contains("onegrid-township-rural-flood-fire"));
        assertTrue(installed, installed.contains("onegrid-flood"));
        String admin = login("admin");
        await("the flood plugin", () -> get("/flood/stations", admin).status() == 200);

        for (int run = 0; run < 2; run++) {
            setup(URBAN, "SUBDISTRICT=370399001000");
            setup(RURAL, "TOWN=370399101000");
        }
        assertEquals(1, ok(get("/routing-rules?category=0901", admin)).size());

        // a 12345 complaint and a neighbour dispute in 东城街道 (a point in grid 370399001001001)
        JsonNode complaint = submit(admin, "HOTLINE_12345", "1102", 117.455, 36.51, "12345-T-0001");
        assertEquals("hotline-desk", complaint.at("/order/department").asText());
        JsonNode dispute = submit(admin, "HOTLINE_12345", "0901", 117.455, 36.51, "12345-T-0002");
        assertEquals("mediation", dispute.at("/order/department").asText());
        // the same dispute category elsewhere keeps the kernel's default route
        JsonNode rural = submit(admin, "PATROL", "0901", 117.305, 36.51, "patrol-0001");
        assertTrue(rural.toString(), !"mediation".equals(rural.at("/order/department").asText()));
        // a fire in 青石镇 goes to its brigade, a field fire spot too
        assertEquals("fire-brigade", submit(admin, "PATROL", "0604", 117.305, 36.51, "patrol-0002")
                .at("/order/department").asText());
        assertEquals("fire-brigade", submit(admin, "PATROL", "0606", 117.305, 36.51, "patrol-0003")
                .at("/order/department").asText());
    }

    JsonNode submit(String token, String channel, String category, double lon, double lat, String key)
            throws Exception {
        Answer a = postJson("/workorders", "{\"channel\":\"" + channel + "\",\"category\":\"" + category
                + "\",\"description\":\"township profile test " + key + "\",\"location\":{\"lon\":" + lon
                + ",\"lat\":" + lat + "},\"reporter\":{\"name\":\"张三\",\"phone\":\"13800000000\"},"
                + "\"idempotencyKey\":\"" + key + "\"}", token);
        assertEquals(a.body(), 201, a.status());
        return a.json();
    }

    /** Runs the profile's setup.sh against this container, as the README says. */
    void setup(String profile, String region) throws Exception {
        File script = new File(System.getProperty("onegrid.profiles.source"), profile + "/setup.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.getAbsolutePath()).redirectErrorStream(true);
        pb.environment().put("ONEGRID_URL", "http://127.0.0.1:" + System.getProperty("onegrid.test.httpPort"));
        pb.environment().put("ONEGRID_USER", "admin");
        pb.environment().put("ONEGRID_PASSWORD", DEMO_PASSWORD);
        String[] kv = region.split("=");
        pb.environment().put(kv[0], kv[1]);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(profile + "/setup.sh:\n" + out, 0, p.waitFor());
    }

    /** Runs a Karaf shell command as the console's admin would; a failing command fails the test with its output. */
    String shell(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(System.in, out, out);
        try {
            Subject admin = new Subject();
            admin.getPrincipals().add(new UserPrincipal("admin"));
            admin.getPrincipals().add(new RolePrincipal("admin"));
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            throw new AssertionError(command + " failed: " + e.getCause() + "\n"
                    + bytes.toString(StandardCharsets.UTF_8), e.getCause());
        } finally {
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
