package io.onegrid.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import javax.inject.Inject;
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
        assertEquals(1, health.at("/checks/database/schemas/core/version").asInt());
        List<Bundle> bundles = oneGridBundles();
        assertTrue("core-api, persistence and rest are installed: " + bundles, bundles.size() >= 3);
        for (Bundle bundle : bundles) {
            assertEquals(bundle.getSymbolicName() + " is active", Bundle.ACTIVE, bundle.getState());
        }
        assertEquals(bundles.size(), health.get("bundles").size());
    }

    @Test
    public void malformedJsonIsAProblemAndChangesNothing() throws Exception {
        awaitHealthy();
        assertEquals(201, putJson("/settings/itest.malformed", "{\"value\":\"before\"}").status());
        Answer bad = putJson("/settings/itest.malformed", "{\"value\": \"after\"");
        assertEquals(400, bad.status());
        assertTrue(bad.contentType(), bad.contentType().startsWith("application/problem+json"));
        assertEquals("https://onegrid.io/problems/malformed-json", bad.json().get("type").asText());
        assertEquals("before", get("/settings/itest.malformed").json().get("value").asText());

        Answer wrongType = putJson("/settings/itest.malformed", "{\"value\": 1, \"version\": \"x\"}");
        assertEquals(400, wrongType.status());
        assertEquals("/version", wrongType.json().get("pointer").asText());
        assertEquals("before", get("/settings/itest.malformed").json().get("value").asText());
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
        assertEquals(201, putJson("/settings/itest.reinstall", "{\"value\":\"kept\"}").status());

        // No auto-refresh: the test probe imports dynamically and would itself be refreshed away mid-test.
        EnumSet<FeaturesService.Option> noRefresh = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
        features.uninstallFeature("onegrid-core", noRefresh);
        assertFalse(features.isInstalled(features.getFeature("onegrid-core")));
        assertTrue("no OneGrid bundle is left", oneGridBundles().isEmpty());

        features.installFeature("onegrid-core", noRefresh);
        JsonNode health = awaitHealthy();
        assertEquals("UP", health.get("status").asText());
        assertEquals("kept", get("/settings/itest.reinstall").json().get("value").asText());
    }
}
