package io.onegrid.address.internal.command;

import io.onegrid.address.internal.resident.ResidentService;
import io.onegrid.api.problem.ProblemException;
import java.io.OutputStream;
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

/** {@code onegrid:resident-export [--region X] [--reveal] FILE}: residents.csv, ID numbers masked unless revealed. */
@Service
@Command(scope = "onegrid", name = "resident-export",
        description = "Export residents as residents.csv (ID numbers and phones masked unless --reveal)")
public class ResidentExportCommand implements Action {

    @Argument(index = 0, name = "file", description = "the CSV file to write; must not exist", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--region", description = "only residents below this region (village, grid)")
    String region;

    @Option(name = "--reveal", description = "whole ID numbers and phones (recorded in the audit log)")
    boolean reveal;

    @Reference
    ResidentService residents;

    @Override
    public Object execute() throws Exception {
        try {
            var writer = residents.export(ShellCaller.of(region), region, reveal, null);
            // CREATE_NEW: an export never overwrites a file, which could be an earlier, differently masked one
            try (OutputStream out = Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE_NEW)) {
                writer.writeTo(out);
            }
            System.out.println("Wrote " + file + (reveal ? " with whole ID numbers; keep it safe and delete it after use"
                    : " with masked ID numbers and phones"));
        } catch (ProblemException e) {
            System.out.println("Nothing was exported: " + e.detail());
        }
        return null;
    }
}
