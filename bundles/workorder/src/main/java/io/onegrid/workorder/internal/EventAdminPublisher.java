package io.onegrid.workorder.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts work-order transitions to EventAdmin, asynchronously so that a slow subscriber never holds up a command. It
 * is the only class that touches the (optionally imported) EventAdmin package.
 */
@Component(service = TransitionPublisher.class)
public final class EventAdminPublisher implements TransitionPublisher {

    private final EventAdmin events;

    @Activate
    public EventAdminPublisher(@Reference EventAdmin events) {
        this.events = events;
    }

    @Override
    public void publish(String topic, Map<String, Object> properties) {
        events.postEvent(new Event(topic, properties));
    }
}
