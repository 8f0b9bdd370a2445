package io.onegrid.api.identity;

/** Permission names of the core. Plugins name theirs {@code <plugin>.<action>}, e.g. {@code flood.acknowledge}. */
public final class Permissions {

    public static final String REGION_READ = "region.read";
    public static final String REGION_WRITE = "region.write";
    public static final String DEPARTMENT_READ = "department.read";
    public static final String DEPARTMENT_WRITE = "department.write";
    public static final String USER_READ = "user.read";
    public static final String USER_WRITE = "user.write";
    public static final String ROLE_READ = "role.read";
    public static final String ROLE_WRITE = "role.write";
    public static final String TOKEN_READ = "token.read";
    public static final String TOKEN_WRITE = "token.write";
    public static final String SETTINGS_READ = "settings.read";
    public static final String SETTINGS_WRITE = "settings.write";
    public static final String AUDIT_READ = "audit.read";

    private Permissions() {
    }
}
