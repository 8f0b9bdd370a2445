package io.onegrid.api.identity;

import io.onegrid.api.security.Caller;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Departments. Reading is open to every signed-in caller (department names are public); changing needs rights. */
@ProviderType
public interface DepartmentService {

    Optional<Department> find(String code);

    List<Department> all();

    /**
     * Creates a department or changes one.
     *
     * @param create {@code true} to create (409 when the code exists), {@code false} to change (404 when it does not)
     * @throws io.onegrid.api.problem.ProblemException {@code validation-failed} for a bad code or name, or served
     *                                                 regions that do not exist or lie outside the caller's scope
     */
    Department save(Caller caller, Department department, boolean create);
}
