package io.onegrid.api.identity;

import io.onegrid.api.security.Caller;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Operator accounts, limited to the caller's scope. */
@ProviderType
public interface AccountDirectory {

    /** The account, or empty when it does not exist or lies outside the caller's scope. */
    Optional<Account> findByUsername(Caller caller, String username);

    /** Enabled accounts that hold {@code role} and work exactly at {@code regionCode}, e.g. the grid workers of a grid. */
    List<Account> withRole(Caller caller, String regionCode, String role);

    /**
     * Creates an account inside the caller's scope, with roles the caller could exercise itself.
     *
     * @throws io.onegrid.api.problem.ProblemException {@code validation-failed} listing every problem, or
     *                                                 {@code conflict} when the user name is taken
     */
    Account create(Caller caller, NewAccount account);
}
