package io.onegrid.address.internal.doorplate;

import static io.onegrid.address.internal.doorplate.QrTestSupport.SVG_NS;
import static io.onegrid.address.internal.doorplate.QrTestSupport.assertPixelsMatch;
import static io.onegrid.address.internal.doorplate.QrTestSupport.decode;
import static io.onegrid.address.internal.doorplate.QrTestSupport.decodePure;
import static io.onegrid.address.internal.doorplate.QrTestSupport.parseXml;
import static io.onegrid.address.internal.doorplate.QrTestSupport.rasterize;
import static io.onegrid.address.internal.doorplate.QrTestSupport.readPng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.BitMatrix;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DoorplateQrTest {

    private static final DoorplateQr QR = new DoorplateQr("https://grid.example.gov.cn");
    private static final DoorplateQr PROXIED = new DoorplateQr("http://10.0.0.5:8181/onegrid/");

    static Stream<Arguments> codesAndModuleSizes() {
        String[] codes = {"370399101201", "37039910120100000001", "13102510520199999999", "370399001002"};
        int[] sizes = {1, 2, 3, 8, 40};
        return Stream.of(QR, PROXIED).flatMap(qr -> Arrays.stream(codes)
                .flatMap(code -> Arrays.stream(sizes).mapToObj(px -> Arguments.of(qr, code, px))));
    }

    @ParameterizedTest(name = "{1} at {2} px/module via {0}")
    @MethodSource("codesAndModuleSizes")
    void pngDecodesToTheResidentUrl(DoorplateQr qr, String code, int modulePx) {
        byte[] png = qr.png(code, modulePx);
        BufferedImage image = readPng(png);
        BitMatrix matrix = qr.matrix(code);

        assertPixelsMatch(matrix, image, modulePx);
        // ZXing's finder-pattern detector needs at least 2 px per module; a 1 px image (for further scaling) is read
        // as a pure barcode instead.
        Result result = modulePx == 1 ? decodePure(image) : decode(image);
        assertEquals(qr.url(code), result.getText());
    }

    @Test
    void urlIsBaseSlashRSlashCode() {
        assertEquals("https://grid.example.gov.cn/r/370399101201", QR.url("370399101201"));
        assertEquals("http://10.0.0.5:8181/onegrid/r/37039910120100000001", PROXIED.url("37039910120100000001"));
        assertEquals("https://grid.example.gov.cn", new DoorplateQr("  HTTPS://Grid.Example.GOV.cn///  ").baseUrl());
        // Non-ASCII path characters are percent-encoded so the symbol carries plain ASCII.
        assertEquals("https://h.example/%E9%97%A8%E7%89%8C/r/370399101201",
                new DoorplateQr("https://h.example/门牌").url("370399101201"));
        assertEquals("https://[::1]:8443/r/370399101201", new DoorplateQr("https://[::1]:8443").url("370399101201"));
    }

    @Test
    void matrixHasTheQuietZoneAndSquareShape() {
        BitMatrix m = QR.matrix("37039910120100000001");
        assertEquals(m.getWidth(), m.getHeight());
        int symbol = m.getWidth() - 2 * DoorplateQr.QUIET_ZONE;
        assertEquals(1, (symbol - 21) % 4 == 0 ? 1 : 0, "a QR symbol is 21 + 4k modules wide, not " + symbol);
        for (int i = 0; i < m.getWidth(); i++) {
            for (int q = 0; q < DoorplateQr.QUIET_ZONE; q++) {
                assertFalse(m.get(i, q) || m.get(q, i) || m.get(i, m.getWidth() - 1 - q) || m.get(m.getWidth() - 1 - q, i),
                        "quiet zone must be light");
            }
        }
        // The finder pattern's corner starts right after the quiet zone.
        assertTrue(m.get(DoorplateQr.QUIET_ZONE, DoorplateQr.QUIET_ZONE));
    }

    static Stream<Arguments> svgCases() {
        return Stream.of(
                Arguments.of(QR, "370399101201", 36.0, DoorplateQr.Unit.MM, "36mm"),
                Arguments.of(QR, "37039910120100000001", 30.5, DoorplateQr.Unit.MM, "30.5mm"),
                Arguments.of(PROXIED, "13102510520199999999", 256.0, DoorplateQr.Unit.PX, "256px"),
                Arguments.of(new DoorplateQr("https://h.example/a&b'c"), "370399101201", 1.0, DoorplateQr.Unit.PX, "1px"));
    }

    @ParameterizedTest(name = "{1} as {4}")
    @MethodSource("svgCases")
    void svgParsesAsXmlAndItsRectanglesDecodeToTheUrl(DoorplateQr qr, String code, double size, DoorplateQr.Unit unit,
                                                      String expectedLength) {
        String svg = qr.svg(code, size, unit);
        Document doc = parseXml(svg, false);
        Element root = doc.getDocumentElement();

        assertEquals(expectedLength, root.getAttribute("width"));
        assertEquals(expectedLength, root.getAttribute("height"));
        BitMatrix matrix = qr.matrix(code);
        assertEquals("0 0 " + matrix.getWidth() + " " + matrix.getHeight(), root.getAttribute("viewBox"));
        assertEquals(qr.url(code), root.getElementsByTagNameNS(SVG_NS, "title").item(0).getTextContent());
        assertEquals(qr.url(code), root.getAttribute("aria-label"));

        BufferedImage drawn = rasterize(root, 4);
        assertPixelsMatch(matrix, drawn, 4);
        assertEquals(qr.url(code), decode(drawn).getText());
    }

    @Test
    void svgEscapesTheUrl() {
        String svg = new DoorplateQr("https://h.example/a&b'c").svg("370399101201", 30, DoorplateQr.Unit.MM);
        assertTrue(svg.contains("<title>https://h.example/a&amp;b&#39;c/r/370399101201</title>"), svg);
        assertFalse(svg.contains("a&b"));
    }

    @Test
    void svgSizeIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // decimal comma
            assertTrue(QR.svg("370399101201", 30.25, DoorplateQr.Unit.MM).contains("width=\"30.25mm\""));
        } finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 10_000.5, Double.NaN, Double.POSITIVE_INFINITY})
    void badSvgSizesAreRefused(double size) {
        var e = assertThrows(IllegalArgumentException.class, () -> QR.svg("370399101201", size, DoorplateQr.Unit.MM));
        assertTrue(e.getMessage().contains("SVG size"), e.getMessage());
    }

    @Test
    void svgWithoutUnitIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> QR.svg("370399101201", 30, null));
        assertTrue(e.getMessage().contains("unit"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                      | is required",
            "''                        | is required",
            "37039910120               | not 11",
            "3703991012010             | not 13",
            "370399101201000000011     | not 21",
            "' 370399101201'           | digits only",
            "'370399101201\t'          | digits only",
            "'370399101201\n'          | digits only",
            "３７０３９９１０１２０１      | digits only",
            "-37039910120              | digits only",
            "../../etc/passwd          | digits only",
            "370399101201?x=1          | digits only",
            "370399101201/../../admin  | digits only",
            "370399101201#top          | digits only",
            "<script>                  | digits only",
            "370399000000              | not a county's",
            "370399101000              | not a town's",
            "000000101201              | county code",
            "370399000201              | needs a town",
            "37039910120100000000      | must not be all zero",
            "37039910100000000001      | starts with a village's",
            "370399101201001           | not 15",
    })
    void badCodesAreRefusedNamingTheProblem(String code, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> QR.url(code));
        assertTrue(e.getMessage().contains(expected.trim()), () -> "'" + e.getMessage() + "' should say " + expected);
        assertThrows(IllegalArgumentException.class, () -> QR.png(code, 8));
        assertThrows(IllegalArgumentException.class, () -> QR.svg(code, 30, DoorplateQr.Unit.MM));
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                                 | is required",
            "'   '                                | is required",
            "ftp://grid.example.gov.cn            | https:// or http://",
            "javascript:alert(1)                  | https:// or http://",
            "grid.example.gov.cn                  | https:// or http://",
            "//grid.example.gov.cn/x              | https:// or http://",
            "https:grid.example.gov.cn            | needs // and a host",
            "https:///onegrid                     | no valid host",
            "https://grid_bad.example/            | no valid host",
            "https://示范县.gov.cn                 | xn-- form",
            "https://grid.example.gov.cn/?a=1     | must not have a query",
            "https://grid.example.gov.cn/p?       | must not have a query",
            "https://grid.example.gov.cn/#top     | must not have a fragment",
            "https://admin:secret@grid.example.cn | user name or password",
            "https://grid.example.gov.cn/a/../b   | . or .. path segments",
            "https://grid.example.gov.cn/a b      | not a valid URL",
            "https://grid.example.gov.cn/%zz      | not a valid URL",
    })
    void badBaseUrlsAreRefusedNamingTheProblem(String base, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> new DoorplateQr(base));
        assertTrue(e.getMessage().contains(expected.trim()), () -> "'" + e.getMessage() + "' should say " + expected);
    }

    @Test
    void overlongBaseUrlIsRefused() {
        String base = "https://grid.example.gov.cn/" + "a".repeat(DoorplateQr.MAX_BASE_URL_LENGTH);
        var e = assertThrows(IllegalArgumentException.class, () -> new DoorplateQr(base));
        assertTrue(e.getMessage().contains("longer than 200"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 41, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void moduleSizeOutsideOneToFortyIsRefused(int px) {
        var e = assertThrows(IllegalArgumentException.class, () -> QR.png("370399101201", px));
        assertTrue(e.getMessage().contains("module size must be 1 to 40"), e.getMessage());
    }

    @Test
    void imagesLargerThan2000PxAreRefusedButSmallerModulesOfTheSameCodeWork() {
        // A long (still allowed) base makes a bigger symbol: 40 px per module would exceed 2000 px.
        DoorplateQr longBase = new DoorplateQr("https://grid.example.gov.cn/" + "p".repeat(150));
        String code = "37039910120100000001";
        int modules = longBase.matrix(code).getWidth();
        assertTrue(modules * 40 > DoorplateQr.MAX_IMAGE_PX, "test premise: " + modules + " modules");

        var e = assertThrows(IllegalArgumentException.class, () -> longBase.png(code, 40));
        assertTrue(e.getMessage().contains("at most 2000 px"), e.getMessage());

        int px = DoorplateQr.MAX_IMAGE_PX / modules;
        assertEquals(longBase.url(code), decode(readPng(longBase.png(code, px))).getText());
    }

    @Test
    void pngIsDeterministicAndSmall() {
        StringBuilder report = new StringBuilder("PNG sizes for ").append(QR.url("37039910120100000001"))
                .append(" (").append(QR.matrix("37039910120100000001").getWidth()).append(" modules):");
        int previous = 0;
        for (int px : new int[] {1, 2, 4, 8, 16, 24, 40}) {
            byte[] a = QR.png("37039910120100000001", px);
            assertArrayEquals(a, QR.png("37039910120100000001", px), "same input, same bytes");
            assertTrue(a.length < 4096, px + " px/module gave " + a.length + " bytes");
            report.append(' ').append(px).append("px=").append(a.length).append('B');
            previous = a.length;
        }
        assertTrue(previous > 0);
        System.out.println(report);
    }

    @Test
    void symbolCarriesAnEciSegmentBecauseOfTheUtf8Hint() {
        // ISO/IEC 18004 symbology identifier: ]Q1 plain, ]Q2 with ECI. With the UTF-8 character set hint ZXing
        // always writes an ECI (26) header, even for an all-ASCII URL; recorded here so a change is noticed.
        Result result = decode(readPng(QR.png("370399101201", 8)));
        Object symbology = result.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER);
        System.out.println("Symbology identifier of a doorplate QR: " + symbology + ", error correction "
                + result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
        assertEquals("]Q2", symbology);
        assertEquals("M", result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }
}
