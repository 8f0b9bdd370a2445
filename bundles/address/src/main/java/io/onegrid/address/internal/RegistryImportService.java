package io.onegrid.address.internal;

import io.onegrid.address.internal.resident.ResidentService;
import io.onegrid.api.address.RegistryImport;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The registry's bulk imports as one service for other bundles (the demo county loads its houses through it). */
@Component(service = RegistryImport.class)
public final class RegistryImportService implements RegistryImport {

    private final GridRegistry grids;
    private final AddressImporter addresses;
    private final ResidentService residents;
    private final RegionService regions;
    private final AuditLog audit;

    @Activate
    public RegistryImportService(@Reference GridRegistry grids,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference ResidentService residents, @Reference RegionService regions, @Reference AuditLog audit) {
        this.grids = grids;
        this.addresses = new AddressImporter(dataSource, grids);
        this.residents = residents;
        this.regions = regions;
        this.audit = audit;
    }

    @Override
    public int importGrids(Caller caller, InputStream geojson) {
        return grids.importGeoJson(caller, geojson);
    }

    @Override
    public long importAddresses(Caller caller, InputStream csv) {
        Access.require(caller, Permissions.REGION_WRITE);
        Map<String, Boolean> villages = new HashMap<>();
        AddressImporter.Report report = addresses.importCsv(csv, code -> villages.computeIfAbsent(code,
                c -> regions.find(caller, c).isPresent()), caller.scope());
        audit.record(new AuditEvent(caller.name(), "address.imported", "addresses", report.imported()
                + " addresses, " + report.outsideEveryGrid() + " outside every grid", null));
        return report.imported();
    }

    @Override
    public long importResidents(Caller caller, InputStream csv) {
        return residents.importCsv(caller, csv, null).imported();
    }
}
