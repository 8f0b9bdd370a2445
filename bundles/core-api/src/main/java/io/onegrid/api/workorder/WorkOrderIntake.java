package io.onegrid.api.workorder;

import io.onegrid.api.security.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The intake SPI: every channel (hotline entry, 12345 adapter, patrol app, alarm plugin, third-party system) submits
 * here, so that every report follows the same process. Intake validates, routes (place &rarr; grid &rarr; grid worker;
 * category &rarr; department; fallback to the town command centre), de-duplicates and records the first trail record,
 * all in one transaction.
 */
@ProviderType
public interface WorkOrderIntake {

    /**
     * Submits a report.
     *
     * @param caller who submits; needs {@code workorder.submit}
     * @return the new order, or the order of an earlier attempt with the same channel and idempotency key, or the
     *         open order this near-duplicate was linked to
     * @throws io.onegrid.api.problem.ProblemException {@code forbidden} without the permission;
     *         {@code validation-failed} listing every bad field (unknown category, no place, bad phone, ...);
     *         {@code conflict} when the idempotency key was already used for a different report
     */
    IntakeResult submit(Caller caller, Submission submission);
}
