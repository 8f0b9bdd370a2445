/**
 * Schema contract between bundles that own tables and the OneGrid persistence extender.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
