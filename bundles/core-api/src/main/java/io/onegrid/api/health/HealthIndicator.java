package io.onegrid.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports the state of one part of OneGrid (the database, a broker connection, a plugin). Register it as an OSGi
 * service; {@code GET /api/v1/health} calls every indicator and is UP only when all are.
 */
@ConsumerType
public interface HealthIndicator {

    /** Short key under which the result appears, e.g. {@code database}. */
    String name();

    /** Checks now; should answer within a second or two. Exceptions count as DOWN. */
    Health check();
}
