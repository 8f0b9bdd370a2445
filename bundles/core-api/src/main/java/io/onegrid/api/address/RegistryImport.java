package io.onegrid.api.address;

import io.onegrid.api.security.Caller;
import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Bulk loading of the address registry in the interchange formats of DESIGN.md §6, for installers, migrations from
 * other systems and demo data. Each call takes one file whole or not at all, inside the caller's scope, and is
 * audited; a refused file throws {@link io.onegrid.api.problem.ProblemException} listing the bad lines.
 */
@ProviderType
public interface RegistryImport {

    /** {@code grids.geojson}: grid and micro-grid polygons; answers how many were created or replaced. */
    int importGrids(Caller caller, InputStream geojson);

    /** {@code addresses.csv}; answers how many addresses were imported. */
    long importAddresses(Caller caller, InputStream csv);

    /** {@code residents.csv}; answers how many residents were imported. */
    long importResidents(Caller caller, InputStream csv);
}
