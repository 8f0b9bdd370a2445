package io.onegrid.address.internal.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Decoding and parsing helpers shared by the doorplate tests: an independent check of what the code under test writes. */
final class QrTestSupport {

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    private QrTestSupport() {
    }

    /** Decodes a QR code in an image the way a scanner would: no hint that the image is a clean, pure barcode. */
    static Result decode(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("No QR code decoded from a " + image.getWidth() + " px image: " + e, e);
        }
    }

    /** Decodes an image known to hold nothing but the symbol and its quiet zone, at any pixel size. */
    static Result decodePure(BufferedImage image) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("No pure QR code decoded from a " + image.getWidth() + " px image: " + e, e);
        }
    }

    static BufferedImage readPng(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null, "ImageIO could not read the PNG");
            return image;
        } catch (IOException e) {
            throw new AssertionError("Unreadable PNG", e);
        }
    }

    /** Every pixel of {@code image} is black exactly where the matrix cell it falls in is set. */
    static void assertPixelsMatch(BitMatrix matrix, BufferedImage image, int scale) {
        assertEquals(matrix.getWidth() * scale, image.getWidth(), "width");
        assertEquals(matrix.getHeight() * scale, image.getHeight(), "height");
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean dark = (image.getRGB(x, y) & 0xFFFFFF) == 0;
                boolean light = (image.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
                assertTrue(dark || light, "pixel neither black nor white at " + x + "," + y);
                if (dark != matrix.get(x / scale, y / scale)) {
                    throw new AssertionError("pixel " + x + "," + y + " differs from module " + x / scale + "," + y / scale);
                }
            }
        }
    }

    /**
     * A namespace-aware DOM parser that resolves nothing from outside: no DTDs, no external entities. With
     * {@code allowDoctype} false any DOCTYPE is refused (standalone SVG has none); true is for the HTML sheet's bare
     * {@code <!DOCTYPE html>}.
     */
    static Document parseXml(String xml, boolean allowDoctype) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("Not well-formed XML: " + e.getMessage(), e);
        }
    }

    /**
     * Draws an SVG written by {@link DoorplateQr} ourselves: a white canvas of viewBox size, and every rectangle of the
     * single path filled black, {@code scale} pixels per viewBox unit. Fails on anything the QR SVG should not contain.
     */
    static BufferedImage rasterize(Element svg, int scale) {
        assertEquals(SVG_NS, svg.getNamespaceURI());
        assertEquals("svg", svg.getLocalName());
        assertEquals("crispEdges", svg.getAttribute("shape-rendering"));
        String[] box = svg.getAttribute("viewBox").trim().split("\\s+");
        assertEquals(4, box.length, "viewBox");
        assertEquals("0", box[0]);
        assertEquals("0", box[1]);
        int w = Integer.parseInt(box[2]);
        int h = Integer.parseInt(box[3]);

        NodeList paths = svg.getElementsByTagNameNS(SVG_NS, "path");
        assertEquals(1, paths.getLength(), "exactly one path");
        Element path = (Element) paths.item(0);
        assertEquals("#000", path.getAttribute("fill"));
        NodeList rects = svg.getElementsByTagNameNS(SVG_NS, "rect");
        assertEquals(1, rects.getLength(), "one background rect");
        Element bg = (Element) rects.item(0);
        assertEquals("#fff", bg.getAttribute("fill"));
        assertEquals(String.valueOf(w), bg.getAttribute("width"));
        assertEquals(String.valueOf(h), bg.getAttribute("height"));

        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_BYTE_GRAY);
        int white = 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, white);
            }
        }
        String d = path.getAttribute("d");
        Matcher m = RUN.matcher(d);
        int at = 0;
        int prevY = -1;
        int prevEnd = -1;
        while (m.find()) {
            assertEquals(at, m.start(), "unexpected text in path data at " + at);
            at = m.end();
            int x0 = Integer.parseInt(m.group(1));
            int y0 = Integer.parseInt(m.group(2));
            int run = Integer.parseInt(m.group(3));
            assertEquals(run, Integer.parseInt(m.group(4)), "a rectangle closes where it started");
            assertTrue(run > 0 && x0 + run <= w && y0 < h, "rectangle inside the viewBox");
            // Run-length merged: on one row, a run never touches the one before it (they would have been one run).
            assertTrue(y0 > prevY || y0 == prevY && x0 > prevEnd, "runs in order and merged at " + x0 + "," + y0);
            prevY = y0;
            prevEnd = x0 + run;
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + run) * scale; x++) {
                    image.setRGB(x, y, 0);
                }
            }
        }
        assertEquals(d.length(), at, "path data fully consumed");
        return image;
    }
}
