package io.onegrid.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A route path such as {@code /settings/{key}}: literal segments and variables that match one segment each.
 * Comparison puts the more specific template first: at the first segment where two differ, a literal beats a variable.
 */
final class PathTemplate implements Comparable<PathTemplate> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String text;
    private final String[] segments;
    private final boolean[] variable;

    private PathTemplate(String text, String[] segments, boolean[] variable) {
        this.text = text;
        this.segments = segments;
        this.variable = variable;
    }

    static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("A route path starts with '/': " + text);
        }
        List<String> parts = split(text);
        String[] segments = new String[parts.size()];
        boolean[] variable = new boolean[parts.size()];
        for (int i = 0; i < segments.length; i++) {
            String part = parts.get(i);
            var m = VARIABLE.matcher(part);
            if (m.matches()) {
                segments[i] = m.group(1);
                variable[i] = true;
            } else if (LITERAL.matcher(part).matches()) {
                segments[i] = part;
            } else {
                throw new IllegalArgumentException("Bad segment '" + part + "' in route path " + text);
            }
        }
        return new PathTemplate(text, segments, variable);
    }

    /** Splits a path into its non-empty segments; a trailing slash is ignored. */
    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The variables' values when {@code path} (already split and decoded) matches, else {@code null}. */
    Map<String, String> match(List<String> path) {
        if (path.size() != segments.length) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                values.put(segments[i], path.get(i));
            } else if (!segments[i].equals(path.get(i))) {
                return null;
            }
        }
        return values;
    }

    List<String> variables() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            if (variable[i]) {
                names.add(segments[i]);
            }
        }
        return names;
    }

    /** The same shape regardless of variable names, to detect two routes claiming one path. */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            sb.append('/').append(variable[i] ? "{}" : segments[i]);
        }
        return sb.toString();
    }

    /**
     * Segment by segment: at the first segment where two templates differ, a literal comes before a variable and two
     * literals compare as text; a template that is a prefix of the other comes first; the text breaks ties. That is a
     * lexicographic order over (kind, text) tokens, hence a total order. (An earlier version compared the variable
     * positions first and the whole text after, which is not transitive: sorting then threw "Comparison method
     * violates its general contract" for some binding orders, and the resource being bound lost its routes.)
     */
    @Override
    public int compareTo(PathTemplate o) {
        for (int i = 0; i < Math.min(segments.length, o.segments.length); i++) {
            if (variable[i] != o.variable[i]) {
                return variable[i] ? 1 : -1;
            }
            if (!variable[i]) {
                int c = segments[i].compareTo(o.segments[i]);
                if (c != 0) {
                    return c;
                }
            }
        }
        if (segments.length != o.segments.length) {
            return Integer.compare(segments.length, o.segments.length);
        }
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
