package io.onegrid.identity.internal.command;

import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Caller;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** {@code onegrid:region-import regions.csv}: the same all-or-nothing import as {@code POST /api/v1/regions/import}. */
@Service
@Command(scope = "onegrid", name = "region-import", description = "Import regions.csv (code,name,parent_code,kind,area)")
public class RegionImportCommand implements Action {

    @Argument(index = 0, name = "file", description = "UTF-8 CSV file with a header row", required = true)
    @org.apache.karaf.shell.api.action.Completion(FileCompleter.class)
    String file;

    @Reference
    RegionService regions;

    @Override
    public Object execute() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            RegionImportReport report = regions.importCsv(Caller.SYSTEM, in);
            System.out.println("Imported " + report.created() + " regions from " + report.lines() + " lines.");
        } catch (ProblemException e) {
            System.out.println("Nothing was imported: " + e.detail());
            Object errors = e.extensions().get("errors");
            if (errors instanceof List<?> list) {
                for (Object o : list) {
                    Violation v = (Violation) o;
                    System.out.println("  line " + v.line() + (v.field() == null ? "" : " [" + v.field() + "]") + ": "
                            + v.message());
                }
            }
        }
        return null;
    }
}
