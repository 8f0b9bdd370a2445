/**
 * The append-only, hash-chained audit log in which every bundle records security-relevant events.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
