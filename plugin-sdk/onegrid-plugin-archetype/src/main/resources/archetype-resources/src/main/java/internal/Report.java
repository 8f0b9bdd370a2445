package ${package}.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import java.util.List;

/**
 * One report, from {@code POST /${pluginId}/reports} or a line of an inbox file.
 *
 * @param category       a 4-digit work-order category, or {@code null} for the configured default
 * @param addressCode    the standard address code (20 digits) or the village or grid code where it is
 * @param description    what is wrong
 * @param idempotencyKey chosen by the sender; a retry with the same key creates nothing new (may be {@code null})
 */
public record Report(String category, String addressCode, String description, String idempotencyKey) {

    /**
     * Reads one inbox line, {@code category,addressCode,description}; the description may hold commas.
     *
     * @param source the file and line number, which becomes the idempotency key: a file read twice creates nothing new
     */
    static Report parseLine(String line, String source) {
        String[] parts = line.split(",", 3);
        if (parts.length < 3 || parts[2].isBlank()) {
            throw ProblemException.invalid("Not category,addressCode,description: " + line,
                    List.of(Violation.ofField("line", "three fields separated by commas")));
        }
        String category = parts[0].strip();
        return new Report(category.isEmpty() ? null : category, parts[1].strip(), parts[2].strip(),
                source.replaceAll("[^A-Za-z0-9._:-]", "_"));
    }
}
