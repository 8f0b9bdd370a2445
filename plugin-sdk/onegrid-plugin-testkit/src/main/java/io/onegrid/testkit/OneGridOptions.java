package io.onegrid.testkit;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFileExtend;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The Pax Exam configuration of an in-container OneGrid test. Runs in the test JVM (from a {@code @Configuration}
 * method), never inside the container.
 *
 * <p>System properties read here (a plugin's failsafe configuration sets them; the archetype's POM shows how):
 * <ul>
 * <li>{@code onegrid.assembly}: the distribution archive (path or URL); default the {@code tar.gz} of
 *     {@code io.onegrid:onegrid-karaf-assembly} of this test kit's OneGrid version, from the Maven repositories</li>
 * <li>{@code onegrid.plugin.features}: the plugin's feature repository (its {@code feature.xml} as built), and
 *     {@code onegrid.plugin.bundles}: the plugin's jars as built (comma-separated); see {@link #pluginUnderTest()}</li>
 * <li>{@code onegrid.test.repositories}: more Maven repositories the container may read (comma-separated, in
 *     Pax URL syntax, e.g. {@code file:/home/me/.m2/repository@id=m2@snapshots})</li>
 * <li>{@code org.ops4j.pax.url.mvn.localRepository}: the local repository, shared with the container</li>
 * </ul>
 */
public final class OneGridOptions {

    /** Where Pax Exam unpacks the distribution, relative to the project. */
    public static final String UNPACK_DIRECTORY = "target/exam";

    private static final Properties BUILD = new Properties();

    static {
        try (InputStream in = OneGridOptions.class.getResourceAsStream("testkit.properties")) {
            if (in != null) {
                BUILD.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OneGridOptions() {
    }

    /** The OneGrid version this test kit belongs to (system property {@code onegrid.version} overrides it). */
    public static String oneGridVersion() {
        return System.getProperty("onegrid.version", BUILD.getProperty("onegrid.version"));
    }

    /**
     * Boots the OneGrid distribution on free ports with the demo county, installs this test kit as a bundle (the test
     * methods run inside the container and use it), and adds {@code extra}.
     */
    public static Option[] oneGrid(Option... extra) {
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        int http = freePort();
        // The distribution boots an embedded MQTT broker on 1883 and the SL 651 listener on 5651; a developer's
        // machine may run its own broker there. Every container gets free ports instead, the gateway subscribes to
        // the embedded broker and Mqtt.publisher() publishes to it, so a plugin's tests need no broker installed.
        int mqtt = freePort();
        String mqttUrl = System.getProperty("onegrid.test.mqtt", "tcp://127.0.0.1:" + mqtt);
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(distributionUrl())
                        .karafVersion(System.getProperty("karaf.version", BUILD.getProperty("karaf.version", "4.4.10")))
                        .name("OneGrid")
                        .unpackDirectory(new File(UNPACK_DIRECTORY))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(http)),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.localRepository", localRepo),
                systemProperty("onegrid.test.httpPort").value(String.valueOf(http)),
                editConfigurationFilePut("etc/io.onegrid.broker.cfg", "port", String.valueOf(mqtt)),
                editConfigurationFilePut("etc/io.onegrid.device.mqtt.cfg", "brokerUrl", mqttUrl),
                editConfigurationFilePut("etc/io.onegrid.device.sl651.cfg", "port", String.valueOf(freePort())),
                systemProperty("onegrid.test.mqtt").value(mqttUrl),
                // The probe waits this long for Pax Exam's own services; the 10 s default is too short for a first
                // boot on a busy 2-core machine (the probe then never starts and the run hangs).
                systemProperty("pax.exam.service.timeout").value("300000"),
                // Keep Jackson as a root feature so that uninstalling onegrid-core never refreshes the probe.
                editConfigurationFileExtend("etc/org.apache.karaf.features.cfg", "featuresBoot", "onegrid-jackson"),
                testkitBundle()));
        String repositories = System.getProperty("onegrid.test.repositories", "").trim();
        if (!repositories.isEmpty()) {
            options.add(editConfigurationFileExtend("etc/org.ops4j.pax.url.mvn.cfg",
                    "org.ops4j.pax.url.mvn.defaultRepositories", repositories));
        }
        options.addAll(Arrays.asList(extra));
        return options.toArray(Option[]::new);
    }

