package io.onegrid.address.internal.doorplate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The QR code of a digital doorplate: the resident page {@code {base}/r/{code}} as a ZXing {@link BitMatrix}, a PNG or
 * an SVG.
 *
 * <p>The code is a village's 12-digit code or a 20-digit standard address code; it is checked before it goes into the
 * URL, so nothing but digits is ever appended to the configured base. Thread-safe and stateless apart from the base.
 */
public final class DoorplateQr {

    /** Light modules around the symbol, as ISO/IEC 18004 requires; scanners miss codes printed without them. */
    public static final int QUIET_ZONE = 4;
    public static final int MIN_MODULE_PX = 1;
    public static final int MAX_MODULE_PX = 40;
    /** Upper bound of a PNG's side, so a request cannot make the server allocate and compress a huge image. */
    public static final int MAX_IMAGE_PX = 2000;
    /** Longer bases push the symbol to higher versions with smaller modules, which print and scan worse. */
    public static final int MAX_BASE_URL_LENGTH = 200;
    /** Upper bound of the SVG width/height number, whatever the unit. */
    public static final double MAX_SVG_SIZE = 10_000;

    /** The unit of an SVG's width and height. */
    public enum Unit {
        MM("mm"), PX("px");

        private final String css;

        Unit(String css) {
            this.css = css;
        }
    }

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
            EncodeHintType.MARGIN, QUIET_ZONE);

    /** The base without a trailing slash, e.g. {@code https://grid.example.gov.cn/onegrid}. */
    private final String base;

    /**
     * @param publicBaseUrl the address residents reach OneGrid at, e.g. {@code https://grid.example.gov.cn}; a path is
     *                      kept as a prefix ({@code https://h/onegrid} gives {@code https://h/onegrid/r/{code}}), for
     *                      installations behind a reverse proxy
     * @throws IllegalArgumentException when it is not an absolute http(s) URL with a host and without user info, query
     *                                  or fragment
     */
    public DoorplateQr(String publicBaseUrl) {
        this.base = normaliseBase(publicBaseUrl);
    }

    /** The base URL in the form the resident URLs start with (no trailing slash). */
    public String baseUrl() {
        return base;
    }

    /** The resident page of {@code code}: {@code {base}/r/{code}}. */
    public String url(String code) {
        return base + "/r/" + requireCode(code);
    }

    /**
     * {@code code} itself when it is a village's 12-digit code or a valid 20-digit standard address code.
     *
     * @throws IllegalArgumentException naming what is wrong otherwise
     */
    public static String requireCode(String code) {
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("A doorplate code is required");
        }
        for (int i = 0; i < code.length(); i++) {
            // Explicit range, not Character.isDigit: that also accepts full-width and other scripts' digits.
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                throw new IllegalArgumentException("A doorplate code has digits only: " + quote(code));
            }
        }
        if (code.length() == 12) {
            RegionCode region;
            try {
                region = RegionCode.parse(code);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("A 12-digit doorplate code must be a village's code: " + e.getMessage(), e);
            }
            if (region.level() != RegionLevel.VILLAGE) {
                throw new IllegalArgumentException("A 12-digit doorplate code must be a village's code, not a "
                        + region.level().name().toLowerCase(Locale.ROOT) + "'s: " + quote(code));
            }
            return code;
        }
        if (code.length() == AddressCode.LENGTH) {
            if (AddressCode.village(code).isEmpty()) {
                throw new IllegalArgumentException("A standard address code starts with a village's 12-digit code: "
                        + quote(code));
            }
            if (!AddressCode.isValid(code)) {
                throw new IllegalArgumentException("The sequence of a standard address code (digits 13-20) must not be "
                        + "all zero: " + quote(code));
            }
            return code;
        }
        throw new IllegalArgumentException("A doorplate code has 12 digits (a village) or 20 (a standard address code), "
                + "not " + code.length() + ": " + quote(code));
    }

    /**
     * The QR symbol of {@link #url(String)}: one matrix cell per module, the quiet zone included ({@code true} = dark).
     */
    public BitMatrix matrix(String code) {
        String url = url(code);
        try {
            // 0 x 0 asks ZXing for its natural size: 1 cell per module plus the margin.
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            // Cannot happen for URLs bounded by MAX_BASE_URL_LENGTH (they fit version 10 at level M).
            throw new IllegalStateException("Cannot encode " + url + " as a QR code", e);
        }
    }

    /**
     * A 1-bit greyscale PNG of the code's QR symbol, {@code modulePx} pixels per module.
     *
     * @throws IllegalArgumentException when {@code modulePx} is outside 1..40 or the image would exceed 2000 px
     */
    public byte[] png(String code, int modulePx) {
        if (modulePx < MIN_MODULE_PX || modulePx > MAX_MODULE_PX) {
            throw new IllegalArgumentException("The module size must be " + MIN_MODULE_PX + " to " + MAX_MODULE_PX
                    + " px, not " + modulePx);
        }
        BitMatrix matrix = matrix(code);
        long side = (long) matrix.getWidth() * modulePx;
        if (side > MAX_IMAGE_PX) {
            throw new IllegalArgumentException("At " + modulePx + " px per module the image would be " + side
                    + " px wide; at most " + MAX_IMAGE_PX + " px");
        }
        return BitmapPng.encode(matrix, modulePx);
    }

    /**
     * The code's QR symbol as a standalone SVG element ({@code <svg>…</svg>}, no XML declaration, so it can also be
     * inlined in HTML).
     *
     * @param size the width and height in {@code unit}, greater than 0 and at most {@link #MAX_SVG_SIZE}
     */
    public String svg(String code, double size, Unit unit) {
        StringBuilder out = new StringBuilder(4096);
        try {
            writeSvg(code, size, unit, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws
        }
        return out.toString();
    }

    /** Like {@link #svg(String, double, Unit)}, appending to {@code out}. */
    public void writeSvg(String code, double size, Unit unit, Appendable out) throws IOException {
        if (!(size > 0 && size <= MAX_SVG_SIZE)) { // also refuses NaN
            throw new IllegalArgumentException("The SVG size must be greater than 0 and at most " + (int) MAX_SVG_SIZE
                    + ", not " + size);
        }
        if (unit == null) {
            throw new IllegalArgumentException("The SVG size needs a unit (mm or px)");
        }
        BitMatrix m = matrix(code);
        String url = base + "/r/" + code; // checked by matrix()
        int w = m.getWidth();
        int h = m.getHeight();
        // BigDecimal, not String.format: a default locale with a decimal comma would write "30,5mm".
        String length = BigDecimal.valueOf(size).stripTrailingZeros().toPlainString() + unit.css;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ").append(Integer.toString(w))
                .append(' ').append(Integer.toString(h)).append("\" width=\"").append(length).append("\" height=\"")
                .append(length).append("\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"");
        Markup.escape(url, out);
        out.append("\"><title>");
        Markup.escape(url, out);
        // The light background is drawn, not assumed: the quiet zone must stay light on coloured or dark pages.
        out.append("</title><rect width=\"").append(Integer.toString(w)).append("\" height=\"").append(Integer.toString(h))
                .append("\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        // One rectangle per horizontal run of dark modules: far fewer path commands than one square per module.
        for (int y = 0; y < h; y++) {
            int x = 0;
            while (x < w) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < w && m.get(x, y)) {
                    x++;
                }
                int run = x - start;
                out.append('M').append(Integer.toString(start)).append(' ').append(Integer.toString(y))
                        .append('h').append(Integer.toString(run)).append("v1h-").append(Integer.toString(run))
                        .append('z');
            }
        }
        out.append("\"/></svg>");
    }

    private static String normaliseBase(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The public base URL is required, e.g. https://grid.example.gov.cn");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_BASE_URL_LENGTH) {
            throw new IllegalArgumentException("The public base URL is longer than " + MAX_BASE_URL_LENGTH
                    + " characters; QR codes get too dense");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The public base URL is not a valid URL (" + e.getReason() + " at index "
                    + e.getIndex() + "): " + quote(trimmed), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("The public base URL must start with https:// or http://: " + quote(trimmed));
        }
        if (uri.isOpaque()) {
            throw new IllegalArgumentException("The public base URL needs // and a host after the scheme: " + quote(trimmed));
        }
        if (uri.getRawUserInfo() != null) {
            // It would be printed on every doorplate.
            throw new IllegalArgumentException("The public base URL must not contain a user name or password");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The public base URL has no valid host name (write an internationalised "
                    + "domain name in its xn-- form): " + quote(trimmed));
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("The public base URL must not have a query (?...): the code is appended "
                    + "to its path: " + quote(trimmed));
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The public base URL must not have a fragment (#...): " + quote(trimmed));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("The public base URL must not contain . or .. path segments: "
                        + quote(trimmed));
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String normal = scheme.toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path;
        // toASCIIString percent-encodes any non-ASCII path characters, so the symbol carries a plain ASCII URL that
        // every scanner opens the same way.
        return URI.create(normal).toASCIIString();
    }

    /** Input echoed in a message, cut short: it may be long or hostile and messages end up in logs. */
    private static String quote(String s) {
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
    }
}
