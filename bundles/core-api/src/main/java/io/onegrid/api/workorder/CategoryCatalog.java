package io.onegrid.api.workorder;

import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The event categories, as plugins see them: a plugin that reports a kind of event the county's tree lacks adds its
 * category once, when it starts. The county owns the tree afterwards: {@link #ensure} never changes a category that
 * exists (its names, department, level or clock may have been edited in the console), and uninstalling the plugin
 * leaves the category and its orders in place.
 */
@ProviderType
public interface CategoryCatalog {

    /**
     * A category a plugin needs.
     *
     * @param code         4 digits: an existing major category's 2 digits followed by 2 of the plugin's
     * @param nameZh       the name in Simplified Chinese, at most 100 characters
     * @param nameEn       the name in English, at most 100 characters
     * @param defaultLevel 1 (general) to 4 (most severe): the level new orders get
     * @param slaKind      the clock new orders get: {@code URGENT}, {@code DIFFICULT}, {@code MAJOR} or {@code ROUTINE}
     * @param slaDays      the limit in working days (1 to 60) of a {@code ROUTINE} category, else {@code null}
     */
    record Definition(String code, String nameZh, String nameEn, int defaultLevel, String slaKind, Integer slaDays) {
        public Definition {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(slaKind, "slaKind");
        }
    }

    /**
     * Adds the category unless one with its code exists; answers whether it was added.
     *
     * @throws io.onegrid.api.problem.ProblemException validation-failed (a bad definition, or no such major category)
     */
    boolean ensure(Definition definition);

    /** Whether a category with this code exists and is enabled, i.e. takes new reports. */
    boolean takesReports(String code);
}
