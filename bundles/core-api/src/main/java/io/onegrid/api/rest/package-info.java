/**
 * The REST contribution SPI: a bundle registers a {@link io.onegrid.api.rest.RestResource} service and its routes appear under {@code /api/v1/}.
 */
@Export
@Version("1.2.0")
package io.onegrid.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
