package io.onegrid.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The tables of one schema module are migrated and ready.
 *
 * <p>A bundle that owns tables declares the header {@value #HEADER}{@code : <module>} and ships versioned scripts as
 * {@code db/<module>/V<n>__<description>.sql} (optionally {@code V<n>__<description>.<dialect>.sql} for
 * {@code derby} or {@code postgresql}). The persistence extender applies the pending ones once, in one transaction,
 * and then registers this service in that bundle's name with the property {@value #MODULE_PROPERTY}. Components that
 * touch the tables reference it:
 *
 * <pre>{@code @Reference(target = "(onegrid.schema.module=identity)") ModuleSchema schema}</pre>
 *
 * When the database holds a newer version than the bundle knows, or an applied script was changed, the service is
 * not registered and the module stays down with a log line saying why.
 */
@ProviderType
public interface ModuleSchema {

    /** The bundle manifest header naming a bundle's schema module. */
    String HEADER = "OneGrid-Schema";

    /** Service property holding the module name. */
    String MODULE_PROPERTY = "onegrid.schema.module";

    /** Service property holding the applied version (an Integer). */
    String VERSION_PROPERTY = "onegrid.schema.version";

    String module();

    /** The highest applied script version. */
    int version();
}
