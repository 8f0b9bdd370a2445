/**
 * Region codes of the county &rarr; town &rarr; village &rarr; grid &rarr; micro-grid tree (12-digit statistical division codes, extended by 3 digits for a grid and 2 for a micro-grid).
 */
@Export
@Version("1.0.0")
package io.onegrid.api.region;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
