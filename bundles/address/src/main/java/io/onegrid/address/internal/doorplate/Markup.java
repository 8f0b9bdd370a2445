package io.onegrid.address.internal.doorplate;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Escaping for text placed in HTML or XML (SVG), in element content and in double- or single-quoted attributes.
 *
 * <p>Names, addresses and phone numbers on a doorplate sheet come from users, so every piece of text goes through
 * here. One function serves HTML and XML because the output is kept polyglot (well-formed XML that is also valid HTML).
 */
final class Markup {

    private Markup() {
    }

    /** {@code text} with {@code & < > " '} escaped; {@code null} becomes the empty string. */
    static String escape(CharSequence text) {
        StringBuilder out = new StringBuilder(text == null ? 0 : text.length() + 16);
        try {
            escape(text, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws
        }
        return out.toString();
    }

    /**
     * Appends {@code text} escaped to {@code out}. Characters XML forbids (C0 controls other than tab, LF and CR,
     * U+FFFE/U+FFFF, lone surrogates) become U+FFFD: a pasted control character in a name must not make the whole
     * sheet unparseable.
     */
    static void escape(CharSequence text, Appendable out) throws IOException {
        if (text == null) {
            return;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF
                            || Character.isSurrogate(c)) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
