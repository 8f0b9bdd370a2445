package io.onegrid.address.internal.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkupTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "<script>alert(1)</script>       | &lt;script&gt;alert(1)&lt;/script&gt;",
            "a & b                           | a &amp; b",
            "\"quoted\"                      | &quot;quoted&quot;",
            "it's                            | it&#39;s",
            "&amp;                           | &amp;amp;",
            "柳树村 12号                      | 柳树村 12号",
            "\" onmouseover=\"alert(1)       | &quot; onmouseover=&quot;alert(1)",
            "]]><!--                         | ]]&gt;&lt;!--",
    })
    void escapesTheFiveSpecialCharacters(String in, String expected) {
        assertEquals(expected, Markup.escape(in));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Markup.escape(null));
    }

    @Test
    void keepsWhitespaceAndSupplementaryCharacters() {
        assertEquals("a\tb\nc\r", Markup.escape("a\tb\nc\r"));
        assertEquals("𠀀 张三 😀", Markup.escape("𠀀 张三 😀")); // rare CJK ideograph (surrogate pair) and an emoji
    }

    @Test
    void replacesCharactersXmlForbids() {
        assertEquals("a\uFFFDb\uFFFDc", Markup.escape("a\u0000b\u001Bc"));
        assertEquals("\uFFFD\uFFFD", Markup.escape("\uFFFE\uFFFF"));
        assertEquals("x\uFFFDy\uFFFD", Markup.escape("x\uD800y\uDC00")); // lone high, lone low surrogate
        assertEquals("\uFFFD", Markup.escape("\uD83D")); // high surrogate at the end
    }
}
