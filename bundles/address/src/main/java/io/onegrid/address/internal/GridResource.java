package io.onegrid.address.internal;

import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /grids}: grid polygons as GeoJSON in and out, and point &rarr; grid. */
@Component(service = RestResource.class)
public final class GridResource implements RestResource {

    /** Answer of {@code GET /grids/locate}. */
    public record Located(String code, List<String> all) {
    }

    /** Answer of {@code POST /grids/import}. */
    public record Imported(int grids) {
    }

    private final GridRegistry grids;

    @Activate
    public GridResource(@Reference GridRegistry grids) {
        this.grids = grids;
    }

    @Override
    public void routes(Routes routes) {
        routes.post("/grids/import", req -> new Imported(grids.importGeoJson(req.requireCaller(), req.bodyStream())))
                .summary("Import grids.geojson (FeatureCollection of Polygon/MultiPolygon with properties code, name); "
                        + "all or nothing").tag("grids").consumes("application/geo+json").returns(Imported.class)
                .permission(Permissions.REGION_WRITE);
        routes.get("/grids", req -> RestResponse.stream("application/geo+json",
                        out -> grids.export(req.requireCaller(), out)))
                .summary("The grids in the caller's scope as GeoJSON").tag("grids").permission(Permissions.REGION_READ);
        routes.get("/grids/locate", req -> {
            double lon = coordinate(req, "lon", -180, 180);
            double lat = coordinate(req, "lat", -90, 90);
            List<String> all = grids.locateAll(lon, lat);
            if (all.isEmpty()) {
                throw ProblemException.notFound("No grid contains " + lon + "," + lat);
            }
            return new Located(grids.locate(lon, lat).orElse(all.get(0)), all);
        }).summary("The most specific grid containing a WGS-84 point").tag("grids")
                .queryParam("lon", "longitude").queryParam("lat", "latitude").returns(Located.class)
                .permission(Permissions.REGION_READ);
    }

    private static double coordinate(RestRequest req, String name, double min, double max) {
        String text = req.query(name).orElseThrow(() -> ProblemException.badRequest("Give " + name));
        try {
            double value = Double.parseDouble(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(io.onegrid.api.problem.ProblemType.INVALID_REQUEST, name + " is a number from "
                + min + " to " + max + ", not '" + text + "'", Map.of("parameter", name), null);
    }
}
