/**
 * Helpers for bundles that keep their data in the OneGrid database through JPA.
 */
@Export
@Version("1.1.0")
package io.onegrid.persistence.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
