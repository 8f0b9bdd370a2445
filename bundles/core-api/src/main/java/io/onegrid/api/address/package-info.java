/**
 * The address registry (人进房、房落网): standard addresses with their doorplates, houses, residents and the grid
 * geometry that places every house in a grid.
 */
@Export
@Version("1.1.0")
package io.onegrid.api.address;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
