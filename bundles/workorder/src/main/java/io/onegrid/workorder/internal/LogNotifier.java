package io.onegrid.workorder.internal;

import io.onegrid.api.notify.Notification;
import io.onegrid.api.notify.Notifier;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The built-in notifier: one log line per notification (logger {@code io.onegrid.notify}). */
@Component(service = Notifier.class)
public final class LogNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger("io.onegrid.notify");

    @Override
    public void deliver(Notification n) {
        LOG.info("{} to {}: {} / {}", n.kind(), n.recipient(), n.titleZh(), n.titleEn());
    }
}
