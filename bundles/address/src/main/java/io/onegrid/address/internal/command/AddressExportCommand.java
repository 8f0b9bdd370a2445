package io.onegrid.address.internal.command;

import io.onegrid.address.internal.AddressService;
import io.onegrid.api.problem.ProblemException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/** {@code onegrid:address-export [--region X] FILE}: addresses.csv, streamed, ready to import elsewhere. */
@Service
@Command(scope = "onegrid", name = "address-export", description = "Export addresses as addresses.csv")
public class AddressExportCommand implements Action {

    @Argument(index = 0, name = "file", description = "the CSV file to write; must not exist", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "only addresses below this region (town, village, grid)")
    String region;

    @Reference
    AddressService addresses;

    @Override
    public Object execute() throws Exception {
        try (OutputStream out = Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE_NEW)) {
            addresses.exportCsv(ShellCaller.of(region), region, out);
            System.out.println("Wrote " + file);
        } catch (FileAlreadyExistsException e) {
            System.out.println("Nothing was exported: " + file + " already exists");
        } catch (ProblemException e) {
            Files.deleteIfExists(Path.of(file));
            System.out.println("Nothing was exported: " + e.detail());
        }
        return null;
    }
}
