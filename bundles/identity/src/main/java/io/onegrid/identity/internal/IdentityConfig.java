package io.onegrid.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.onegrid.identity} ({@code etc/io.onegrid.identity.cfg}). */
@ObjectClassDefinition(id = "io.onegrid.identity", name = "OneGrid identity",
        description = "Sign-in, sessions, lock-out and the first administrator")
public @interface IdentityConfig {

    @AttributeDefinition(name = "Session lifetime (minutes)", min = "5")
    int sessionMinutes() default 480;

    @AttributeDefinition(name = "Failed sign-ins before lock-out", min = "1")
    int maxFailedLogins() default 5;

    @AttributeDefinition(name = "Lock-out (minutes)", min = "1")
    int lockoutMinutes() default 15;

    @AttributeDefinition(name = "PBKDF2 iterations", min = "10000",
            description = "Cost of the password hash; existing hashes are upgraded at their next sign-in")
    int passwordIterations() default 310_000;

    @AttributeDefinition(name = "First administrator's user name",
            description = "Created with the county-admin role when no account exists yet")
    String admin_username() default "admin";

    @AttributeDefinition(name = "First administrator's password", type = AttributeType.PASSWORD,
            description = "Used once, when no account exists; remove it from the file afterwards. Empty: use the "
                    + "onegrid:user-add command instead")
    String admin_password() default "";

    @AttributeDefinition(name = "First administrator's region", description = "The county's 12-digit code; empty: "
            + "the whole installation")
    String admin_region() default "";
}
