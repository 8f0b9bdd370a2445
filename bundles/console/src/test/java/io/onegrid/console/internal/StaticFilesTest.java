package io.onegrid.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class StaticFilesTest {

    private final StaticFiles console = new StaticFiles("console", StaticFilesTest.class.getClassLoader());

    @Test
    void servesBundledFilesWithTypeGzipAndEtag() throws Exception {
        StaticFiles.File index = console.find("index.html").orElseThrow();
        assertEquals("text/html;charset=UTF-8", index.contentType());
        assertTrue(index.etag().startsWith("\""));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(index.gzip()))) {
            assertArrayEquals(index.plain(), in.readAllBytes());
        }
        assertEquals("text/javascript;charset=UTF-8", console.find("js/app.js").orElseThrow().contentType());
    }

    @Test
    void refusesTraversalHiddenAndUnknownFiles() {
        assertFalse(console.find("../resident/index.html").isPresent());
        assertFalse(console.find("js/../index.html").isPresent());
        assertFalse(console.find("/etc/passwd").isPresent());
        assertFalse(console.find(".hidden.js").isPresent());
        assertFalse(console.find("js\\app.js").isPresent());
        assertFalse(console.find("missing.js").isPresent());
        assertFalse(console.find("io/onegrid/console/internal/ConsoleServlet.class").isPresent());
        assertFalse(console.find("").isPresent());
    }

    @Test
    void gzipIsSentOnlyWhenAccepted() {
        assertTrue(FileSender.acceptsGzip("gzip, deflate, br"));
        assertTrue(FileSender.acceptsGzip("br;q=1.0, gzip;q=0.8"));
        assertFalse(FileSender.acceptsGzip("gzip;q=0"));
        assertFalse(FileSender.acceptsGzip("br"));
        assertFalse(FileSender.acceptsGzip(null));
    }
}
