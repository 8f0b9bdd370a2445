package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.resident.ResidentViews.House;
import io.onegrid.address.internal.resident.ResidentViews.HouseSummary;
import io.onegrid.address.internal.resident.ResidentViews.Household;
import io.onegrid.address.internal.resident.ResidentViews.NewHousehold;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /houses}: standard addresses as houses, with their households and residents. */
@Component(service = RestResource.class)
public final class HouseResource implements RestResource {

    private final HouseService houses;

    @Activate
    public HouseResource(@Reference HouseService houses) {
        this.houses = houses;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/houses", req -> houses.list(req.requireCaller(), req.query("region").orElse(null),
                        req.query("q").orElse(null), req.pageRequest()))
                .summary("Houses in the caller's scope with their numbers of households and residents").tag("houses")
                .queryParam("region", "only below this region (village, grid)").queryParam("q", "text in the address")
                .paged().returnsPage(HouseSummary.class).permission(Permissions.RESIDENT_READ);
        routes.get("/houses/{code}", req -> houses.get(req.requireCaller(), req.pathParam("code")))
                .summary("A house with its households and residents (masked)").tag("houses").returns(House.class)
                .permission(Permissions.RESIDENT_READ);
        routes.post("/houses/{code}/households", req -> {
            Household created = houses.createHousehold(req.requireCaller(), req.pathParam("code"),
                    req.body(NewHousehold.class), req.remoteAddress());
            return RestResponse.created("/houses/" + req.pathParam("code"), created);
        }).summary("Found a household at a house (kind registered, migrant or rented)").tag("houses")
                .accepts(NewHousehold.class).returns(Household.class).permission(Permissions.RESIDENT_WRITE);
    }
}
