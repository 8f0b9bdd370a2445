/**
 * Fakes of the core services for a plugin's unit tests (no container): callers with a scope, the intake SPI, the
 * device gateway's MQTT consumers, and a harness that calls a {@link io.onegrid.api.rest.RestResource}'s routes the
 * way the REST bundle does (sign-in, permission, JSON body, problem answers).
 */
@Export
@Version("1.0.0")
package io.onegrid.testkit.fakes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
