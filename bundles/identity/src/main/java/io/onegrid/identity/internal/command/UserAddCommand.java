package io.onegrid.identity.internal.command;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.identity.internal.AccountService;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/** {@code onegrid:user-add --role county-admin admin}: creates an account; asks for the password without echo. */
@Service
@Command(scope = "onegrid", name = "user-add", description = "Create an operator account (the first administrator, too)")
public class UserAddCommand implements Action {

    @Argument(index = 0, name = "username", required = true, description = "lower-case user name")
    String username;

    @Option(name = "--name", description = "display name (default: the user name)")
    String displayName;

    @Option(name = "--role", multiValued = true, description = "role name, e.g. county-admin, town-operator")
    List<String> roles;

    @Option(name = "--region", description = "region code the account works in (its data scope)")
    String region;

    @Option(name = "--department", description = "department code")
    String department;

    @Option(name = "--password", description = "the password (prompted when left out; prefer the prompt)")
    String password;

    @Reference
    AccountService accounts;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        String secret = password;
        if (secret == null) {
            secret = session.readLine("Password for " + username + ": ", '*');
            String again = session.readLine("Again: ", '*');
            if (!secret.equals(again)) {
                System.out.println("The passwords differ; nothing was created.");
                return null;
            }
        }
        try {
            var user = accounts.createAccount(username, displayName == null ? username : displayName, secret, region,
                    department, roles == null ? new LinkedHashSet<>() : new LinkedHashSet<>(roles),
                    "created with onegrid:user-add");
            System.out.println("Created user " + user.username() + " (id " + user.id() + ") with roles " + user.roles());
        } catch (ProblemException e) {
            System.out.println("Not created: " + e.detail());
            if (e.extensions().get("errors") instanceof List<?> errors) {
                errors.forEach(v -> System.out.println("  " + ((Violation) v).field() + ": " + ((Violation) v).message()));
            }
        }
        return null;
    }
}
