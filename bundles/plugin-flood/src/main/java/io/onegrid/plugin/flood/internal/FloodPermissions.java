package io.onegrid.plugin.flood.internal;

/**
 * The flood plugin's permissions, granted to the built-in roles by the identity bundle's migrations (roles are data:
 * counties may grant them to their own roles). County administrators hold them through {@code *}.
 */
public final class FloodPermissions {

    /** See stations, their readings and alarms (in one's scope). */
    public static final String READ = "flood.read";
    /** Add, change and retire stations (in one's scope); acknowledge alarms. */
    public static final String MANAGE = "flood.manage";

    private FloodPermissions() {
    }
}
