package io.onegrid.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.rest} ({@code etc/io.onegrid.rest.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.rest", name = "OneGrid REST API",
        description = "Limits of the JSON API under /api/v1")
@interface RestConfig {

    @AttributeDefinition(name = "Largest JSON body (bytes)", min = "1024",
            description = "JSON request bodies above this size are refused with 413")
    int maxJsonBytes() default 1_048_576;

    @AttributeDefinition(name = "Largest upload (bytes)", min = "1024",
            description = "Raw uploads (CSV imports, photos) above this size are refused with 413")
    long maxUploadBytes() default 268_435_456L;
}
