package io.onegrid.address.internal.doorplate;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A printable HTML page of one village's doorplates: a heading with the village's name and code, then one card per
 * doorplate with its QR code (inline SVG), its code in large digits, its address and its contacts.
 *
 * <p>The page is self-contained (no external resources, no JavaScript, a Content-Security-Policy that forbids both),
 * lays out for A4, and is polyglot: valid HTML that is also well-formed XML, so it can be checked by an XML parser.
 * Every piece of text is escaped by {@link Markup}.
 *
 * <p>It is streamed card by card: a village of thousands of doorplates never becomes one String. A bad doorplate code
 * throws {@link IllegalArgumentException} when its card is reached, after the cards before it were written; callers
 * that answer HTTP should write to a buffer or temporary file first, or check the codes beforehand.
 */
public final class DoorplateSheet {

    /** Printed side of each QR code: about 0.9 mm per module for the usual 37-41 module symbol, easy for phones. */
    static final double QR_MM = 36;

    // A4 is 210 x 297 mm; with these margins two 93 mm columns and, even under the heading, three 82 mm rows fit.
    private static final String STYLE = """
            @page { size: A4; margin: 8mm 10mm; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { margin: 0; color: #000; background: #fff; line-height: 1.25;
                   font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
            .sheet-head { margin: 0 0 3mm; border-bottom: 0.5mm solid #000; }
            .sheet-head h1 { margin: 0; font-size: 6mm; }
            .sheet-head p { margin: 1mm 0 2mm; font-size: 3.5mm; }
            .cards { display: flex; flex-wrap: wrap; gap: 4mm; }
            .card { width: 93mm; height: 82mm; padding: 3mm 4mm; border: 0.4mm solid #000; border-radius: 2mm;
                    overflow: hidden; break-inside: avoid; page-break-inside: avoid; }
            .top { display: flex; gap: 3mm; }
            .qr { flex: none; width: 36mm; height: 36mm; }
            .qr svg { display: block; }
            .info { min-width: 0; }
            .info h2 { margin: 0 0 1.5mm; font-size: 5.5mm; }
            .addr { margin: 0; font-size: 3.6mm; line-height: 1.35; }
            .code { margin: 2mm 0 1.5mm; font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace;
                    font-size: 6.2mm; font-weight: bold; line-height: 1.15; white-space: nowrap; }
            .contacts { border-collapse: collapse; font-size: 3.5mm; width: 100%; }
            .contacts th { text-align: left; font-weight: normal; padding: 0.4mm 2mm 0.4mm 0; white-space: nowrap; width: 16mm; }
            .contacts td { padding: 0.4mm 2mm 0.4mm 0; }
            .contacts td.phone { font-family: "DejaVu Sans Mono", Consolas, monospace; white-space: nowrap; }
            .hint { margin: 1.5mm 0 0; font-size: 3mm; }
            @media screen { body { padding: 10mm; background: #eee; } .card { background: #fff; } }
            """;

    private final DoorplateQr qr;

    public DoorplateSheet(DoorplateQr qr) {
        this.qr = Objects.requireNonNull(qr, "qr");
    }

    /**
     * Writes the page to {@code out}, which must encode UTF-8 (the page declares it). {@code out} is flushed, not closed.
     *
     * @param villageCode the village's 12-digit code; every doorplate's code must be it or start with it
     * @param villageName the village's name, e.g. 柳树村
     * @throws IllegalArgumentException for a bad village code, or a doorplate that is not this village's
     */
    public void write(Writer out, String villageCode, String villageName, Iterable<Doorplate> doorplates)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(doorplates, "doorplates");
        String village = DoorplateQr.requireCode(villageCode);
        if (village.length() != 12) {
            throw new IllegalArgumentException("A doorplate sheet is for a village; give its 12-digit code, not "
                    + villageCode.length() + " digits");
        }
        String name = villageName == null ? "" : villageName.strip();

        out.write("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n<head>\n"
                + "<meta charset=\"utf-8\"/>\n"
                // Defence in depth behind the escaping: even injected markup could not load or run anything.
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n"
                + "<title>");
        Markup.escape(name, out);
        out.write(" 数字门牌 ");
        out.write(village);
        out.write("</title>\n<style>\n");
        out.write(STYLE);
        out.write("</style>\n</head>\n<body>\n<header class=\"sheet-head\"><h1>");
        Markup.escape(name, out);
        out.write(" 数字门牌</h1><p>村（社区）代码 <span class=\"village-code\">");
        out.write(village);
        out.write("</span></p></header>\n<main class=\"cards\">\n");

        int index = 0;
        for (Doorplate plate : doorplates) {
            index++;
            if (plate == null) {
                throw new NullPointerException("Doorplate " + index + " of the sheet is null");
            }
            String code;
            try {
                code = DoorplateQr.requireCode(plate.code());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Doorplate " + index + " of the sheet: " + e.getMessage(), e);
            }
            if (!code.startsWith(village)) {
                throw new IllegalArgumentException("Doorplate " + index + " of the sheet (" + code
                        + ") is not in village " + village);
            }
            writeCard(out, plate, code);
        }
        out.write("</main>\n</body>\n</html>\n");
        out.flush();
    }

    private void writeCard(Writer out, Doorplate plate, String code) throws IOException {
        out.write("<article class=\"card\" data-code=\"");
        out.write(code); // digits only, checked
        out.write("\">\n<div class=\"top\"><div class=\"qr\">");
        qr.writeSvg(code, QR_MM, DoorplateQr.Unit.MM, out);
        out.write("</div><div class=\"info\">");
        if (!Contact.isBlank(plate.title())) {
            out.write("<h2>");
            Markup.escape(plate.title().strip(), out);
            out.write("</h2>");
        }
        if (!Contact.isBlank(plate.addressText())) {
            out.write("<p class=\"addr\">");
            Markup.escape(plate.addressText().strip(), out);
            out.write("</p>");
        }
        out.write("</div></div>\n<p class=\"code\">");
        out.write(code);
        out.write("</p>\n");
        boolean any = false;
        for (Contact c : plate.contacts()) {
            if (c == null || c.isEmpty()) {
                continue;
            }
            if (!any) {
                out.write("<table class=\"contacts\"><tbody>\n");
                any = true;
            }
            out.write("<tr><th>");
            Markup.escape(strip(c.role()), out);
            out.write("</th><td class=\"name\">");
            Markup.escape(strip(c.name()), out);
            out.write("</td><td class=\"phone\">");
            Markup.escape(strip(c.phone()), out);
            out.write("</td></tr>\n");
        }
        if (any) {
            out.write("</tbody></table>\n");
        }
        out.write("<p class=\"hint\">扫一扫：联系村干部、民警、农技员，反映问题</p>\n</article>\n");
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
