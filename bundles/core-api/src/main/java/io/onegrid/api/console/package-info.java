/**
 * The console extension point: a plugin registers a {@link io.onegrid.api.console.ConsoleExtension} service and the
 * web console at {@code /console/} shows its page in the menu, or its panel on the dashboard, for as long as the
 * service is registered.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
