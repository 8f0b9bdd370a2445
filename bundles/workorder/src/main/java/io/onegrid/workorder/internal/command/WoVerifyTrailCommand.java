package io.onegrid.workorder.internal.command;

import io.onegrid.api.security.Caller;
import io.onegrid.api.workorder.TrailVerification;
import io.onegrid.workorder.internal.WorkOrderKernel;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code onegrid:wo-verify-trail [ID]}: recompute one order's trail, or every order's. */
@Service
@Command(scope = "onegrid", name = "wo-verify-trail",
        description = "Recompute the hash chain of a work order's trail (of every order without an id)")
public class WoVerifyTrailCommand implements Action {

    @Argument(index = 0, name = "id", description = "the order's id; all orders when omitted")
    Long id;

    @Reference
    WorkOrderKernel workOrders;

    @Override
    public Object execute() {
        if (id != null) {
            print(workOrders.verifyTrail(Caller.SYSTEM, id));
            return null;
        }
        long after = 0;
        int checked = 0;
        int broken = 0;
        while (true) {
            List<Long> ids = workOrders.orderIds(after, 500);
            for (long each : ids) {
                TrailVerification v = workOrders.verifyTrail(Caller.SYSTEM, each);
                checked++;
                if (!v.intact()) {
                    broken++;
                    print(v);
                }
            }
            if (ids.size() < 500) {
                break;
            }
            after = ids.get(ids.size() - 1);
        }
        System.out.println(checked + " trail(s) checked, " + broken + " broken");
        return null;
    }

    private static void print(TrailVerification v) {
        System.out.println(v.intact() ? "Work order " + v.orderId() + ": trail intact (" + v.checked() + " records)"
                : "Work order " + v.orderId() + ": trail BROKEN at record " + v.firstBrokenSeq() + ": " + v.reason());
    }
}
