package io.onegrid.address.internal.command;

import io.onegrid.address.internal.AddressImporter;
import io.onegrid.address.internal.AddressService;
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

/** {@code onegrid:address-import addresses.csv}: the same all-or-nothing import as {@code POST /addresses/import}. */
@Service
@Command(scope = "onegrid", name = "address-import",
        description = "Import addresses.csv (code,region_code,grid_code,road,house_number,building,unit,room,lon,lat)")
public class AddressImportCommand implements Action {

    @Argument(index = 0, name = "file", description = "UTF-8 CSV file with a header row", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "refuse addresses outside this region (default: the whole installation)")
    String region;

    @Reference
    AddressService addresses;

    @Override
    public Object execute() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            AddressImporter.Report report = addresses.importCsv(ShellCaller.of(region), in);
            System.out.println("Imported " + report.imported() + " addresses from " + report.lines() + " lines; "
                    + report.gridAssigned() + " placed in their grid by their point, " + report.outsideEveryGrid()
                    + " outside every grid" + (report.outsideLines().isEmpty() ? "."
                    : " (lines " + report.outsideLines() + ")."));
        } catch (ProblemException e) {
            ShellCaller.print(e);
        }
        return null;
    }
}
