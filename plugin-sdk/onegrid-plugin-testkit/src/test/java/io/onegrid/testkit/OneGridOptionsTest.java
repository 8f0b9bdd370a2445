package io.onegrid.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneGridOptionsTest {

    @TempDir
    Path dir;

    @Test
    void aBuiltJarIsLaidOutAtItsMavenPath() throws Exception {
        Path jar = dir.resolve("target.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/maven/com.example.township/township-parking/pom.properties"));
            out.write("groupId=com.example.township\nartifactId=township-parking\nversion=1.0.0-SNAPSHOT\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.closeEntry();
        }
        Path published = OneGridOptions.publish(jar, dir.resolve("repo"));
        assertEquals(dir.resolve("repo/com/example/township/township-parking/1.0.0-SNAPSHOT/"
                + "township-parking-1.0.0-SNAPSHOT.jar"), published);
        assertTrue(Files.isRegularFile(published));
    }

    @Test
    void featureNamesAreReadFromTheRepository() throws Exception {
        Path xml = dir.resolve("feature.xml");
        Files.writeString(xml, """
                <features name="parking-1.0" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <repository>mvn:io.onegrid/onegrid-features/0.1.0/xml/features</repository>
                  <feature name="parking" version="1.0" description="Parking">
                    <feature>onegrid-core</feature>
                  </feature>
                  <feature version="1.0" name="parking-demo"><feature>parking</feature></feature>
                </features>
                """);
        assertEquals(List.of("parking", "parking-demo"), OneGridOptions.featureNames(xml));
    }

    @Test
    void theDistributionDefaultsToTheAssemblyOfTheSameVersion() {
        assertEquals("mvn:io.onegrid/onegrid-karaf-assembly/" + OneGridOptions.oneGridVersion() + "/tar.gz",
                OneGridOptions.distributionUrl());
        assertTrue(OneGridOptions.oneGridVersion().matches("\\d+\\.\\d+\\.\\d+.*"));
    }
}
