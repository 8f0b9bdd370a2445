package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** The core distribution as an integrator meets it: bundles, health, the API, features at run time. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreIT extends OneGridTestSupport {

    @Inject
    protected FeaturesService features;

    @Configuration
    public Option[] config() {
        return oneGrid();
    }

    @Test
    public void everyOneGridBundleIsActiveAndHealthSaysUp() throws Exception {
        JsonNode health = awaitHealthy();
        assertEquals("UP", health.get("status").asText());
        assertEquals("UP", health.at("/checks/database/status").asText());
        assertEquals("Apache Derby", health.at("/checks/database/product").asText());
        assertEquals(2, health.at("/checks/database/schemas/core/version").asInt());
        assertEquals(5, health.at("/checks/database/schemas/identity/version").asInt());
        assertEquals(10, health.at("/checks/database/schemas/workorder/version").asInt());
        assertEquals("UP", health.at("/checks/demo/status").asText());
        assertEquals("the embedded broker (on a free port here)", "listening",
                health.at("/checks/broker/state").asText());
        assertEquals("tcp://0.0.0.0:" + System.getProperty("onegrid.test.mqttPort"),
                health.at("/checks/broker/mqtt").asText());
        List<Bundle> bundles = oneGridBundles();
        assertTrue("core-api, persistence, rest, identity and demo are installed: " + bundles, bundles.size() >= 5);
        for (Bundle bundle : bundles) {
            assertEquals(bundle.getSymbolicName() + " is active", Bundle.ACTIVE, bundle.getState());
        }
        assertEquals(bundles.size(), health.get("bundles").size());
    }

    @Test
    public void malformedJsonIsAProblemAndChangesNothing() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        assertEquals(201, putJson("/settings/itest.malformed", "{\"value\":\"before\"}", admin).status());
        Answer bad = putJson("/settings/itest.malformed", "{\"value\": \"after\"", admin);
        assertEquals(400, bad.status());
        assertTrue(bad.contentType(), bad.contentType().startsWith("application/problem+json"));
        assertEquals("https://onegrid.io/problems/malformed-json", bad.json().get("type").asText());
        assertEquals("before", get("/settings/itest.malformed", admin).json().get("value").asText());

        Answer wrongType = putJson("/settings/itest.malformed", "{\"value\": 1, \"version\": \"x\"}", admin);
        assertEquals(400, wrongType.status());
        assertEquals("/version", wrongType.json().get("pointer").asText());
        assertEquals("before", get("/settings/itest.malformed", admin).json().get("value").asText());
    }

    private static int statusOrMinusOne(String path, String token) {
        try {
            return get(path, token).status();
        } catch (Exception notListening) {
            return -1;
        }
    }

    @Test
    public void protectedEndpointsNeedSignIn() throws Exception {
        awaitHealthy();
        Answer anonymous = get("/settings");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.contentType().startsWith("application/problem+json"));
        assertEquals(200, get("/settings", login("admin")).status());
    }

    @Test
    public void unknownEndpointsAndMethodsAreProblems() throws Exception {
        awaitHealthy();
        Answer missing = get("/no-such-thing");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"));
        assertEquals(405, http("POST", "/health", null, null).status());
    }

    @Test
    public void openApiDocumentListsEveryEndpoint() throws Exception {
        awaitHealthy();
        JsonNode paths = get("/openapi.json").json().get("paths");
        for (String path : List.of("/health", "/openapi.json", "/settings", "/settings/{key}")) {
            assertTrue(path + " is documented", paths.has(path));
        }
        assertTrue(paths.get("/settings/{key}").has("put"));
    }

    @Test
    public void coreFeatureCanBeUninstalledAndInstalledAgainWithoutLosingData() throws Exception {
        awaitHealthy();
        String admin = login("admin");
        assertEquals(201, putJson("/settings/itest.reinstall", "{\"value\":\"kept\"}", admin).status());

        // No auto-refresh: the test probe imports dynamically and would itself be refreshed away mid-test.
        EnumSet<FeaturesService.Option> noRefresh = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        // Every OneGrid feature the distribution booted: the plugins (flood, the device gateway, the broker), the
        // console and the demo depend on onegrid-core; while any stays installed, so do the core's bundles.
        // onegrid-jackson stays (OneGridTestSupport keeps it as a root so that this probe is never refreshed).
        Set<String> booted = new TreeSet<>();
        for (Feature feature : features.listRequiredFeatures()) {
            if (feature.getName().startsWith("onegrid-") && !feature.getName().equals("onegrid-jackson")) {
                booted.add(feature.getName());
            }
        }
        assertTrue("the distribution boots the core, console, demo, broker, gateway and flood: " + booted,
                booted.containsAll(Set.of("onegrid-core", "onegrid-console", "onegrid-demo", "onegrid-broker",
                        "onegrid-device-gateway", "onegrid-flood")));
        features.uninstallFeatures(booted, noRefresh);
        assertFalse(features.isInstalled(features.getFeature("onegrid-core")));
        assertTrue("no OneGrid bundle is left: " + oneGridBundles(), oneGridBundles().isEmpty());
        assertTrue("nothing answers for the API while it is uninstalled", statusOrMinusOne("/me", admin) != 200);

        features.installFeatures(booted, noRefresh);
        JsonNode health = awaitHealthy();
        assertEquals("UP", health.get("status").asText());
        assertEquals("the broker's port was freed and bound again", "listening",
                health.at("/checks/broker/state").asText());
        assertEquals("kept", get("/settings/itest.reinstall", login("admin")).json().get("value").asText());
    }
}
