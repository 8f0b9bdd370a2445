package io.onegrid.address.internal;

import io.onegrid.api.address.Address;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.Routes;
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
        routes.get("/addresses/{code}", req -> addresses.find(req.requireCaller(), req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No address " + req.pathParam("code"))))
                .summary("One address").tag("addresses").returns(Address.class).permission(Permissions.REGION_READ);
        routes.post("/addresses/import", req -> addresses.importCsv(req.requireCaller(), req.bodyStream()))
                .summary("Import addresses.csv (code,region_code,grid_code,road,house_number,building,unit,room,lon,lat);"
                        + " all lines or none; an empty grid_code is filled from the point")
                .tag("addresses").consumes("text/csv").returns(AddressImporter.Report.class)
                .permission(Permissions.REGION_WRITE);
    }
}
