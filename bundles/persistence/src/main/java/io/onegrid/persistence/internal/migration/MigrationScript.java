package io.onegrid.persistence.internal.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned script of a schema module.
 *
 * @param version     positive, unique within the module
 * @param description from the file name, underscores as spaces
 * @param sql         the script text
 */
public record MigrationScript(int version, String description, String sql) {

    /** {@code V3__add_index.sql} or {@code V3__add_index.postgresql.sql}. */
    static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,6})__([A-Za-z0-9_]+?)(?:\\.([a-z]+))?\\.sql");

    public MigrationScript {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1, not " + version);
        }
    }

    /** SHA-256 of the script text, so that a script edited after it ran is noticed. */
    public String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Splits the script into statements: a statement ends with a semicolon at the end of a line; lines starting with
     * {@code --} are comments.
     */
    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** Parsed parts of a script file name, or {@code null} when the name is not a migration's. */
    record FileName(int version, String description, String dialect) {
        static FileName parse(String name) {
            Matcher m = FILE_NAME.matcher(name);
            if (!m.matches()) {
                return null;
            }
            return new FileName(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), m.group(3));
        }
    }
}
