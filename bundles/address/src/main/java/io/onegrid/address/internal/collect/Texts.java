package io.onegrid.address.internal.collect;

import java.util.Locale;

/** Messages in Simplified Chinese for {@code zh} callers and in English for everyone else. */
final class Texts {

    private Texts() {
    }

    static String of(Locale locale, String english, String chinese) {
        return locale != null && "zh".equals(locale.getLanguage()) ? chinese : english;
    }
}
