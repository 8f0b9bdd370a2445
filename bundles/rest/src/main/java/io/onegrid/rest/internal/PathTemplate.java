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

    @Override
    public int compareTo(PathTemplate o) {
        for (int i = 0; i < Math.min(segments.length, o.segments.length); i++) {
            if (variable[i] != o.variable[i]) {
                return variable[i] ? 1 : -1;
            }
        }
        return text.compareTo(o.text);
    }

    @Override
    public String toString() {
        return text;
    }
}
