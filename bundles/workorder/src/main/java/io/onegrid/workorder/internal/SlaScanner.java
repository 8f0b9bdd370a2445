package io.onegrid.workorder.internal;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the SLA scan every {@code scanIntervalSeconds} on this node (PID {@code io.onegrid.workorder.sla}). Every node
 * of a cluster may run it: the database decides which node fires each timer.
 */
@Component(service = SlaScanner.class, immediate = true, configurationPid = "io.onegrid.workorder.sla",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SlaScanner.Config.class)
public final class SlaScanner {

    private static final Logger LOG = LoggerFactory.getLogger(SlaScanner.class);

    @ObjectClassDefinition(name = "OneGrid SLA scanner", description = "Reminders, overdue supervision and escalation")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between scans for due SLA timers on this node; 0 stops the"
                + " periodic scan (onegrid:wo-sla-scan still runs it)")
        int scanIntervalSeconds() default 30;

        @AttributeDefinition(description = "Working days between escalation steps of an overdue order (department"
                + " -> coordination group -> town leader -> county)")
        int escalationIntervalWorkingDays() default 1;

        @AttributeDefinition(description = "Timers read per database round trip")
        int batchSize() default 500;

        @AttributeDefinition(description = "This node's name in claimed_by; empty: karaf.name, host and process")
        String nodeName() default "";
    }

    private final WorkOrderKernel kernel;
    private final String defaultNode;
    private volatile String node;
    private ScheduledExecutorService executor;

    @Activate
    public SlaScanner(@Reference WorkOrderKernel kernel, Config config) {
        this.kernel = kernel;
        this.defaultNode = System.getProperty("karaf.name", "node") + "@" + ManagementFactory.getRuntimeMXBean()
                .getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        configure(config);
    }

    @Modified
    synchronized void configure(Config config) {
        SlaService sla = kernel.sla();
        sla.escalationIntervalDays(config.escalationIntervalWorkingDays());
        sla.batchSize(config.batchSize());
        String name = config.nodeName() == null || config.nodeName().isBlank() ? defaultNode : config.nodeName().strip();
        node = name.length() <= 64 ? name : name.substring(0, 64);
        stop();
        if (config.scanIntervalSeconds() > 0) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "onegrid-sla-scan");
                t.setDaemon(true);
                return t;
            });
            executor.scheduleWithFixedDelay(this::scanQuietly, config.scanIntervalSeconds(),
                    config.scanIntervalSeconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** One scan now, on the caller's thread. */
    SlaService.ScanReport scan() {
        return kernel.sla().scan(node);
    }

    /** One scan now, on the caller's thread, as a line for the shell. */
    public String scanNow() {
        return "SLA scan on " + node + ": " + scan();
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            // The next run tries again; a database hiccup must not end the schedule.
            LOG.warn("SLA scan failed", e);
        }
    }
}
