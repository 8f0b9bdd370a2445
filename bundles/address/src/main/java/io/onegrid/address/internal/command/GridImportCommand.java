package io.onegrid.address.internal.command;

import io.onegrid.address.internal.GridRegistry;
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

/** {@code onegrid:grid-import grids.geojson}: the same all-or-nothing check and import as {@code POST /grids/import}. */
@Service
@Command(scope = "onegrid", name = "grid-import",
        description = "Import grids.geojson (a FeatureCollection of Polygon/MultiPolygon features with code and name)")
public class GridImportCommand implements Action {

    @Argument(index = 0, name = "file", description = "UTF-8 GeoJSON file", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "refuse grids outside this region (default: the whole installation)")
    String region;

    @Reference
    GridRegistry grids;

    @Override
    public Object execute() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            int imported = grids.importGeoJson(ShellCaller.of(region), in);
            System.out.println("Imported " + imported + " grids.");
        } catch (ProblemException e) {
            ShellCaller.print(e);
        }
        return null;
    }
}
