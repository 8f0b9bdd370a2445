package io.onegrid.address.internal.command;

import io.onegrid.address.internal.GridRegistry;
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

/** {@code onegrid:grid-export [--region X] FILE}: the stored grids as grids.geojson, ready to import elsewhere. */
@Service
@Command(scope = "onegrid", name = "grid-export", description = "Export grids as grids.geojson")
public class GridExportCommand implements Action {

    @Argument(index = 0, name = "file", description = "the GeoJSON file to write; must not exist", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "only grids below this region (town, village)")
    String region;

    @Reference
    GridRegistry grids;

    @Override
    public Object execute() throws Exception {
        try (OutputStream out = Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE_NEW)) {
            grids.export(ShellCaller.of(region), out);
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
