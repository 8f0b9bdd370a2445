package io.onegrid.sample.brightkitchen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The build's proof that this plugin is built on the SDK only: every {@code io.onegrid.*} package in the bundle's
 * {@code Import-Package} (as bnd computed it from the compiled classes) must be exported by one of the SDK bundles
 * ({@code onegrid.sdk.bundles}, set in the POM), whose manifests are read from the test class path. An import of a
 * kernel-internal package, or of a plugin's own, fails the build here, before anything is packaged.
 */
class SdkOnlyImportsTest {

    @Test
    void importsNoOneGridPackageTheSdkDoesNotExport() throws IOException {
        Path manifest = Path.of(Objects.requireNonNull(System.getProperty("onegrid.plugin.manifest"),
                "run through Maven: onegrid.plugin.manifest names the bundle's manifest"));
        Manifest plugin;
        try (InputStream in = Files.newInputStream(manifest)) {
            plugin = new Manifest(in);
        }
        Set<String> imports = packages(plugin.getMainAttributes().getValue("Import-Package"));
        assertFalse(imports.isEmpty(), "no Import-Package in " + manifest + ": did bnd run?");

        List<String> sdk = Arrays.stream(System.getProperty("onegrid.sdk.bundles", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertFalse(sdk.isEmpty(), "onegrid.sdk.bundles is empty");
        TreeMap<String, Set<String>> exportsBySdkBundle = new TreeMap<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            try (InputStream in = url.openStream()) {
                Manifest m = new Manifest(in);
                String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
                String name = bsn == null ? null : bsn.split(";")[0].strip();
                if (name != null && sdk.contains(name)) {
                    exportsBySdkBundle.computeIfAbsent(name, k -> new TreeSet<>())
                            .addAll(packages(m.getMainAttributes().getValue("Export-Package")));
                }
            }
        }
        assertEquals(new TreeSet<>(sdk), exportsBySdkBundle.keySet(),
                "every SDK bundle must be on the test class path, or the check proves nothing");
        Set<String> allowed = new TreeSet<>();
        exportsBySdkBundle.values().forEach(allowed::addAll);

        List<String> offending = new ArrayList<>();
        for (String p : imports) {
            if (p.startsWith("io.onegrid.") && !allowed.contains(p)) {
                offending.add(p);
            }
        }
        if (!offending.isEmpty()) {
            fail("The plugin imports OneGrid packages that the SDK does not export: " + offending
                    + "\nSDK packages: " + allowed);
        }
        assertTrue(imports.stream().anyMatch(p -> p.startsWith("io.onegrid.api.")),
                "expected the plugin to use the SDK at all: " + imports);
    }

    /** The package names of an OSGi package header ({@code a.b;version="[1.0,2)",c.d}), attributes dropped. */
    static Set<String> packages(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char ch : (header + ",").toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ',' && !quoted) {
                for (String part : clause.toString().split(";")) {
                    String s = part.strip();
                    if (!s.isEmpty() && !s.contains("=")) {
                        names.add(s); // several packages may share one clause's attributes
                    }
                }
                clause.setLength(0);
            } else {
                clause.append(ch);
            }
        }
        return names;
    }
}
