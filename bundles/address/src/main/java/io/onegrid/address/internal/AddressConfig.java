package io.onegrid.address.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.address} ({@code etc/io.onegrid.address.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.address", name = "OneGrid address registry",
        description = "Doorplates, the resident page and the protection of residents' ID numbers")
public @interface AddressConfig {

    @AttributeDefinition(name = "Public base URL",
            description = "Where residents' phones reach OneGrid; doorplate QR codes encode <base>/r/<code>")
    String publicBaseUrl() default "http://localhost:8181";

    @AttributeDefinition(name = "Resident key file", required = false,
            description = "The file holding the keys that protect residents' ID numbers; empty means"
                    + " ${karaf.etc}/onegrid-resident.keys. Created at the first start; back it up with the database"
                    + " and give every node the same copy. OneGrid refuses to start with a missing or different file"
                    + " once ID numbers are stored.")
    String residentKeyFile() default "";
}
