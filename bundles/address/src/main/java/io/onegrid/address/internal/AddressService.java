package io.onegrid.address.internal;

import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.api.address.Address;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.address.AddressDirectory;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Standard addresses in {@code og_address}; every read is limited to the caller's scope. */
@Component(service = {AddressDirectory.class, AddressService.class})
public final class AddressService implements AddressDirectory {

    private final JpaTransactions jpa;
    private final AddressImporter importer;
    private final RegionService regions;
    private final AuditLog audit;

    @Activate
    public AddressService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference GridRegistry grids, @Reference RegionService regions, @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.importer = new AddressImporter(dataSource, grids);
        this.regions = regions;
        this.audit = audit;
    }

    @Override
    public Optional<Address> find(Caller caller, String code) {
        Access.require(caller, Permissions.REGION_READ);
        if (!AddressCode.isValid(code)) {
            return Optional.empty();
        }
        return jpa.read(em -> Optional.ofNullable(em.find(AddressEntity.class, code)))
                .filter(a -> caller.scope().coversRegion(RegionCode.parse(a.scopeCode())))
                .map(AddressService::toRecord);
    }

    /** Addresses in the caller's scope, optionally below one region and containing a text, by code. */
    Page<Address> list(Caller caller, String regionCode, String text, PageRequest page) {
        Access.require(caller, Permissions.REGION_READ);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "a.scopeCode", null);
        StringBuilder where = new StringBuilder(scope.jpql());
        if (regionCode != null && !regionCode.isBlank()) {
            where.append(" AND a.scopeCode LIKE :under");
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND a.fullText LIKE :text ESCAPE '\\'");
        }
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AddressEntity a WHERE " + where, Long.class);
            TypedQuery<AddressEntity> query = em.createQuery("SELECT a FROM AddressEntity a WHERE " + where
                    + " ORDER BY a.code", AddressEntity.class);
            for (TypedQuery<?> q : List.of(count, query)) {
                scope.bind(q);
                if (regionCode != null && !regionCode.isBlank()) {
                    q.setParameter("under", RegionCode.tryParse(regionCode.strip()).map(RegionCode::prefix)
                            .orElse("-") + "%");
                }
                if (text != null && !text.isBlank()) {
                    q.setParameter("text", LikePatterns.containing(text.strip()));
                }
            }
            List<Address> items = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList().stream().map(AddressService::toRecord).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    AddressImporter.Report importCsv(Caller caller, InputStream csv) {
        Access.require(caller, Permissions.REGION_WRITE);
        Map<String, Boolean> villages = new HashMap<>();
        AddressImporter.Report report = importer.importCsv(csv, code -> villages.computeIfAbsent(code,
                c -> regions.find(caller, c).isPresent()), caller.scope());
        audit.record(new AuditEvent(caller.name(), "address.imported", "addresses", report.imported()
                + " addresses, " + report.outsideEveryGrid() + " outside every grid", null));
        return report;
    }

    static Address toRecord(AddressEntity a) {
        return new Address(a.code(), a.regionCode(), a.gridCode(), a.road(), a.houseNumber(), a.building(), a.unit(),
                a.room(), a.fullText(), a.lon(), a.lat());
    }
}
