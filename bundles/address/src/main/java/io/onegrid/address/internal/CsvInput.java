package io.onegrid.address.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the registry's CSV imports share: reading the header row, and telling a non-UTF-8 file from bad CSV. */
public final class CsvInput {

    public static final String NOT_UTF8 = "The file is not UTF-8 text; save it as UTF-8 and try again";

    private CsvInput() {
    }

    /**
     * Column positions by lower-case name (a byte-order mark and spaces ignored, the first of a repeated name wins).
     *
     * @throws ProblemException 422 naming the first missing {@code required} column and the expected {@code header}
     */
    public static Map<String, Integer> columns(List<String> names, List<String> required, List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            columns.putIfAbsent((n.startsWith("\uFEFF") ? n.substring(1) : n).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw ProblemException.invalid("The file has no '" + column + "' column",
                        List.of(Violation.ofLine(1, column, "expected header " + String.join(",", header))));
            }
        }
        return columns;
    }

    /** Whether reading failed on bytes that are not UTF-8; the CSV parser wraps the decoder's exception. */
    public static boolean isNotUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }
}
