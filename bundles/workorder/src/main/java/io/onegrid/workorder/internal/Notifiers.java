package io.onegrid.workorder.internal;

import io.onegrid.api.notify.Notification;
import io.onegrid.api.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every registered {@link Notifier} (the built-in log notifier, SMS and messaging plugins), called one after the other
 * for each notification; a notifier that fails is logged and harms neither the others nor the work order.
 */
@Component(service = Notifiers.class)
public final class Notifiers {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

    private final List<Notifier> notifiers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void add(Notifier notifier) {
        notifiers.add(notifier);
    }

    void remove(Notifier notifier) {
        notifiers.remove(notifier);
    }

    /** Hands each notification to every notifier; never throws. */
    void deliver(List<Notification> notifications) {
        for (Notification n : notifications) {
            for (Notifier notifier : notifiers) {
                try {
                    notifier.deliver(n);
                } catch (Exception | LinkageError e) {
                    // A broken gateway must not stop the inbox, the log or the next gateway.
                    LOG.warn("Notifier {} failed to deliver {} for {} to {}", notifier.getClass().getName(), n.kind(),
                            n.orderNumber(), n.recipient(), e);
                }
            }
        }
    }
}
