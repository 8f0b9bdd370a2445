package io.onegrid.address.internal;

import io.onegrid.address.internal.doorplate.ContactRole;
import io.onegrid.address.internal.doorplate.DoorplateQr;
import io.onegrid.address.internal.doorplate.DoorplateSheet;
import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.rest.RestRequest;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code GET /doorplates/{code}/qr.png} and {@code .svg}: the QR code of a village's or a house's doorplate, encoding
 * the resident page {@code <publicBaseUrl>/r/{code}}. Anonymous, like the doorplate on the wall, but only for codes
 * that exist, so the endpoint cannot be used as a free QR generator.
 */
@Component(service = RestResource.class, configurationPid = "io.onegrid.address")
@Designate(ocd = AddressConfig.class)
public final class DoorplateResource implements RestResource {

    private final JpaTransactions jpa;
    private final RegionService regions;
    private final DoorplateService doorplates;
    private volatile DoorplateQr qr;

    @Activate
    public DoorplateResource(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference RegionService regions, @Reference DoorplateService doorplates, AddressConfig config) {
        this.jpa = new JpaTransactions(emf);
        this.regions = regions;
        this.doorplates = doorplates;
        modified(config);
    }

    @Modified
    void modified(AddressConfig config) {
        this.qr = new DoorplateQr(config.publicBaseUrl());
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/doorplates/{code}/qr.png", req -> {
            String code = existing(req);
            int size = req.queryInt("size").orElse(8);
            if (size < DoorplateQr.MIN_MODULE_PX || size > DoorplateQr.MAX_MODULE_PX) {
                throw ProblemException.badRequest("size is " + DoorplateQr.MIN_MODULE_PX + " to "
                        + DoorplateQr.MAX_MODULE_PX + " pixels per module");
            }
            byte[] png = qr.png(code, size);
            return RestResponse.stream("image/png", out -> out.write(png)).header("Cache-Control", "public, max-age=86400");
        }).summary("A doorplate's QR code as PNG (size: pixels per module, default 8)").tag("doorplates")
                .queryParam("size", "pixels per module, 1-40").anonymous();
        routes.get("/doorplates/{code}/qr.svg", req -> {
            String svg = qr.svg(existing(req), 36, DoorplateQr.Unit.MM);
            return RestResponse.stream("image/svg+xml;charset=UTF-8",
                    out -> out.write(svg.getBytes(StandardCharsets.UTF_8)))
                    .header("Cache-Control", "public, max-age=86400");
        }).summary("A doorplate's QR code as SVG, 36 mm wide").tag("doorplates").anonymous();
        routes.get("/doorplates/{code}", req -> doorplates.find(req.pathParam("code"))
                        .orElseThrow(() -> ProblemException.notFound("No doorplate " + req.pathParam("code"))))
                .summary("What a village's or a house's doorplate shows: title, address and the people to reach"
                        + " (public, like the plate itself)")
                .tag("doorplates").returns(DoorplateService.DoorplateView.class).anonymous();
        routes.get("/doorplates/{region}/contacts", req -> doorplates.contacts(req.requireCaller(),
                        req.pathParam("region")))
                .summary("The contacts kept on a village, grid or micro-grid").tag("doorplates")
                .permission(Permissions.REGION_READ);
        routes.put("/doorplates/{region}/contacts", req -> doorplates.replaceContacts(req.requireCaller(),
                        req.pathParam("region"), req.body(DoorplateService.ContactList.class)))
                .summary("Replace the contacts of a village, grid or micro-grid (roles: " + ContactRole.slugs() + ")")
                .tag("doorplates").accepts(DoorplateService.ContactList.class).permission(Permissions.REGION_WRITE);
        routes.get("/doorplates/{village}/sheet.html", req -> {
            DoorplateService.Sheet sheet = doorplates.sheet(req.requireCaller(), req.pathParam("village"));
            DoorplateSheet printer = new DoorplateSheet(qr);
            return RestResponse.stream("text/html;charset=UTF-8", out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                printer.write(writer, sheet.villageCode(), sheet.villageName(), sheet.doorplates());
            }).header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        }).summary("Print view of a village's doorplates (the village's and every house's in the caller's scope;"
                + " print to PDF from the browser)").tag("doorplates").permission(Permissions.REGION_READ);
    }

    /** The code when it names an existing village or address; 404 otherwise. */
    private String existing(RestRequest req) {
        String code = req.pathParam("code");
        boolean exists;
        if (AddressCode.isValid(code)) {
            exists = jpa.read(em -> em.find(AddressEntity.class, code)) != null;
        } else {
            exists = RegionCode.tryParse(code).filter(r -> r.level() == RegionLevel.VILLAGE)
                    .flatMap(r -> regions.find(Caller.SYSTEM, r.value())).isPresent();
        }
        if (!exists) {
            throw ProblemException.notFound("No doorplate " + code);
        }
        return code;
    }
}
