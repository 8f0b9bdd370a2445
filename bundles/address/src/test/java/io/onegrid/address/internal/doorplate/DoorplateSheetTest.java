package io.onegrid.address.internal.doorplate;

import static io.onegrid.address.internal.doorplate.QrTestSupport.SVG_NS;
import static io.onegrid.address.internal.doorplate.QrTestSupport.decode;
import static io.onegrid.address.internal.doorplate.QrTestSupport.parseXml;
import static io.onegrid.address.internal.doorplate.QrTestSupport.rasterize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

class DoorplateSheetTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String VILLAGE = "370399101201";
    private static final String HOSTILE = "<script>alert(1)</script>";

    private final DoorplateQr qr = new DoorplateQr("https://grid.example.gov.cn");
    private final DoorplateSheet sheet = new DoorplateSheet(qr);

    private static List<Doorplate> threeDoorplates() {
        return List.of(
                new Doorplate(VILLAGE, "柳树村村委会", "示范县青石镇柳树村", List.of(
                        new Contact(Contact.VILLAGE_CADRE, HOSTILE, "13800000001"),
                        new Contact(Contact.POLICE_OFFICER, "李警官", "0533-1234567"),
                        new Contact(Contact.AGRICULTURAL_OFFICER, "王农技", null),
                        new Contact(Contact.GRID_WORKER, null, null))), // nothing to print: skipped
                new Doorplate(VILLAGE + "00000001", "柳树路 1 号", "示范县青石镇柳树村柳树路 1 号 & 2 号",
                        List.of(new Contact(Contact.GRID_WORKER, "赵网格\" onclick=\"x", "13900000002"))),
                new Doorplate(VILLAGE + "00000002", null, null, null));
    }

    private String render(String villageName, List<Doorplate> plates) throws IOException {
        StringWriter out = new StringWriter();
        sheet.write(out, VILLAGE, villageName, plates);
        return out.toString();
    }

    @Test
    void threeDoorplatesGiveThreeCardsWithDecodableSvgsAndEscapedText() throws IOException {
        List<Doorplate> plates = threeDoorplates();
        String html = render("柳树村<b>", plates);

        assertTrue(html.startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">"));
        assertTrue(html.contains("<meta charset=\"utf-8\"/>"));
        assertFalse(html.contains("<script>"), "raw hostile markup must not appear");
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element at all");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("赵网格&quot; onclick=&quot;x"));
        assertFalse(html.contains("onclick=\"x"));
        assertTrue(html.contains("柳树路 1 号 &amp; 2 号"));
        assertTrue(html.contains("柳树村&lt;b&gt; 数字门牌"));
        assertEquals(3, count(html, "<svg "));
        for (Doorplate p : plates) {
            assertTrue(html.contains("<p class=\"code\">" + p.code() + "</p>"), p.code());
        }
        // Self-contained: nothing is fetched when the page is opened or printed.
        for (String external : List.of(" src=", " href=", "<link", "@import", "url(", "<img", "<iframe", "<object")) {
            assertFalse(html.contains(external), external);
        }

        Document doc = parseXml(html, true);
        assertEquals("html", doc.getDocumentElement().getLocalName());
        assertEquals(XHTML, doc.getDocumentElement().getNamespaceURI());
        assertEquals("柳树村<b> 数字门牌", text(doc, "h1").get(0));
        assertEquals(List.of(VILLAGE), byClass(doc, "span", "village-code").stream().map(Element::getTextContent).toList());

        List<Element> cards = byClass(doc, "article", "card");
        assertEquals(3, cards.size());
        for (int i = 0; i < 3; i++) {
            Element card = cards.get(i);
            String code = plates.get(i).code();
            assertEquals(code, card.getAttribute("data-code"));
            NodeList svgs = card.getElementsByTagNameNS(SVG_NS, "svg");
            assertEquals(1, svgs.getLength());
            Element svg = (Element) svgs.item(0);
            assertEquals("36mm", svg.getAttribute("width"));
            assertEquals(qr.url(code), decode(rasterize(svg, 4)).getText(), "inline SVG of card " + (i + 1));
        }

        // The parser turns the escapes back into exactly what the user typed: shown as text, never as markup.
        List<String> names = text(doc, "td").stream().toList();
        assertTrue(names.contains(HOSTILE), names.toString());
        assertTrue(names.contains("赵网格\" onclick=\"x"));
        assertEquals(0, doc.getElementsByTagNameNS(XHTML, "script").getLength());
        assertEquals(0, doc.getElementsByTagNameNS(XHTML, "b").getLength());

        // Contacts: 3 printable on card 1 (grid worker without name and phone skipped), 1 on card 2, none on card 3.
        assertEquals(3, cards.get(0).getElementsByTagNameNS(XHTML, "tr").getLength());
        assertEquals(1, cards.get(1).getElementsByTagNameNS(XHTML, "tr").getLength());
        assertEquals(0, cards.get(2).getElementsByTagNameNS(XHTML, "table").getLength());
        assertEquals(List.of("村干部", "民警", "农技员", "网格员"), text(doc, "th"));
        assertTrue(cards.get(0).getTextContent().contains("0533-1234567"));
        // A missing title or address leaves its element out rather than printing "null".
        assertEquals(0, cards.get(2).getElementsByTagNameNS(XHTML, "h2").getLength());
        assertFalse(html.contains("null"));
    }

    @Test
    void pageIsForA4PrintWithoutScriptsAndWithAPolicyForbiddingThem() throws IOException {
        String html = render("柳树村", threeDoorplates());
        assertTrue(html.contains("@page { size: A4;"));
        assertTrue(html.contains("break-inside: avoid"));
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertFalse(html.contains("javascript:"));
        // The hostile name contains ' onclick="' as text; no element may carry it (or any on*) as an attribute.
        NodeList all = parseXml(html, true).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            var attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                String name = attributes.item(a).getNodeName();
                assertFalse(name.toLowerCase(Locale.ROOT).startsWith("on"), "event handler attribute " + name);
            }
        }
    }

    @Test
    void emptyVillageGivesAValidPageWithoutCards() throws IOException {
        Document doc = parseXml(render(null, List.of()), true);
        assertEquals(0, byClass(doc, "article", "card").size());
        assertEquals(1, doc.getElementsByTagNameNS(XHTML, "main").getLength());
    }

    @Test
    void sheetMustBeForAVillage() {
        var town = assertThrows(IllegalArgumentException.class,
                () -> sheet.write(new StringWriter(), "370399101000", "青石镇", List.of()));
        assertTrue(town.getMessage().contains("village"), town.getMessage());
        var address = assertThrows(IllegalArgumentException.class,
                () -> sheet.write(new StringWriter(), VILLAGE + "00000001", "柳树村", List.of()));
        assertTrue(address.getMessage().contains("12-digit code"), address.getMessage());
    }

    @Test
    void doorplatesOfAnotherVillageOrWithBadCodesAreRefusedNamingTheCard() {
        var other = assertThrows(IllegalArgumentException.class, () -> render("柳树村", List.of(
                new Doorplate(VILLAGE, null, null, null),
                new Doorplate("37039910120200000001", "桃园村 1 号", null, null))));
        assertEquals("Doorplate 2 of the sheet (37039910120200000001) is not in village 370399101201", other.getMessage());

        var bad = assertThrows(IllegalArgumentException.class, () -> render("柳树村", List.of(
                new Doorplate(VILLAGE + "00000001", null, null, null),
                new Doorplate(VILLAGE + "00000002", null, null, null),
                new Doorplate(VILLAGE + "0000000x", null, null, null))));
        assertTrue(bad.getMessage().startsWith("Doorplate 3 of the sheet: A doorplate code has digits only"),
                bad.getMessage());
    }

    @Test
    void doorplateRecordCopiesContactsAndNeedsACode() {
        List<Contact> contacts = new ArrayList<>(List.of(new Contact("村干部", "张三", "1")));
        Doorplate plate = new Doorplate(VILLAGE, null, null, contacts);
        contacts.clear();
        assertEquals(1, plate.contacts().size(), "a later change of the caller's list does not leak in");
        assertEquals(List.of(), new Doorplate(VILLAGE, null, null, null).contacts());
        assertThrows(NullPointerException.class, () -> new Doorplate(null, null, null, null));
        assertTrue(new Contact("民警", " ", null).isEmpty());
        assertFalse(new Contact(null, null, "110").isEmpty());
    }

    @Test
    void thousandDoorplatesStreamToAWriter() throws Exception {
        // Doorplates made on demand, as a database cursor would hand them over; the output only counted, never kept.
        Iterable<Doorplate> plates = () -> new Iterator<>() {
            private int n;

            @Override
            public boolean hasNext() {
                return n < 1000;
            }

            @Override
            public Doorplate next() {
                n++;
                return new Doorplate(String.format("%s%08d", VILLAGE, n), "柳树路 " + n + " 号",
                        "山东省示范县青石镇柳树村柳树路 " + n + " 号", List.of(
                        new Contact(Contact.VILLAGE_CADRE, "张三", "13800000001"),
                        new Contact(Contact.POLICE_OFFICER, "李警官", "0533-1234567"),
                        new Contact(Contact.AGRICULTURAL_OFFICER, "王农技", "13700000003"),
                        new Contact(Contact.GRID_WORKER, "赵网格" + n % 7, "13900000" + String.format("%03d", n % 1000))));
            }
        };
        CardCounter counter = new CardCounter();
        long started = System.nanoTime();
        try (Writer out = new OutputStreamWriter(counter, StandardCharsets.UTF_8)) {
            sheet.write(out, VILLAGE, "柳树村", plates);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(Locale.ROOT, "1000-doorplate sheet: %,d bytes UTF-8 (%,d per card), written in %d ms%n",
                counter.bytes, counter.bytes / 1000, millis);
        assertEquals(1000, counter.cards.get());
        assertTrue(counter.bytes > 1000 * 1000L, "each card carries at least a kilobyte (its QR SVG)");
    }

    /** An output stream that counts bytes and parses the stream as it passes, without keeping it. */
    private static final class CardCounter extends FilterOutputStream {
        final AtomicInteger cards = new AtomicInteger();
        long bytes;
        private final PipedOutputStream pipe;
        private final Thread parser;

        CardCounter() throws IOException {
            super(null);
            PipedInputStream in = new PipedInputStream(1 << 16);
            pipe = new PipedOutputStream(in);
            out = pipe;
            parser = new Thread(() -> {
                try {
                    SAXParserFactory f = SAXParserFactory.newInstance();
                    f.setNamespaceAware(true);
                    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
                    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                    f.newSAXParser().parse(new InputSource(in), new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String local, String qName, Attributes atts) {
                            if (local.equals("article") && "card".equals(atts.getValue("class"))) {
                                cards.incrementAndGet();
                            }
                        }
                    });
                } catch (Exception e) {
                    cards.set(-1_000_000); // any parse error fails the count assertion
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // closing only unblocks the writer
                    }
                }
            }, "sheet-parser");
            parser.start();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            bytes += len;
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            bytes++;
            out.write(b);
        }

        @Override
        public void close() throws IOException {
            super.close();
            try {
                parser.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<Element> byClass(Document doc, String tag, String cls) {
        NodeList all = doc.getElementsByTagNameNS(XHTML, tag);
        return IntStream.range(0, all.getLength()).mapToObj(i -> (Element) all.item(i))
                .filter(e -> cls.equals(e.getAttribute("class"))).toList();
    }

    private static List<String> text(Document doc, String tag) {
        NodeList all = doc.getElementsByTagNameNS(XHTML, tag);
        return IntStream.range(0, all.getLength()).mapToObj(i -> all.item(i).getTextContent()).distinct().toList();
    }
}
