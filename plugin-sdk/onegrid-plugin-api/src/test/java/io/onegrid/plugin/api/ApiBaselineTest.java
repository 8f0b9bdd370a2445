package io.onegrid.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.FileResource;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.version.Version;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The semantic version check, with the same bnd engine and rules as the {@code bnd-baseline-maven-plugin} execution
 * of this module: the tree as built passes against the released 1.0.0 API, and a changed method signature without a
 * major version bump fails — as does an addition without a minor bump — while the properly bumped variants pass.
 */
class ApiBaselineTest {

    static final Path BASELINE = Path.of(System.getProperty("onegrid.api.baseline"));

    @TempDir
    Path work;

    /** The outcome of one baseline run: the mismatched packages with bnd's suggested version, and the bundle's. */
    record Outcome(Map<String, Version> mismatches, boolean bundleMismatch, Version suggestedBundle) {
        boolean passes() {
            return mismatches.isEmpty() && !bundleMismatch;
        }
    }

    static Outcome baseline(Jar newer) throws Exception {
        try (Processor processor = new Processor(); Jar older = new Jar(BASELINE.toFile())) {
            Baseline baseline = new Baseline(processor, new DiffPluginImpl());
            Set<Info> infos = baseline.baseline(newer, older, new Instructions("*"));
            Map<String, Version> mismatches = infos.stream().filter(i -> i.mismatch)
                    .collect(Collectors.toMap(i -> i.packageName, i -> i.suggestedVersion));
            assertTrue(processor.isOk(), () -> "bnd reported " + processor.getErrors());
            return new Outcome(mismatches, baseline.getBundleInfo().mismatch, baseline.getBundleInfo().suggestedVersion);
        }
    }

    /** The bundle as this build made it ({@code target/classes} holds bnd's manifest and every class). */
    static Jar built() throws Exception {
        Jar jar = new Jar(ApiDocumentationTest.CLASSES.toFile());
        try (var in = Files.newInputStream(ApiDocumentationTest.CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            jar.setManifest(new Manifest(in));
        }
        return jar;
    }

    @Test
    void theTreeAsBuiltIsCompatibleWithTheReleasedApi() throws Exception {
        try (Jar jar = built()) {
            Outcome outcome = baseline(jar);
            assertTrue(outcome.passes(), outcome::toString);
        }
    }

    @Test
    void aChangedMethodSignatureWithoutAMajorBumpFails() throws Exception {
        // Notifier is implemented by plugins (@ConsumerType): a changed signature breaks every one of them.
        File changed = compile("io.onegrid.api.notify.Notifier", """
                package io.onegrid.api.notify;
                /** A channel that delivers notifications. */
                @org.osgi.annotation.versioning.ConsumerType
                public interface Notifier {
                    /** Delivers one notification, now with an urgency flag. */
                    void deliver(Notification notification, boolean urgent) throws Exception;
                }
                """);
        try (Jar jar = built()) {
            jar.putResource("io/onegrid/api/notify/Notifier.class", new FileResource(changed));
            Outcome outcome = baseline(jar);
            assertFalse(outcome.passes());
            assertEquals(Set.of("io.onegrid.api.notify"), outcome.mismatches().keySet());
            assertEquals(new Version(2, 0, 0), outcome.mismatches().get("io.onegrid.api.notify"));

            // a minor bump is not enough ...
            exportVersion(jar, "io.onegrid.api.notify", "1.1.0");
            assertEquals(Set.of("io.onegrid.api.notify"), baseline(jar).mismatches().keySet());
            // ... a major package bump is, once the API itself goes to 2.0.0
            exportVersion(jar, "io.onegrid.api.notify", "2.0.0");
            Outcome bumped = baseline(jar);
            assertEquals(Map.of(), bumped.mismatches());
            assertTrue(bumped.bundleMismatch(), "the 1.1 line cannot carry an incompatible change");
            assertEquals(new Version(2, 0, 0), bumped.suggestedBundle());
            jar.getManifest().getMainAttributes().putValue(Constants.BUNDLE_VERSION, "2.0.0.SNAPSHOT");
            assertTrue(baseline(jar).passes());
        }
    }

    @Test
    void aNewMethodOnAProviderTypeNeedsAMinorBumpAndNoMore() throws Exception {
        // WorkOrderIntake is implemented by the kernel only (@ProviderType): a new method is a minor change.
        String source = Files.readString(Path.of(System.getProperty("onegrid.api.sources").split(",")[0],
                "io/onegrid/api/workorder/WorkOrderIntake.java"), StandardCharsets.UTF_8);
        int end = source.lastIndexOf('}');
        File changed = compile("io.onegrid.api.workorder.WorkOrderIntake", source.substring(0, end)
                + "    /** Whether intake accepts reports now. */\n    default boolean open() { return true; }\n}\n");
        try (Jar jar = built()) {
            jar.putResource("io/onegrid/api/workorder/WorkOrderIntake.class", new FileResource(changed));
            String current = exportVersion(jar, "io.onegrid.api.workorder", null);
            Outcome unbumped = baseline(jar);
            Version released = released("io.onegrid.api.workorder");
            if (Version.parseVersion(current).compareTo(new Version(released.getMajor(), released.getMinor() + 1, 0)) < 0) {
                assertEquals(Set.of("io.onegrid.api.workorder"), unbumped.mismatches().keySet());
            }
            Version minor = Version.parseVersion(current);
            exportVersion(jar, "io.onegrid.api.workorder", new Version(minor.getMajor(), minor.getMinor() + 1, 0).toString());
            assertTrue(baseline(jar).passes(), "a minor bump of a package stays within the 1.1 line");
        }
    }

    private File compile(String className, String source) throws Exception {
        Path src = work.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source, StandardCharsets.UTF_8);
        Path out = Files.createDirectories(work.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(), "--release", "17",
                "-classpath", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, status, "the changed source does not compile");
        return out.resolve(className.replace('.', '/') + ".class").toFile();
    }

    /** Sets a package's exported version in the jar's manifest (null: leaves it); answers the version it had. */
    private static String exportVersion(Jar jar, String pkg, String version) throws Exception {
        Manifest manifest = jar.getManifest();
        Parameters exports = new Parameters(manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
        Attrs attrs = exports.get(pkg);
        String before = attrs.getVersion();
        if (version != null) {
            attrs.put(Constants.VERSION_ATTRIBUTE, version);
            manifest.getMainAttributes().putValue(Constants.EXPORT_PACKAGE, exports.toString());
            jar.setManifest(manifest);
        }
        return before;
    }

    private static Version released(String pkg) throws Exception {
        try (Jar older = new Jar(BASELINE.toFile())) {
            return Version.parseVersion(new Parameters(older.getManifest().getMainAttributes()
                    .getValue(Constants.EXPORT_PACKAGE)).get(pkg).getVersion());
        }
    }

    @Test
    void theReleasedApiIsTheOneThisBuildBaselinesAgainst() throws Exception {
        try (Jar older = new Jar(BASELINE.toFile())) {
            assertEquals("io.onegrid.plugin.api", older.getBsn());
            assertEquals("1.0.0", older.getVersion());
            List<String> packages = List.copyOf(new Parameters(older.getManifest().getMainAttributes()
                    .getValue(Constants.EXPORT_PACKAGE)).keySet());
            assertTrue(packages.contains("io.onegrid.api.workorder") && packages.contains("io.onegrid.device.api"),
                    packages::toString);
        }
    }
}
