package io.onegrid.address.internal;

import io.onegrid.address.internal.entity.GridShapeEntity;
import io.onegrid.address.internal.geo.GeoJsonGrids;
import io.onegrid.address.internal.geo.GridFeature;
import io.onegrid.address.internal.geo.GridIndex;
import io.onegrid.address.internal.geo.GridProblem;
import io.onegrid.address.internal.geo.GridValidator;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The grid polygons ({@code og_grid_shape}) and the in-memory index that places points in them. The index is rebuilt
 * after every import and replaced atomically, so lookups never wait for an import.
 */
@Component(service = {GridLocator.class, GridRegistry.class})
public final class GridRegistry implements GridLocator {

    static final int MAX_REPORTED = 1000;

    private final JpaTransactions jpa;
    private final RegionService regions;
    private final AuditLog audit;
    private volatile GridIndex index;

    @Activate
    public GridRegistry(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference RegionService regions, @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.regions = regions;
        this.audit = audit;
        this.index = new GridIndex(stored().values());
    }

    @Override
    public Optional<String> locate(double lon, double lat) {
        return index.locate(lon, lat);
    }

    List<String> locateAll(double lon, double lat) {
        return index.locateAll(lon, lat);
    }

    /** Every stored grid, by code. */
    private Map<String, GridFeature> stored() {
        List<GridShapeEntity> rows = jpa.read(em -> em.createQuery("SELECT g FROM GridShapeEntity g ORDER BY g.code",
                GridShapeEntity.class).getResultList());
        Map<String, GridFeature> features = new LinkedHashMap<>();
        for (GridShapeEntity row : rows) {
            GeoJsonGrids.read(new ByteArrayInputStream(row.geojson().getBytes(StandardCharsets.UTF_8))).features()
                    .forEach(f -> features.put(f.code(), f));
        }
        return features;
    }

    /**
     * Imports a GeoJSON FeatureCollection of grids and micro-grids, all or nothing: each must be valid, exist in the
     * region tree inside the caller's scope, and not overlap another grid (already stored or in the file).
     *
     * @return how many grids were created or replaced
     */
    public int importGeoJson(Caller caller, InputStream geojson) {
        Access.require(caller, Permissions.REGION_WRITE);
        GeoJsonGrids.Parsed parsed = GeoJsonGrids.read(geojson);
        List<Violation> errors = new ArrayList<>();
        parsed.problems().forEach(p -> errors.add(violation(p)));
        Set<String> inFile = new HashSet<>();
        for (int i = 0; i < parsed.features().size(); i++) {
            GridFeature f = parsed.features().get(i);
            inFile.add(f.code());
            boolean known = RegionCode.tryParse(f.code()).map(c -> caller.scope().coversRegion(c)).orElse(false)
                    && regions.find(caller, f.code()).isPresent();
            if (!known) {
                errors.add(violation(new GridProblem(parsed.positions().get(i), f.code(), "no grid " + f.code()
                        + " in your part of the region tree; import it with regions.csv first")));
            }
        }
        // Validate the new grids together with the stored ones they do not replace, so overlaps with those count too.
        Map<String, GridFeature> current = stored();
        List<GridFeature> all = new ArrayList<>(parsed.features());
        List<Integer> positions = new ArrayList<>(parsed.positions());
        for (GridFeature kept : current.values()) {
            if (!inFile.contains(kept.code())) {
                all.add(kept);
                positions.add(-2);
            }
        }
        for (GridProblem p : new GridValidator().validate(all)) {
            int position = p.index() >= 0 && p.index() < positions.size() ? positions.get(p.index()) : p.index();
            if (position != -2) {
                errors.add(violation(new GridProblem(position, p.code(), p.message())));
            } else {
                // stored grids were valid when imported: a problem on one now comes from this file
                errors.add(Violation.ofField("/stored/" + p.code(), "the stored grid " + p.code() + ": " + p.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " problem(s); no grid of this file was kept",
                    errors.size() > MAX_REPORTED ? errors.subList(0, MAX_REPORTED) : errors);
        }
        jpa.run(em -> {
            for (GridFeature f : parsed.features()) {
                String json = toGeoJson(List.of(f));
                GridShapeEntity row = em.find(GridShapeEntity.class, f.code());
                if (row == null) {
                    em.persist(new GridShapeEntity(f.code(), f.name() == null ? f.code() : f.name(), json));
                } else {
                    row.change(f.name() == null ? f.code() : f.name(), json);
                }
            }
        });
        // the stored grids just read, with this file's grids added or replacing theirs
        parsed.features().forEach(f -> current.put(f.code(), f));
        index = new GridIndex(current.values());
        audit.record(new AuditEvent(caller.name(), "grid.imported", "grids", parsed.features().size() + " grids",
                null));
        return parsed.features().size();
    }

    /** The grids inside the caller's scope as one FeatureCollection. */
    public void export(Caller caller, OutputStream out) {
        Access.require(caller, Permissions.REGION_READ);
        List<GridFeature> visible = stored().values().stream()
                .filter(f -> RegionCode.tryParse(f.code()).map(c -> caller.scope().coversRegion(c)).orElse(false))
                .toList();
        GeoJsonGrids.write(visible, out);
    }

    private static String toGeoJson(List<GridFeature> features) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GeoJsonGrids.write(features, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Violation violation(GridProblem p) {
        return Violation.ofField(p.index() == GridProblem.FILE ? "" : "/features/" + p.index(),
                (p.code() == null ? "" : p.code() + ": ") + p.message());
    }
}
