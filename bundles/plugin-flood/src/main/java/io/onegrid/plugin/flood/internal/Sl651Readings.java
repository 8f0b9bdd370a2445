package io.onegrid.plugin.flood.internal;

import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.Sl651Frame;
import io.onegrid.device.api.Sl651Handler;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Water levels from SL 651-2014 river stations: the station address is the station's code, element 39 its level.
 * SL 651 times carry no zone; the stations keep China Standard Time, so that is how they are read. A frame without a
 * level (keep-alive, rainfall only) just marks the station as seen.
 */
@Component(service = Sl651Handler.class)
public final class Sl651Readings implements Sl651Handler {

    static final ZoneId STATION_TIME = ZoneId.of("Asia/Shanghai");

    private final FloodService flood;
    private final DeviceRegistry devices;

    @Activate
    public Sl651Readings(@Reference FloodService flood, @Reference DeviceRegistry devices) {
        this.flood = flood;
        this.devices = devices;
    }

    @Override
    public void frame(Sl651Frame frame, String remote) {
        Instant now = Instant.now();
        if (frame.waterLevel().isEmpty()) {
            devices.seen(frame.station(), now);
            return;
        }
        LocalDateTime observed = frame.observedAt() != null ? frame.observedAt() : frame.sentAt();
        flood.level("sl651 " + remote, frame.station(), null, observed.atZone(STATION_TIME).toInstant(),
                frame.waterLevel().get().doubleValue(), now);
    }
}
