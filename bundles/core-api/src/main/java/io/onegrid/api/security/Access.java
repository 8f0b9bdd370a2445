package io.onegrid.api.security;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.region.RegionCode;
import java.util.Map;

/**
 * The two checks every service applies before it touches data. A missing permission is a 403; an item outside the
 * caller's scope is a 404, the same answer as for an item that does not exist, so that probing leaks nothing.
 */
public final class Access {

    private Access() {
    }

    /** @throws ProblemException 403 {@code forbidden} naming the permission */
    public static void require(Caller caller, String permission) {
        if (!caller.hasPermission(permission)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "This needs the permission '" + permission + "'",
                    Map.of("permission", permission), null);
        }
    }

    /**
     * @param what how the item is named in the 404 detail, e.g. {@code "region 370322101201"}
     * @throws ProblemException 404 {@code not-found} when the item lies outside the caller's scope
     */
    public static void requireVisible(Caller caller, RegionCode region, String department, String what) {
        if (!caller.scope().covers(region, department)) {
            throw ProblemException.notFound("No " + what);
        }
    }
}
