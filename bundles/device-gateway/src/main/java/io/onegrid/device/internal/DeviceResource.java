package io.onegrid.device.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /devices} (the devices in the caller's scope, with last seen and online) and
 * {@code GET /devices/rejections} (refused messages per reason). Devices are what alarms come from, so whoever reads
 * work orders may read them ({@code workorder.read}); a dedicated device permission is left for the console page.
 */
@Component(service = RestResource.class)
public final class DeviceResource implements RestResource {

    /** Answer of {@code /devices/rejections}. */
    public record Rejections(Map<String, Long> byReason, long total) {
    }

    private final DeviceRegistry registry;

    @Activate
    public DeviceResource(@Reference DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/devices", req -> registry.list(req.requireCaller()))
                .summary("Devices in the caller's scope: kind, town, place, protocol, last seen, online")
                .tag("devices").returns(Device.class).permission(Permissions.WORKORDER_READ);
        routes.get("/devices/rejections", req -> {
            Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            registry.rejections().forEach((r, n) -> byReason.put(r.name(), n));
            return new Rejections(byReason, byReason.values().stream().mapToLong(Long::longValue).sum());
        }).summary("Refused device messages per reason since the gateway started (malformed, bad checksum, unknown "
                + "device, out of range)").tag("devices").returns(Rejections.class)
                .permission(Permissions.WORKORDER_READ);
    }
}
