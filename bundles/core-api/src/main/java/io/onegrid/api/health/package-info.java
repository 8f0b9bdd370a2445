/**
 * Health indicators: a bundle registers a {@link io.onegrid.api.health.HealthIndicator} and {@code GET /api/v1/health} reports it.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
