package io.onegrid.api.notify;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A channel that delivers notifications: register an implementation as an OSGi service (an SMS gateway, a messaging
 * app). The kernel calls every registered notifier once per notification, after the change that caused it is
 * committed, on its own thread; a notifier that throws or hangs the caller's thread for long harms no other notifier
 * and no work order, but it should hand slow deliveries to a queue of its own. The console inbox is written in the
 * kernel's transaction and does not depend on any notifier.
 */
@ConsumerType
public interface Notifier {

    /** Delivers one notification, or throws; a failure is logged and not retried by the kernel. */
    void deliver(Notification notification) throws Exception;
}
