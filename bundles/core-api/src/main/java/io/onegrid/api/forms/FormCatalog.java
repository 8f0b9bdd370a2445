package io.onegrid.api.forms;

import io.onegrid.api.security.Caller;
import org.osgi.annotation.versioning.ProviderType;

/** Defines collection forms from other bundles (demo data, imports); the REST API offers the same. */
@ProviderType
public interface FormCatalog {

    /** Whether the form exists and the caller may see it. */
    boolean exists(Caller caller, String code);

    /**
     * Defines a form at version 1, with the checks of {@code POST /api/v1/forms}: permission {@code form.define}, the
     * owner region in the caller's scope, a schema the form dialect accepts, a code not taken yet.
     *
     * @return the number of the version created (1)
     * @throws io.onegrid.api.problem.ProblemException when any check fails; nothing is stored then
     */
    int define(Caller caller, FormDefinition definition);
}
