package ${package}.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The plugin's configuration, PID {@code ${package}} ({@code etc/${package}.cfg}). */
@ObjectClassDefinition(name = "${artifactId}", description = "Reports from REST and a file inbox become work orders")
public @interface ${className}Config {

    @AttributeDefinition(description = "Folder of report files (*.csv: category,addressCode,description per line); "
            + "empty: ${karaf.data}/${pluginId}/inbox")
    String inboxDirectory() default "";

    @AttributeDefinition(description = "Region code the inbox may report in; empty: anywhere")
    String inboxRegion() default "";

    @AttributeDefinition(description = "Work-order category of reports that name none (4 digits)")
    String defaultCategory() default "1002";

    @AttributeDefinition(description = "How many recent reports GET /${pluginId}/reports keeps", min = "1", max = "10000")
    int recentLimit() default 200;
}
