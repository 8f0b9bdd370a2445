package io.onegrid.persistence.internal.migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses, per version, the script for the database in use: a dialect-specific file ({@code V2__x.postgresql.sql})
 * wins over the portable one ({@code V2__x.sql}).
 */
public final class ScriptSet {

    private ScriptSet() {
    }

    /** A script file found in a bundle or on disk. */
    public record ScriptFile(String name, String text) {
    }

    /**
     * @param module  for messages
     * @param files   every {@code *.sql} file of the module's folder
     * @param dialect {@code derby} or {@code postgresql}
     * @throws IllegalArgumentException when two files claim the same version for the same dialect, or a name does not
     *                                  follow the pattern
     */
    public static List<MigrationScript> select(String module, List<ScriptFile> files, String dialect) {
        Map<Integer, MigrationScript> portable = new TreeMap<>();
        Map<Integer, MigrationScript> specific = new TreeMap<>();
        for (ScriptFile file : files) {
            MigrationScript.FileName name = MigrationScript.FileName.parse(file.name());
            if (name == null) {
                throw new IllegalArgumentException("Schema module '" + module + "': '" + file.name()
                        + "' is not named V<version>__<description>[.<dialect>].sql");
            }
            if (name.dialect() != null && !name.dialect().equals(dialect)) {
                continue;
            }
            Map<Integer, MigrationScript> target = name.dialect() == null ? portable : specific;
            MigrationScript previous = target.put(name.version(),
                    new MigrationScript(name.version(), name.description(), file.text()));
            if (previous != null) {
                throw new IllegalArgumentException("Schema module '" + module + "' has two scripts for version "
                        + name.version() + (name.dialect() == null ? "" : " (" + dialect + ")"));
            }
        }
        portable.putAll(specific);
        List<MigrationScript> scripts = new ArrayList<>(portable.values());
        scripts.sort(Comparator.comparingInt(MigrationScript::version));
        return scripts;
    }
}
