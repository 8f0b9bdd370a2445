package io.onegrid.workorder.internal.command;

import io.onegrid.workorder.internal.SlaScanner;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code onegrid:wo-sla-scan}: fire the due SLA timers now instead of at the next periodic scan. */
@Service
@Command(scope = "onegrid", name = "wo-sla-scan",
        description = "Run the SLA scan now: reminders, overdue supervision orders and escalations that are due")
public class WoSlaScanCommand implements Action {

    @Reference
    SlaScanner scanner;

    @Override
    public Object execute() {
        System.out.println(scanner.scanNow());
        return null;
    }
}
