package io.onegrid.address.internal.command;

import io.onegrid.address.internal.resident.ResidentImporter;
import io.onegrid.address.internal.resident.ResidentService;
import io.onegrid.api.problem.ProblemException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** {@code onegrid:resident-import residents.csv}: the same all-or-nothing import as {@code POST /residents/import}. */
@Service
@Command(scope = "onegrid", name = "resident-import",
        description = "Import residents.csv (id_number,name,phone,address_code,tags)")
public class ResidentImportCommand implements Action {

    @Argument(index = 0, name = "file", description = "UTF-8 CSV file with a header row", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "refuse houses outside this region (default: the whole installation)")
    String region;

    @Reference
    ResidentService residents;

    @Override
    public Object execute() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            ResidentImporter.Report report = residents.importCsv(ShellCaller.of(region), in, null);
            System.out.println("Imported " + report.imported() + " residents from " + report.lines() + " lines; "
                    + report.householdsCreated() + " new households.");
        } catch (ProblemException e) {
            ShellCaller.print(e);
        }
        return null;
    }
}
