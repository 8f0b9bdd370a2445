package io.onegrid.device.opcua.internal;

import java.time.Duration;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;

/** The checked connection settings every subscription uses (from {@link OpcUaConfig}). */
record ClientSettings(SecurityPolicy policy, MessageSecurityMode mode, String userName, String password,
        boolean acceptUnknownServerCertificates, Duration defaultSampling, double publishingIntervalMillis,
        int requestTimeoutMillis, Duration maxRetry) {

    static ClientSettings of(OpcUaConfig c) {
        SecurityPolicy policy = switch (c.securityPolicy().trim()) {
            case "None", "" -> SecurityPolicy.None;
            case "Basic256Sha256" -> SecurityPolicy.Basic256Sha256;
            default -> throw new IllegalArgumentException("securityPolicy must be None or Basic256Sha256, not "
                    + c.securityPolicy());
        };
        MessageSecurityMode mode = MessageSecurityMode.None;
        if (policy != SecurityPolicy.None) {
            mode = switch (c.securityMode().trim()) {
                case "SignAndEncrypt", "" -> MessageSecurityMode.SignAndEncrypt;
                case "Sign" -> MessageSecurityMode.Sign;
                default -> throw new IllegalArgumentException("securityMode must be SignAndEncrypt or Sign, not "
                        + c.securityMode());
            };
        }
        return new ClientSettings(policy, mode, c.userName().trim(), c.password(),
                c.acceptUnknownServerCertificates(), Duration.ofMillis(Math.max(0, c.samplingIntervalMillis())),
                Math.max(50, c.publishingIntervalMillis()), Math.max(1000, c.requestTimeoutMillis()),
                Duration.ofSeconds(Math.max(1, c.maxRetrySeconds())));
    }

    /** The delay before attempt {@code n + 1} after {@code n} failures: 1 s, 2 s, 4 s, ... up to the maximum. */
    Duration retryDelay(int failures) {
        long seconds = 1L << Math.min(failures, 20);
        return seconds >= maxRetry.toSeconds() ? maxRetry : Duration.ofSeconds(seconds);
    }
}
