package io.onegrid.api.settings;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.annotation.versioning.ProviderType;

/** Installation-wide settings kept in the OneGrid database, shared by every node of a cluster. */
@ProviderType
public interface SettingsService {

    /** Keys are lower-case words joined by dots, dashes or underscores, at most 100 characters. */
    Pattern KEY = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");

    int MAX_KEY_LENGTH = 100;

    int MAX_VALUE_LENGTH = 4000;

    Optional<Setting> find(String key);

    /** Settings whose key starts with {@code prefix} (all when blank), sorted by key. */
    Page<Setting> list(String prefix, PageRequest page);

    /**
     * Creates or changes a setting.
     *
     * @param expectedVersion when not {@code null}, the change applies only if the stored version still equals it
     * @throws io.onegrid.api.problem.ProblemException {@code validation-failed} for a bad key or value,
     *                                                 {@code conflict} when {@code expectedVersion} is stale
     */
    Setting put(String key, String value, Long expectedVersion);

    /** Removes a setting; answers whether it existed. */
    boolean remove(String key);
}
