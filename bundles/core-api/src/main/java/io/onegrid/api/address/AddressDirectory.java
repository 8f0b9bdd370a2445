package io.onegrid.api.address;

import io.onegrid.api.security.Caller;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Read access to standard addresses, limited to the caller's scope. */
@ProviderType
public interface AddressDirectory {

    /** The address, or empty when it does not exist or lies outside the caller's scope. */
    Optional<Address> find(Caller caller, String code);
}
