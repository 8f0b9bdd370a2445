package io.onegrid.api.problem;

/**
 * One reason why input was refused: a field of a JSON body, or a line of an imported file.
 *
 * @param field   JSON pointer or column name the violation is about; {@code null} when it concerns the whole item
 * @param line    1-based line of an imported file; {@code null} for request bodies
 * @param message human-readable reason
 */
public record Violation(String field, Integer line, String message) {

    public static Violation ofField(String field, String message) {
        return new Violation(field, null, message);
    }

    public static Violation ofLine(int line, String field, String message) {
        return new Violation(field, line, message);
    }
}
