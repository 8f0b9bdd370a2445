package io.onegrid.identity.internal;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.AreaKind;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.Region;
import io.onegrid.api.identity.RegionImportReport;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.identity.internal.entity.RegionEntity;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The region tree in {@code og_region}; every read and write is limited to the caller's scope. */
@Component(service = RegionService.class)
public final class JpaRegionService implements RegionService {

    private static final int BATCH = 1000;

    private final JpaTransactions jpa;
    private final AuditLog audit;

    @Activate
    public JpaRegionService(@Reference(target = "(osgi.unit.name=onegrid-identity)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=identity)") ModuleSchema schema,
            @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    @Override
    public Optional<Region> find(Caller caller, String code) {
        Access.require(caller, Permissions.REGION_READ);
        Optional<RegionCode> parsed = RegionCode.tryParse(code);
        if (parsed.isEmpty() || !caller.scope().coversRegion(parsed.get())) {
            return Optional.empty();
        }
        return jpa.read(em -> Optional.ofNullable(em.find(RegionEntity.class, parsed.get().value()))
                .map(RegionEntity::toRecord));
    }

    @Override
    public Page<Region> list(Caller caller, String parentCode, RegionLevel level, String text, PageRequest page) {
        Access.require(caller, Permissions.REGION_READ);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "r.code", null);
        StringBuilder where = new StringBuilder(scope.jpql());
        if (parentCode != null && !parentCode.isBlank()) {
            where.append(" AND r.parentCode = :parent");
        }
        if (level != null) {
            where.append(" AND r.level = :level");
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND r.name LIKE :text ESCAPE '\\'");
        }
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM RegionEntity r WHERE " + where, Long.class);
            TypedQuery<RegionEntity> query = em.createQuery("SELECT r FROM RegionEntity r WHERE " + where
                    + " ORDER BY r.code", RegionEntity.class);
            for (TypedQuery<?> q : List.of(count, query)) {
                scope.bind(q);
                if (parentCode != null && !parentCode.isBlank()) {
                    q.setParameter("parent", parentCode.strip());
                }
                if (level != null) {
                    q.setParameter("level", level.name());
                }
                if (text != null && !text.isBlank()) {
                    q.setParameter("text", LikePatterns.containing(text.strip()));
                }
            }
            List<Region> items = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList().stream().map(RegionEntity::toRecord).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    @Override
    public RegionImportReport importCsv(Caller caller, InputStream csv) {
        Access.require(caller, Permissions.REGION_WRITE);
        Set<String> existing = new HashSet<>(jpa.read(em -> em.createQuery("SELECT r.code FROM RegionEntity r",
                String.class).getResultList()));
        List<Region> regions = RegionCsvReader.read(csv, existing::contains, caller.scope());
        jpa.run(em -> {
            int n = 0;
            for (Region region : regions) {
                em.persist(new RegionEntity(region));
                if (++n % BATCH == 0) {
                    em.flush();
                    em.clear();
                }
            }
        });
        audit.record(new AuditEvent(caller.name(), "region.imported", "regions", regions.size() + " regions", null));
        return new RegionImportReport(regions.size(), regions.size());
    }

    @Override
    public Region create(Caller caller, Region region) {
        Access.require(caller, Permissions.REGION_WRITE);
        if (region.code() == null) {
            throw ProblemException.invalid("The region was not created", List.of(Violation.ofField("/code",
                    "is required")));
        }
        String line = String.join(",", csv(region.code()), csv(region.name()), csv(region.parentCode()),
                region.level() == null ? RegionCode.tryParse(region.code()).map(c -> c.level().name()).orElse("")
                        : region.level().name(), region.area() == null ? "" : region.area().name());
        String file = String.join(",", RegionCsvReader.HEADER) + "\n" + line + "\n";
        importCsv(caller, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        return find(caller, region.code()).orElseThrow();
    }

    @Override
    public Region update(Caller caller, String code, String name, AreaKind area, String boundaryRef) {
        Access.require(caller, Permissions.REGION_WRITE);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ProblemException.invalid("The region was not changed", List.of(Violation.ofField("/name",
                    "1 to 100 characters")));
        }
        Region current = find(caller, code).orElseThrow(() -> ProblemException.notFound("No region " + code));
        Region updated = jpa.inTransaction(em -> {
            RegionEntity entity = em.find(RegionEntity.class, current.code());
            entity.change(name.strip(), area == null ? current.area() : area, boundaryRef);
            return entity.toRecord();
        });
        audit.record(new AuditEvent(caller.name(), "region.changed", "region:" + code, current.name() + " -> "
                + updated.name(), null));
        return updated;
    }

    /** One CSV field, quoted when needed. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
