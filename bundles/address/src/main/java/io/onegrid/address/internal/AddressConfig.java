package io.onegrid.address.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.address} ({@code etc/io.onegrid.address.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.address", name = "OneGrid address registry",
        description = "Doorplates and the resident page")
public @interface AddressConfig {

    @AttributeDefinition(name = "Public base URL",
            description = "Where residents' phones reach OneGrid; doorplate QR codes encode <base>/r/<code>")
    String publicBaseUrl() default "http://localhost:8181";
}
