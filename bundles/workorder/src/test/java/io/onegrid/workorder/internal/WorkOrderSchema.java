package io.onegrid.workorder.internal;

import io.onegrid.persistence.internal.migration.MigrationRunner;
import io.onegrid.persistence.internal.migration.ScriptSet;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** Applies every migration of {@code db/workorder} (as the schema extender does in the container) to a test database. */
public final class WorkOrderSchema {

    private WorkOrderSchema() {
    }

    /** @return how many versions were applied */
    public static int migrate(DataSource ds) throws Exception {
        Path dir = Path.of(WorkOrderSchema.class.getResource("/db/workorder").toURI());
        List<ScriptSet.ScriptFile> files = new ArrayList<>();
        try (Stream<Path> listed = Files.list(dir)) {
            for (Path p : listed.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                files.add(new ScriptSet.ScriptFile(p.getFileName().toString(), Files.readString(p,
                        StandardCharsets.UTF_8)));
            }
        }
        MigrationRunner runner = new MigrationRunner(ds);
        return runner.migrate("workorder", ScriptSet.select("workorder", files, runner.dialect()));
    }

    /** The highest version among the scripts: what a fresh database ends at. */
    static int latest() throws IOException, URISyntaxException {
        Path dir = Path.of(WorkOrderSchema.class.getResource("/db/workorder").toURI());
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
        }
    }
}