    /** The distribution archive: {@code onegrid.assembly}, or the assembly artifact of {@link #oneGridVersion()}. */
    static String distributionUrl() {
        String assembly = System.getProperty("onegrid.assembly");
        if (assembly != null && !assembly.isBlank()) {
            return assembly.contains(":") && !new File(assembly).exists() ? assembly
                    : new File(assembly).toURI().toString();
        }
        return maven("io.onegrid", "onegrid-karaf-assembly", Objects.requireNonNull(oneGridVersion(),
                "no OneGrid version: set onegrid.version or onegrid.assembly")).type("tar.gz").getURL();
    }

    /**
     * This test kit as a bundle in the container, from wherever the test JVM loaded it (its jar, or the classes folder
     * of the SDK's own build, which carries bnd's manifest).
     */
    public static Option testkitBundle() {
        try {
            Path location = Path.of(OneGridOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(location) ? bundle("reference:" + location.toUri())
                    : bundle(location.toUri().toString());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Installs the plugin under test at boot, through its own feature repository exactly as built: system property
     * {@code onegrid.plugin.features} names the feature XML and {@code onegrid.plugin.bundles} the jars it refers to
     * by {@code mvn:} URL. The jars are laid out as a Maven repository under {@code target/onegrid-plugin-repository}
     * that the container reads first, so the plugin's bundles come from this build and everything else (OneGrid,
     * Camel, ...) from the distribution, as in production. Every feature the XML declares is installed unless
     * {@code onegrid.plugin.featureNames} lists some.
     */
    public static Option pluginUnderTest() {
        String featuresXml = Objects.requireNonNull(System.getProperty("onegrid.plugin.features"),
                "set onegrid.plugin.features to the plugin's feature.xml (failsafe systemPropertyVariables)");
        File features = new File(featuresXml);
        if (!features.isFile()) {
            throw new IllegalStateException("no feature repository at " + features.getAbsolutePath());
        }
        Path repository = Path.of("target", "onegrid-plugin-repository").toAbsolutePath();
        for (String jar : System.getProperty("onegrid.plugin.bundles", "").split(",")) {
            if (!jar.isBlank()) {
                publish(Path.of(jar.trim()), repository);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        String listed = System.getProperty("onegrid.plugin.featureNames", "").trim();
        if (!listed.isEmpty()) {
            names.addAll(Arrays.asList(listed.split("\\s*,\\s*")));
        } else {
            names.addAll(featureNames(features.toPath()));
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no <feature name=...> in " + features);
        }
        return composite(
                editConfigurationFileExtend("etc/org.ops4j.pax.url.mvn.cfg",
                        "org.ops4j.pax.url.mvn.defaultRepositories",
                        repository.toUri() + "@id=plugin-under-test@snapshots"),
                features(features.toURI().toString(), names.toArray(String[]::new)));
    }

    /** The names of the features a feature repository declares. */
    static List<String> featureNames(Path featuresXml) {
        try {
            String xml = Files.readString(featuresXml, StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("<feature\\s[^>]*?name=\"([^\"]+)\"").matcher(xml);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a built jar to its Maven path (from the pom.properties Maven packs into it) under {@code repository}. */
    static Path publish(Path jar, Path repository) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry pom = file.stream().filter(e -> e.getName().startsWith("META-INF/maven/")
                    && e.getName().endsWith("/pom.properties")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(jar + " has no META-INF/maven/.../pom.properties"));
            Properties coordinates = new Properties();
            try (InputStream in = file.getInputStream(pom)) {
                coordinates.load(in);
            }
            String groupId = coordinates.getProperty("groupId");
            String artifactId = coordinates.getProperty("artifactId");
            String version = coordinates.getProperty("version");
            Path target = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
                    .resolve(artifactId + "-" + version + ".jar");
            Files.createDirectories(target.getParent());
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + jar + " for the container", e);
        }
    }

    /** Ports handed out by this JVM: a container binds its ports later, so the same one must not be given twice. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A TCP port free at the time of the call, below Linux's ephemeral range (32768–60999), never the same twice in
     * one run: a port the kernel picks for {@code new ServerSocket(0)} may go to an outgoing connection before the
     * container binds it.
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port found between 20000 and 32000");
    }
}
