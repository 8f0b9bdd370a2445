package io.onegrid.plugin.flood.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts alarms to EventAdmin (asynchronously: a slow subscriber never holds up the readings). The only class that
 * touches the optionally imported EventAdmin package, as in the work-order kernel.
 */
@Component(service = AlarmEvents.class)
public final class EventAdminAlarmEvents implements AlarmEvents {

    private final EventAdmin events;

    @Activate
    public EventAdminAlarmEvents(@Reference EventAdmin events) {
        this.events = events;
    }

    @Override
    public void post(String transition, Alarm alarm) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", alarm.id());
        p.put("plugin", "flood");
        p.put("station", alarm.stationCode());
        p.put("region", alarm.regionCode());
        p.put("type", alarm.type());
        p.put("severity", alarm.severity());
        p.put("level", alarm.lastLevel());
        if (alarm.workOrderId() != null) {
            p.put("workOrderId", alarm.workOrderId());
        }
        events.postEvent(new Event("io/onegrid/alarm/" + transition, p));
    }
}
