package io.onegrid.persistence.internal.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.onegrid.persistence.internal.migration.ScriptSet.ScriptFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptSetTest {

    private final List<ScriptFile> files = List.of(
            new ScriptFile("V2__add_index.sql", "portable 2"),
            new ScriptFile("V1__init.sql", "portable 1"),
            new ScriptFile("V1__init.postgresql.sql", "pg 1"),
            new ScriptFile("V10__later.derby.sql", "derby 10"));

    @Test
    void dialectSpecificScriptWinsAndOthersAreSkipped() {
        assertEquals(List.of("pg 1", "portable 2"),
                ScriptSet.select("m", files, "postgresql").stream().map(MigrationScript::sql).toList());
        List<MigrationScript> derby = ScriptSet.select("m", files, "derby");
        assertEquals(List.of(1, 2, 10), derby.stream().map(MigrationScript::version).toList());
        assertEquals("add index", derby.get(1).description());
    }

    @Test
    void refusesBadNamesAndDuplicateVersions() {
        assertThrows(IllegalArgumentException.class,
                () -> ScriptSet.select("m", List.of(new ScriptFile("init.sql", "")), "derby"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScriptSet.select("m",
                List.of(new ScriptFile("V1__a.sql", ""), new ScriptFile("V1__b.sql", "")), "derby"));
        assertEquals("Schema module 'm' has two scripts for version 1", e.getMessage());
    }

    @Test
    void splitsStatementsAtLineEndSemicolons() {
        MigrationScript s = new MigrationScript(1, "x", "-- c\nCREATE TABLE a (\n  v VARCHAR(5) DEFAULT 'x;y'\n);\n\nDROP TABLE a;");
        assertEquals(2, s.statements().size());
        assertEquals("DROP TABLE a", s.statements().get(1));
    }
}
