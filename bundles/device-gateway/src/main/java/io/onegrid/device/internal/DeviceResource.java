package io.onegrid.device.internal;

import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /devices} (the devices in the caller's scope, with last seen and online), {@code GET /devices/{code}},
 * {@code GET /devices/rejections} (refused messages per reason), all with {@code device.read}; and
 * {@code DELETE /devices/{code}} (take one out of service) with {@code device.manage}. A device outside the caller's
 * scope answers 404, like a missing one.
 */
@Component(service = RestResource.class)
public final class DeviceResource implements RestResource {

    /** Answer of {@code /devices/rejections}. */
    public record Rejections(Map<String, Long> byReason, long total) {
    }

    /** See the devices, their last message and whether they are online; the refusal counts. */
    public static final String DEVICE_READ = "device.read";
    /** Take devices out of service. */
    public static final String DEVICE_MANAGE = "device.manage";

    private final DeviceRegistry registry;

    @Activate
    public DeviceResource(@Reference DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/devices", req -> registry.list(req.requireCaller()))
                .summary("Devices in the caller's scope: kind, town, place, protocol, last seen, online")
                .tag("devices").returns(Device.class).permission(DEVICE_READ);
        routes.get("/devices/{code}", req -> visible(req))
                .summary("One device").tag("devices").returns(Device.class).permission(DEVICE_READ);
        routes.delete("/devices/{code}", req -> {
            Device d = visible(req);
            registry.retire(d.code(), java.time.Instant.now());
            return io.onegrid.api.rest.RestResponse.noContent();
        }).summary("Take a device out of service: no longer listed nor watched (a plugin's station is retired through"
                + " the plugin, e.g. DELETE /flood/stations/{code})").tag("devices").permission(DEVICE_MANAGE);
        routes.get("/devices/rejections", req -> {
            Map<String, Long> byReason = new java.util.LinkedHashMap<>();
            registry.rejections().forEach((r, n) -> byReason.put(r.name(), n));
            return new Rejections(byReason, byReason.values().stream().mapToLong(Long::longValue).sum());
        }).summary("Refused device messages per reason since the gateway started (malformed, bad checksum, unknown "
                + "device, out of range)").tag("devices").returns(Rejections.class)
                .permission(DEVICE_READ);
    }

    private Device visible(io.onegrid.api.rest.RestRequest req) {
        String code = req.pathParam("code");
        io.onegrid.api.security.Caller caller = req.requireCaller();
        return registry.find(code).filter(d -> caller.scope().isUnrestricted() || io.onegrid.api.region.RegionCode
                .tryParse(d.regionCode()).map(caller.scope()::coversRegion).orElse(false))
                .orElseThrow(() -> io.onegrid.api.problem.ProblemException.notFound("No device " + code));
    }
}
