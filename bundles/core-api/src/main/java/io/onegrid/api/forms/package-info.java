/**
 * Collection forms (随用随摸排): typed forms defined as JSON Schema by a county, town or village, shared with the levels
 * below it (三级共享), and the records grid workers submit against houses and residents.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.forms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
