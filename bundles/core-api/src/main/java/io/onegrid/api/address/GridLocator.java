package io.onegrid.api.address;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Point &rarr; grid, for routing a report to the grid that contains it. Not scope-limited: the answer is a code,
 * and routing runs as the system.
 */
@ProviderType
public interface GridLocator {

    /** The most specific grid or micro-grid containing the WGS-84 point, or empty when it lies outside every grid. */
    Optional<String> locate(double lon, double lat);
}
