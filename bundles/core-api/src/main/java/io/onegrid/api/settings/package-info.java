/**
 * Installation-wide settings kept in the OneGrid database.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
