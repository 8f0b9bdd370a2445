package io.onegrid.api.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a bearer token into a caller. The identity bundle provides it; the REST layer asks it for every request to a
 * route that is not anonymous, and refuses such requests with 503 while no authenticator is registered.
 */
@ProviderType
public interface Authenticator {

    /** The caller for a token, or empty when the token is unknown, expired or revoked. */
    Optional<Caller> authenticate(String bearerToken);
}
