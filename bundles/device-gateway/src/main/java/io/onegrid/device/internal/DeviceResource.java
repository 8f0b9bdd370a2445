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
 * {@code DELETE /devices/{code}} (take one out of service) and {@code PUT /devices/{code}/credentials} (its own
 * broker secret) with {@code device.manage}. A device outside the caller's
 * scope answers 404, like a missing one.
 */
@Component(service = RestResource.class)
public final class DeviceResource implements RestResource {

    /** Answer of {@code /devices/rejections}. */
    public record Rejections(Map<String, Long> byReason, long total) {
    }

    /**
     * A device as listed: the device, and whether it has its own credentials for the broker (never the secret).
     */
    public record DeviceListing(String code, String kind, String townCode, String regionCode, Double lon, Double lat,
            String protocol, String plugin, java.time.Instant lastSeen, boolean online, boolean hasCredentials) {

        static DeviceListing of(Device d, boolean hasCredentials) {
            return new DeviceListing(d.code(), d.kind(), d.townCode(), d.regionCode(), d.lon(), d.lat(), d.protocol(),
                    d.plugin(), d.lastSeen(), d.online(), hasCredentials);
        }
    }

    /** Body of {@code PUT /devices/{code}/credentials}. */
    public record Credentials(String secret) {
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
        routes.get("/devices", req -> {
            io.onegrid.api.security.Caller caller = req.requireCaller();
            java.util.Set<String> withCredentials = registry.withCredentials(caller);
            return registry.list(caller).stream()
                    .map(d -> DeviceListing.of(d, withCredentials.contains(d.code()))).toList();
        }).summary("Devices in the caller's scope: kind, town, place, protocol, last seen, online, whether it has "
                + "its own broker credentials").tag("devices").returns(DeviceListing.class).permission(DEVICE_READ);
        routes.get("/devices/{code}", req -> visible(req))
                .summary("One device").tag("devices").returns(Device.class).permission(DEVICE_READ);
        routes.delete("/devices/{code}", req -> {
            Device d = visible(req);
            registry.retire(d.code(), java.time.Instant.now());
            return io.onegrid.api.rest.RestResponse.noContent();
        }).summary("Take a device out of service: no longer listed nor watched (a plugin's station is retired through"
                + " the plugin, e.g. DELETE /flood/stations/{code})").tag("devices").permission(DEVICE_MANAGE);
        routes.put("/devices/{code}/credentials", req -> {
            Device d = visible(req);
            Credentials body = req.body(Credentials.class);
            try {
                if (!registry.setCredentials(d.code(), body == null ? null : body.secret())) {
                    throw io.onegrid.api.problem.ProblemException.notFound("No device " + d.code() + " in service");
                }
            } catch (IllegalArgumentException bad) {
                throw io.onegrid.api.problem.ProblemException.badRequest(bad.getMessage());
            }
            return io.onegrid.api.rest.RestResponse.noContent();
        }).summary("Set or replace the device's own secret ({\"secret\": \"...\"}, 12 to 256 characters): it then "
                + "signs in to the embedded broker with its code as user name. Only a PBKDF2 hash is kept")
                .tag("devices").permission(DEVICE_MANAGE);
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
