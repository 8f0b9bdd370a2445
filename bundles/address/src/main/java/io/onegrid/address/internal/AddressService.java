package io.onegrid.address.internal;

import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.address.internal.search.AddressIndex;
import io.onegrid.address.internal.search.AddressSearch;
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
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standard addresses in {@code og_address}; every read is limited to the caller's scope. Text and nearest searches go
 * through the in-memory {@link AddressIndex} (one per node: see its comment on several nodes), which a background
 * thread reads from the database at activation; until it is ready, text searches fall back to {@code LIKE} and
 * nearest searches wait for it.
 */
@Component(service = {AddressDirectory.class, AddressService.class})
public final class AddressService implements AddressDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AddressService.class);
    static final int NEAREST_DEFAULT = 10;
    static final int NEAREST_MAX = 100;
    /** How long a nearest search waits for the index being built at start before answering 503. */
    static final long INDEX_WAIT_SECONDS = 20;
    private static final long RETRY_MILLIS = 30_000;

    private final JpaTransactions jpa;
    private final AddressSearch search;
    private final Thread indexLoader;
    private volatile boolean active = true;
    private final AddressImporter importer;
    private final RegionService regions;
    private final AuditLog audit;

    @Activate
    public AddressService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference GridRegistry grids, @Reference RegionService regions, @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        AddressIndex index = new AddressIndex();
        this.search = new AddressSearch(dataSource, index);
        this.importer = new AddressImporter(dataSource, grids, index);
        this.regions = regions;
        this.audit = audit;
        // a million addresses take seconds to read: do not hold up the activation of everything that needs us
        this.indexLoader = new Thread(this::loadIndex, "onegrid-address-index");
        indexLoader.setDaemon(true);
        indexLoader.start();
    }

    @Deactivate
    void deactivate() {
        active = false;
        indexLoader.interrupt();
    }

    private void loadIndex() {
        while (active) {
            try {
                long start = System.nanoTime();
                search.load();
                AddressIndex index = search.index();
                LOG.info("Address index ready: {} addresses in {} ms, {} MiB", index.size(),
                        (System.nanoTime() - start) / 1_000_000, index.memoryBytes() >> 20);
                return;
            } catch (RuntimeException e) {
                LOG.error("Building the address index failed (text search uses LIKE meanwhile); retrying in {} s",
                        RETRY_MILLIS / 1000, e);
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
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
        if (text != null && !text.isBlank() && search.index().isReady()) {
            return search.search(caller.scope(), regionCode, text.strip(), page);
        }
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

    /** The {@code limit} addresses in the caller's scope nearest to a WGS-84 point, nearest first. */
    List<AddressSearch.Nearby> nearest(Caller caller, double lon, double lat, int limit) {
        Access.require(caller, Permissions.REGION_READ);
        try {
            if (!search.index().awaitReady(INDEX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                        "The address index is still being built after a start; try again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "Interrupted while waiting for the index");
        }
        return search.nearest(caller.scope(), lon, lat, limit);
    }

    /**
     * Refuses an export before anything is written: the permission, and a {@code region} that is not a region code.
     * A region outside the caller's scope is not refused: it exports the header only, as if it were empty.
     */
    void checkExport(Caller caller, String regionCode) {
        Access.require(caller, Permissions.REGION_READ);
        if (regionCode != null && !regionCode.isBlank() && !RegionCode.isValid(regionCode.strip())) {
            throw ProblemException.badRequest("region is a region code (12, 15 or 17 digits), not '" + regionCode
                    + "'");
        }
    }

    /**
     * Writes the addresses in the caller's scope, below {@code regionCode} if given, as {@code addresses.csv}
     * (DESIGN.md §6: header, by code), streamed row by row from the database; the output can be imported again.
     *
     * @throws ProblemException before writing anything, when the caller may not read addresses or the region is bad
     */
    public void exportCsv(Caller caller, String regionCode, OutputStream out) throws IOException {
        checkExport(caller, regionCode);
        search.exportCsv(caller.scope(), regionCode, out);
        audit.record(new AuditEvent(caller.name(), "address.exported", "addresses",
                regionCode == null || regionCode.isBlank() ? "scope" : "region " + regionCode.strip(), null));
    }

    public AddressImporter.Report importCsv(Caller caller, InputStream csv) {
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
