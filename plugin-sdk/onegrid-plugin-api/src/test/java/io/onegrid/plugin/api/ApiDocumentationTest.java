package io.onegrid.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import jdk.javadoc.doclet.Doclet;
import jdk.javadoc.doclet.DocletEnvironment;
import jdk.javadoc.doclet.Reporter;
import org.junit.jupiter.api.Test;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the SDK promises about its API besides compatibility: every package it exports carries a version, every public
 * type is documented, and every interface says who implements it ({@code @ProviderType}: OneGrid, so adding a method
 * is a minor change; {@code @ConsumerType}: plugins, so adding a method is a major change).
 */
class ApiDocumentationTest {

    static final Path CLASSES = Path.of(System.getProperty("onegrid.api.classes", "target/classes"));

    /** The packages in this bundle, as directories holding classes. */
    static Set<String> packagesInBundle() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io"))) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> CLASSES.relativize(p.getParent()).toString().replace(File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Manifest manifest() throws IOException {
        try (var in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    @Test
    void everyPackageIsExportedWithAVersion() throws Exception {
        String exports = manifest().getMainAttributes().getValue("Export-Package");
        Set<String> packages = packagesInBundle();
        assertTrue(packages.containsAll(Set.of("io.onegrid.api.workorder", "io.onegrid.api.notify",
                "io.onegrid.api.console", "io.onegrid.api.rest", "io.onegrid.api.security", "io.onegrid.api.address",
                "io.onegrid.api.identity", "io.onegrid.device.api", "io.onegrid.persistence.api")), packages::toString);
        for (String pkg : packages) {
            assertTrue(exports.matches("(?s).*(^|,)" + pkg.replace(".", "\\.") + ";version=\"[1-9][0-9]*\\.[0-9]+\\.[0-9]+\".*"),
                    pkg + " is not exported with a version: " + exports);
        }
    }

    @Test
    void everyPublicTypeHasJavadocAndEveryInterfaceSaysWhoImplementsIt() throws Exception {
        List<File> sources = new ArrayList<>();
        for (String root : System.getProperty("onegrid.api.sources").split(",")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"))
                        .filter(p -> isExported(Path.of(root).relativize(p.getParent())))
                        .forEach(p -> sources.add(p.toFile()));
            }
        }
        assertTrue(sources.size() > 50, "found only " + sources.size() + " API sources");
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javadoc.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            TypeDocCheck.undocumented.clear();
            TypeDocCheck.unmarked.clear();
            TypeDocCheck.checked = 0;
            boolean ok = javadoc.getTask(null, files, diagnostics, TypeDocCheck.class,
                    List.of("-classpath", System.getProperty("java.class.path"), "-quiet"),
                    files.getJavaFileObjectsFromFiles(sources)).call();
            assertTrue(ok, () -> "javadoc failed: " + diagnostics.getDiagnostics());
        }
        assertTrue(TypeDocCheck.checked >= sources.size(), "checked " + TypeDocCheck.checked + " types");
        assertEquals(List.of(), TypeDocCheck.undocumented, "public API types without Javadoc");
        assertEquals(List.of(), TypeDocCheck.unmarked, "interfaces without @ProviderType or @ConsumerType");
    }

    private static boolean isExported(Path packageDir) {
        try {
            return packagesInBundle().contains(packageDir.toString().replace(File.separatorChar, '.'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A doclet that checks every public or protected type for a documentation comment, and interfaces for their role. */
    public static final class TypeDocCheck implements Doclet {

        static final List<String> undocumented = new ArrayList<>();
        static final List<String> unmarked = new ArrayList<>();
        static int checked;

        @Override
        public void init(Locale locale, Reporter reporter) {
        }

        @Override
        public String getName() {
            return "type-doc-check";
        }

        @Override
        public Set<? extends Option> getSupportedOptions() {
            return Set.of();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latest();
        }

        @Override
        public boolean run(DocletEnvironment environment) {
            for (TypeElement type : ElementFilter.typesIn(environment.getIncludedElements())) {
                checked++;
                String comment = environment.getElementUtils().getDocComment(type);
                if (comment == null || comment.isBlank()) {
                    undocumented.add(describe(type));
                }
                // The annotations have CLASS retention: reflection cannot see them, the source model can.
                if (type.getKind() == ElementKind.INTERFACE && type.getAnnotationMirrors().stream()
                        .map(a -> a.getAnnotationType().toString())
                        .noneMatch(a -> a.equals(ProviderType.class.getName()) || a.equals(ConsumerType.class.getName()))) {
                    unmarked.add(describe(type));
                }
            }
            return true;
        }

        private static String describe(Element type) {
            return type instanceof TypeElement t ? t.getQualifiedName().toString() : type.toString();
        }
    }
}
