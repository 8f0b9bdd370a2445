/**
 * Problem details (RFC 9457): the one error model of every OneGrid API, and the exception that carries it.
 */
@Export
@Version("1.0.0")
package io.onegrid.api.problem;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
