package io.onegrid.workorder.internal.command;

import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.TrailRecord;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code onegrid:wo-show ID}: one work order and its trail. */
@Service
@Command(scope = "onegrid", name = "wo-show", description = "Show a work order and its trail")
public class WoShowCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "the order's id")
    long id;

    @Reference
    WorkOrderService workOrders;

    @Override
    public Object execute() {
        WorkOrder o = workOrders.find(Caller.SYSTEM, id).orElse(null);
        if (o == null) {
            System.out.println("No work order " + id);
            return null;
        }
        System.out.println(o.number() + "  " + o.state() + "  category " + o.category() + "  level " + o.level()
                + "  via " + o.channel());
        System.out.println("  " + o.description());
        System.out.println("  region " + o.regionCode() + (o.gridCode() == null ? "" : "  grid " + o.gridCode())
                + (o.addressCode() == null ? "" : "  address " + o.addressCode())
                + (o.lon() == null ? "" : "  point " + o.lon() + "," + o.lat()));
        System.out.println("  department " + o.department() + "  assignee " + o.assignee() + "  deadline "
                + o.deadline() + "  version " + o.version()
                + (o.rating() == null ? "" : "  rating " + o.rating())
                + (o.linkedReports() == 0 ? "" : "  linked reports " + o.linkedReports()));
        System.out.println("  routed: " + o.routing());
        ShellTable table = new ShellTable();
        table.column("Seq").alignRight();
        table.column("At");
        table.column("Who");
        table.column("Command");
        table.column("From");
        table.column("To");
        table.column("Reason");
        table.column("Detail").maxSize(60);
        for (TrailRecord t : workOrders.trail(Caller.SYSTEM, id)) {
            table.addRow().addContent(t.seq(), t.at(), t.actor() + (t.actorName() == null ? "" : " (" + t.actorName()
                    + ")"), t.command(), t.fromState(), t.toState(), t.reason(), t.detail());
        }
        table.print(System.out);
        return null;
    }
}
