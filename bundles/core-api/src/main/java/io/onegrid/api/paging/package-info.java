/**
 * Paging and sorting of list results.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.paging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
