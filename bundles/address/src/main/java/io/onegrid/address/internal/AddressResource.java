package io.onegrid.address.internal;

import io.onegrid.api.address.Address;
import io.onegrid.address.internal.search.AddressSearch;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /addresses}: standard addresses, in the caller's scope. */
@Component(service = RestResource.class)
public final class AddressResource implements RestResource {

    private final AddressService addresses;

    @Activate
    public AddressResource(@Reference AddressService addresses) {
        this.addresses = addresses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/addresses", req -> addresses.list(req.requireCaller(), req.query("region").orElse(null),
                        req.query("q").orElse(null), req.pageRequest()))
                .summary("Addresses in the caller's scope").tag("addresses")
                .queryParam("region", "only below this region (village, grid)").queryParam("q", "text in the address")
                .returnsPage(Address.class).permission(Permissions.REGION_READ);
        routes.get("/addresses/nearest", req -> {
            List<Violation> errors = new ArrayList<>();
            double lon = coordinate(req, "lon", -180, 180, errors);
            double lat = coordinate(req, "lat", -90, 90, errors);
            int limit = req.queryInt("limit").orElse(AddressService.NEAREST_DEFAULT);
            if (limit < 1 || limit > AddressService.NEAREST_MAX) {
                errors.add(Violation.ofField("limit", "limit is 1 to " + AddressService.NEAREST_MAX + ", not "
                        + limit));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, errors.size() == 1 ? errors.get(0).message()
                        : "lon, lat and limit: " + errors.size() + " problems", Map.of("errors", errors), null);
            }
            return addresses.nearest(req.requireCaller(), lon, lat, limit);
        }).summary("The addresses in the caller's scope nearest to a WGS-84 point, nearest first, with the"
                        + " great-circle distance in metres").tag("addresses")
                .queryParam("lon", "longitude, -180 to 180").queryParam("lat", "latitude, -90 to 90")
                .queryParam("limit", "how many, 1 to " + AddressService.NEAREST_MAX + " (default "
                        + AddressService.NEAREST_DEFAULT + ")")
                .returns(AddressSearch.Nearby[].class).permission(Permissions.REGION_READ);
        routes.get("/addresses/export", req -> {
            Caller caller = req.requireCaller();
            String region = req.query("region").orElse(null);
            addresses.checkExport(caller, region); // refuse now: once streaming, the status is sent
            return RestResponse.stream("text/csv;charset=UTF-8", out -> addresses.exportCsv(caller, region, out))
                    .header("Content-Disposition", "attachment; filename=\"addresses.csv\"");
        }).summary("The addresses in the caller's scope as addresses.csv (code,region_code,grid_code,road,"
                        + "house_number,building,unit,room,lon,lat), by code, streamed").tag("addresses")
                .queryParam("region", "only below this region (town, village, grid)")
                .permission(Permissions.REGION_READ);
        routes.get("/addresses/{code}", req -> addresses.find(req.requireCaller(), req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No address " + req.pathParam("code"))))
                .summary("One address").tag("addresses").returns(Address.class).permission(Permissions.REGION_READ);
        routes.post("/addresses/import", req -> addresses.importCsv(req.requireCaller(), req.bodyStream()))
                .summary("Import addresses.csv (code,region_code,grid_code,road,house_number,building,unit,room,lon,lat);"
                        + " all lines or none; an empty grid_code is filled from the point")
                .tag("addresses").consumes("text/csv").returns(AddressImporter.Report.class)
                .permission(Permissions.REGION_WRITE);
    }

    /** A coordinate query parameter; what is wrong goes to {@code errors} (0 is returned then). */
    private static double coordinate(RestRequest req, String name, double min, double max, List<Violation> errors) {
        String text = req.query(name).orElse(null);
        if (text == null || text.isBlank()) {
            errors.add(Violation.ofField(name, "give " + name + ", a number from " + min + " to " + max));
            return 0;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(Violation.ofField(name, name + " is a number from " + min + " to " + max + ", not '" + text + "'"));
        return 0;
    }
}
