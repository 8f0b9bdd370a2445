/**
 * The governance tree (regions), departments, and the built-in roles and permissions that every bundle checks.
 */
@Export
@Version("1.3.0")
package io.onegrid.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
