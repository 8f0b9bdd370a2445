package io.onegrid.workorder.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time of the work-order kernel: the system clock moved by {@code offsetMinutes} (PID {@code io.onegrid.clock}).
 * For drills and tests only: moving it forward makes deadlines pass, so the SLA scan reminds, supervises and
 * escalates as it would days later. Intake, commands and the scanner all read this one clock, so their times agree.
 * The offset changes at once, without restarting the kernel.
 */
@Component(service = OneGridClock.class, configurationPid = "io.onegrid.clock",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OneGridClock.Config.class)
public final class OneGridClock extends Clock {

    private static final Logger LOG = LoggerFactory.getLogger(OneGridClock.class);

    @ObjectClassDefinition(name = "OneGrid clock (drills and tests)",
            description = "Moves the work-order kernel's time; keep 0 in production")
    public @interface Config {
        @AttributeDefinition(description = "Minutes added to the system time (may be negative); non-zero only for"
                + " drills and tests")
        long offsetMinutes() default 0;
    }

    private volatile Duration offset = Duration.ZERO;

    public OneGridClock() {
    }

    @Activate
    @Modified
    void configure(Config config) {
        offset(Duration.ofMinutes(config.offsetMinutes()));
    }

    void offset(Duration newOffset) {
        offset = newOffset;
        if (!newOffset.isZero()) {
            LOG.warn("The OneGrid clock runs {} minutes off the system time (io.onegrid.clock offsetMinutes): for"
                    + " drills and tests only; deadlines and timers follow it", newOffset.toMinutes());
        } else {
            LOG.info("The OneGrid clock follows the system time");
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
