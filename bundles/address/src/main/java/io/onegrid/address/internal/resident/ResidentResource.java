package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.resident.ResidentViews.Move;
import io.onegrid.address.internal.resident.ResidentViews.MoveRequest;
import io.onegrid.address.internal.resident.ResidentViews.NewResident;
import io.onegrid.address.internal.resident.ResidentViews.Resident;
import io.onegrid.address.internal.resident.ResidentViews.ResidentChange;
import io.onegrid.address.internal.resident.ResidentViews.RevealedIdNumber;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /residents}: registration, listing, moves, import and export; ID numbers masked but for the audited reveal. */
@Component(service = RestResource.class)
public final class ResidentResource implements RestResource {

    private final ResidentService residents;

    @Activate
    public ResidentResource(@Reference ResidentService residents) {
        this.residents = residents;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/residents", req -> residents.list(req.requireCaller(), new ResidentService.Query(
                        req.query("region").orElse(null), req.query("tag").orElse(null), req.query("q").orElse(null),
                        householdParam(req), req.query("house").orElse(null), req.query("status").orElse(null)),
                        req.pageRequest()))
                .summary("Residents in the caller's scope; ID numbers and phones masked").tag("residents")
                .queryParam("region", "only below this region (village, grid)")
                .queryParam("tag", "only residents with this tag (e.g. elderly-alone, party-member)")
                .queryParam("q", "text in the name").queryParam("household", "only this household (id)")
                .queryParam("house", "only this house (standard address code)")
                .queryParam("status", "active (default), moved-out or all").paged()
                .returnsPage(Resident.class).permission(Permissions.RESIDENT_READ);
        routes.post("/residents", req -> {
            Resident created = residents.create(req.requireCaller(), req.body(NewResident.class), req.remoteAddress());
            return RestResponse.created("/residents/" + created.id(), created);
        }).summary("Register a resident at a house (ID number checked, stored encrypted)").tag("residents")
                .accepts(NewResident.class).returns(Resident.class).permission(Permissions.RESIDENT_WRITE);
        routes.post("/residents/import", req -> residents.importCsv(req.requireCaller(), req.bodyStream(),
                        req.remoteAddress()))
                .summary("Import residents.csv (id_number,name,phone,address_code,tags; tags separated by ;);"
                        + " all lines or none").tag("residents").consumes("text/csv")
                .returns(ResidentImporter.Report.class).permission(Permissions.RESIDENT_WRITE);
        routes.get("/residents/export", req -> {
            boolean reveal = req.query("reveal").map(v -> switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ProblemException.badRequest("reveal is true or false, not '" + v + "'");
            }).orElse(false);
            return RestResponse.stream("text/csv;charset=UTF-8", residents.export(req.requireCaller(),
                    req.query("region").orElse(null), reveal, req.remoteAddress()))
                    .header("Content-Disposition", "attachment; filename=\"residents.csv\"");
        }).summary("Residents in the caller's scope as residents.csv; reveal=true (resident.id.reveal, audited) for"
                + " whole ID numbers").tag("residents").queryParam("region", "only below this region")
                .queryParam("reveal", "true for whole ID numbers and phones").permission(Permissions.RESIDENT_READ);
        routes.get("/residents/{id}", req -> residents.get(req.requireCaller(), id(req)))
                .summary("One resident; the ID number masked").tag("residents").returns(Resident.class)
                .permission(Permissions.RESIDENT_READ);
        routes.put("/residents/{id}", req -> residents.update(req.requireCaller(), id(req),
                        req.body(ResidentChange.class), false, req.remoteAddress()))
                .summary("Replace a resident's name, phone and tags (with the version read)").tag("residents")
                .accepts(ResidentChange.class).returns(Resident.class).permission(Permissions.RESIDENT_WRITE);
        routes.patch("/residents/{id}", req -> residents.update(req.requireCaller(), id(req),
                        req.body(ResidentChange.class), true, req.remoteAddress()))
                .summary("Change some of a resident's name, phone and tags (with the version read)").tag("residents")
                .accepts(ResidentChange.class).returns(Resident.class).permission(Permissions.RESIDENT_WRITE);
        routes.post("/residents/{id}/move", req -> residents.move(req.requireCaller(), id(req),
                        req.body(MoveRequest.class), req.remoteAddress()))
                .summary("Move a resident to another house ('to'), or out of the county (no 'to')").tag("residents")
                .accepts(MoveRequest.class).returns(Resident.class).permission(Permissions.RESIDENT_WRITE);
        routes.get("/residents/{id}/moves", req -> residents.moves(req.requireCaller(), id(req)))
                .summary("A resident's moves, oldest first").tag("residents").returns(Move[].class)
                .permission(Permissions.RESIDENT_READ);
        routes.get("/residents/{id}/id-number", req -> residents.revealIdNumber(req.requireCaller(), id(req),
                        req.remoteAddress()))
                .summary("A resident's whole ID number; every view is recorded in the audit log").tag("residents")
                .returns(RevealedIdNumber.class).permission(Permissions.RESIDENT_ID_REVEAL);
    }

    /** A path id that is not a number names no resident: 404, like any other missing one. */
    private static long id(RestRequest req) {
        String raw = req.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No resident " + raw);
        }
    }

    private static Long householdParam(RestRequest req) {
        return req.query("household").map(v -> {
            try {
                return Long.valueOf(v);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("household is a household id (a number), not '" + v + "'");
            }
        }).orElse(null);
    }
}
