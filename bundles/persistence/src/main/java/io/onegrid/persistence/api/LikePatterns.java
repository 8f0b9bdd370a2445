package io.onegrid.persistence.api;

/**
 * JPQL {@code LIKE} patterns from user text: {@code \}, {@code %} and {@code _} are escaped with {@code \}, so use
 * them with {@code LIKE :p ESCAPE '\'}. User text then matches literally and cannot widen a search.
 */
public final class LikePatterns {

    private LikePatterns() {
    }

    /** The text with the LIKE wildcards and the escape character escaped. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Matches values that contain {@code text}. */
    public static String containing(String text) {
        return "%" + escape(text) + "%";
    }

    /** Matches values that start with {@code text}. */
    public static String startingWith(String text) {
        return escape(text) + "%";
    }
}
