package io.onegrid.address.internal.command;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.util.List;
import java.util.Set;

/**
 * Who the registry commands act as: OneGrid itself (whoever reaches the Karaf console administers the installation),
 * limited to {@code --region} when given, and named {@code shell} in the audit log.
 */
final class ShellCaller {

    private ShellCaller() {
    }

    static Caller of(String region) {
        DataScope scope = DataScope.unrestricted();
        if (region != null && !region.isBlank()) {
            scope = DataScope.ofRegion(RegionCode.tryParse(region.strip()).orElseThrow(
                    () -> new IllegalArgumentException("--region is a region code (12 to 17 digits), not " + region)));
        }
        return new Caller("shell", "Karaf shell", Caller.Kind.SYSTEM, null, Set.of(), Set.of("*"), scope);
    }

    static void print(ProblemException e) {
        System.out.println("Nothing was imported: " + e.detail());
        if (e.extensions().get("errors") instanceof List<?> errors) {
            for (Object o : errors) {
                Violation v = (Violation) o;
                System.out.println("  " + (v.line() == null ? "" : "line " + v.line() + " ")
                        + (v.field() == null ? "" : "[" + v.field() + "] ") + v.message());
            }
        }
    }
}
