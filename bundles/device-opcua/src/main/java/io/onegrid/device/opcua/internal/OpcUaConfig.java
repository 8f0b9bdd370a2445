package io.onegrid.device.opcua.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code io.onegrid.device.opcua} ({@code etc/io.onegrid.device.opcua.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.device.opcua", name = "OneGrid OPC UA client",
        description = "How device plugins connect to OPC UA servers (Eclipse Milo)")
public @interface OpcUaConfig {

    @AttributeDefinition(name = "Security policy", description = "None: no signing or encryption (a closed network "
            + "or a test); Basic256Sha256: signed and encrypted, the server's certificate must be trusted",
            options = {@Option(label = "None", value = "None"),
                    @Option(label = "Basic256Sha256", value = "Basic256Sha256")})
    String securityPolicy() default "None";

    @AttributeDefinition(name = "Message security mode", description = "With Basic256Sha256: SignAndEncrypt or Sign",
            options = {@Option(label = "SignAndEncrypt", value = "SignAndEncrypt"),
                    @Option(label = "Sign", value = "Sign")})
    String securityMode() default "SignAndEncrypt";

    @AttributeDefinition(name = "User name", required = false, description = "Empty: anonymous")
    String userName() default "";

    @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "PKI directory", required = false, description = "Empty: ${karaf.data}/opcua/pki. "
            + "Holds this client's certificate and key (own/, created once), the servers' certificates trusted "
            + "(trusted/certs/, add a server's DER or PEM certificate here) and those refused (rejected/)")
    String pkiDirectory() default "";

    @AttributeDefinition(name = "Accept unknown server certificates", description = "Trust on first use: a server "
            + "certificate that is not in trusted/certs is accepted and stored there (logged as a warning). Leave off "
            + "in production; security policy None exchanges no certificates at all")
    boolean acceptUnknownServerCertificates() default false;

    @AttributeDefinition(name = "Application URI", required = false,
            description = "This client's application URI (also in its certificate); empty: urn:onegrid:opcua:<host>")
    String applicationUri() default "";

    @AttributeDefinition(name = "Default sampling interval (ms)", min = "0")
    int samplingIntervalMillis() default 1000;

    @AttributeDefinition(name = "Publishing interval (ms)", min = "50",
            description = "How often the server sends the collected data changes")
    int publishingIntervalMillis() default 1000;

    @AttributeDefinition(name = "Request timeout (ms)", min = "1000")
    int requestTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Longest retry delay (seconds)", min = "1",
            description = "While a server is unreachable, connecting is retried with a doubling delay up to this")
    int maxRetrySeconds() default 30;
}
