package io.onegrid.workorder.internal.command;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.WorkOrder;
import io.onegrid.api.workorder.WorkOrderFilter;
import io.onegrid.api.workorder.WorkOrderService;
import io.onegrid.api.workorder.WorkOrderState;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code onegrid:wo-list [-s STATE,...] [-r region] [-c category] [-q text] [--overdue]}: work orders, newest first.
 */
@Service
@Command(scope = "onegrid", name = "wo-list", description = "List work orders (newest first)")
public class WoListCommand implements Action {

    @Option(name = "-s", aliases = "--state", description = "states, comma-separated, e.g. SUBMITTED,DISPATCHED")
    String states;

    @Option(name = "-r", aliases = "--region", description = "region code: orders there or below")
    String region;

    @Option(name = "-c", aliases = "--category", description = "major or minor category code")
    String category;

    @Option(name = "-q", description = "text in the description, or a number")
    String text;

    @Option(name = "--overdue", description = "only open orders past their deadline")
    boolean overdue;

    @Option(name = "--page", description = "page number, from 1")
    int page = 1;

    @Reference
    WorkOrderService workOrders;

    @Override
    public Object execute() {
        Set<WorkOrderState> wanted = EnumSet.noneOf(WorkOrderState.class);
        if (states != null) {
            for (String s : states.split(",")) {
                if (!s.isBlank()) {
                    wanted.add(WorkOrderState.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                }
            }
        }
        // The shell runs with the system's rights: whoever has the console is the installation's operator.
        Page<WorkOrder> orders = workOrders.list(Caller.SYSTEM, new WorkOrderFilter(wanted, category, region, null,
                null, null, null, null, text, overdue ? Boolean.TRUE : null),
                PageRequest.of(page, 100, SortOrder.desc("createdAt")));
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Number");
        table.column("State");
        table.column("Category");
        table.column("Region");
        table.column("Department");
        table.column("Assignee");
        table.column("Created");
        for (WorkOrder o : orders.items()) {
            table.addRow().addContent(o.id(), o.number(), o.state(), o.category(), o.regionCode(), o.department(),
                    o.assignee(), o.createdAt());
        }
        table.print(System.out);
        System.out.println(orders.total() + " work order(s); page " + orders.page() + " of " + orders.totalPages());
        return null;
    }
}
