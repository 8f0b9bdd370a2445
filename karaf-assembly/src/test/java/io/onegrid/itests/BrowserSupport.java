package io.onegrid.itests;

import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;

/**
 * What the browser ITs share (they run inside the container): node scripts from {@code src/test/browser} copied next
 * to {@code target/browser/node_modules}, playwright-core installed by {@code npm ci} when the lock file changed,
 * headless {@code /usr/bin/chromium}. Without node or Chromium a walk is skipped, or fails when {@code CI=true}.
 */
final class BrowserSupport {

    static final String CHROMIUM = "/usr/bin/chromium";

    private BrowserSupport() {
    }

    /** Skips the test (fails it with {@code ci}) unless node and Chromium are there. */
    static void requireBrowser(boolean ci) {
        String missing = !works("node", "--version") ? "node is not installed"
                : !new File(CHROMIUM).canExecute() ? CHROMIUM + " is missing (apt-get install chromium)" : null;
        if (missing != null) {
            if (ci) {
                throw new AssertionError("CI=true: the browser tests need node and Chromium, but " + missing);
            }
            Assume.assumeTrue("browser walk skipped: " + missing + " (install nodejs, npm and chromium)", false);
        }
    }

    /** Copies the scripts and the lock file next to target's node_modules; installs playwright-core when needed. */
    static void prepare(Path source, Path work, boolean ci) throws Exception {
        Files.createDirectories(work);
        boolean lockChanged = !Files.exists(work.resolve("package-lock.json"))
                || Files.mismatch(source.resolve("package-lock.json"), work.resolve("package-lock.json")) >= 0;
        try (var files = Files.list(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.equals("package.json") || name.equals("package-lock.json") || name.endsWith(".mjs")) {
                    Files.copy(p, work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (!lockChanged && Files.exists(work.resolve("node_modules/playwright-core/package.json"))) {
            return;
        }
        if (!works("npm", "--version")) {
            if (ci) {
                throw new AssertionError("CI=true: npm is needed to install playwright-core");
            }
            Assume.assumeTrue("browser walk skipped: npm is not installed", false);
        }
        List<String> out = run(work, 10, "npm", "ci", "--no-audit", "--no-fund");
        assertTrue("npm ci failed:\n" + String.join("\n", out),
                Files.exists(work.resolve("node_modules/playwright-core/package.json")));
    }

    /** Creates {@code dir} and removes the files an earlier run left there (they would pass for this run's). */
    static void emptyFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs a command, echoing and answering its output (stdout and stderr merged); fails when it times out. */
    static List<String> run(Path dir, long minutes, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("[" + command[0] + "] " + line);
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " minutes:\n"
                    + String.join("\n", lines));
        }
        reader.join(10000);
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
