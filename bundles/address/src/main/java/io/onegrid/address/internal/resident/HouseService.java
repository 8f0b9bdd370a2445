package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.address.internal.entity.HouseholdEntity;
import io.onegrid.address.internal.entity.ResidentEntity;
import io.onegrid.address.internal.resident.ResidentViews.House;
import io.onegrid.address.internal.resident.ResidentViews.HouseSummary;
import io.onegrid.address.internal.resident.ResidentViews.Household;
import io.onegrid.address.internal.resident.ResidentViews.NewHousehold;
import io.onegrid.address.internal.resident.ResidentViews.Resident;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Houses: a standard address seen with the households and residents living there (人进房). Scoped through the
 * address's {@code scope_code}, like addresses themselves.
 */
@Component(service = HouseService.class)
public final class HouseService {

    private static final Pattern HOUSEHOLD_NO = Pattern.compile("[0-9A-Za-z-]{1,20}");

    private final JpaTransactions jpa;
    private final AuditLog audit;

    @Activate
    public HouseService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference ResidentProtection schemaReady, @Reference AuditLog audit) {
        this(new JpaTransactions(emf), audit);
    }

    HouseService(JpaTransactions jpa, AuditLog audit) {
        this.jpa = jpa;
        this.audit = audit;
    }

    /** Houses in the caller's scope, optionally below a region and containing a text, by code. */
    public Page<HouseSummary> list(Caller caller, String region, String text, PageRequest page) {
        Access.require(caller, Permissions.RESIDENT_READ);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "a.scopeCode", null);
        StringBuilder where = new StringBuilder(scope.jpql());
        Map<String, Object> params = new LinkedHashMap<>(scope.parameters());
        if (region != null && !region.isBlank()) {
            RegionCode r = RegionCode.tryParse(region.strip()).orElseThrow(() -> ProblemException.badRequest(
                    "region is a region code (12 to 17 digits), not '" + region + "'"));
            where.append(" AND a.scopeCode LIKE :under");
            params.put("under", r.prefix() + "%");
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND a.fullText LIKE :text ESCAPE '\\'");
            params.put("text", LikePatterns.containing(text.strip()));
        }
        if (!page.sort().isEmpty()) {
            throw ProblemException.badRequest("Houses are listed by code; sorting is not offered");
        }
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(a) FROM AddressEntity a WHERE " + where, Long.class);
            TypedQuery<AddressEntity> query = em.createQuery("SELECT a FROM AddressEntity a WHERE " + where
                    + " ORDER BY a.code", AddressEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                query.setParameter(k, v);
            });
            List<AddressEntity> houses = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList();
            List<String> codes = houses.stream().map(AddressEntity::code).toList();
            Map<String, Long> households = counts(em, "SELECT h.addressCode, COUNT(h) FROM HouseholdEntity h"
                    + " WHERE h.addressCode IN :codes GROUP BY h.addressCode", codes);
            Map<String, Long> residents = counts(em, "SELECT r.addressCode, COUNT(r) FROM ResidentEntity r"
                    + " WHERE r.addressCode IN :codes GROUP BY r.addressCode", codes);
            List<HouseSummary> items = houses.stream().map(a -> new HouseSummary(a.code(), a.regionCode(),
                    a.gridCode(), a.fullText(), households.getOrDefault(a.code(), 0L),
                    residents.getOrDefault(a.code(), 0L))).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    /** A house with its households and residents (ID numbers and phones masked). */
    public House get(Caller caller, String code) {
        Access.require(caller, Permissions.RESIDENT_READ);
        return jpa.read(em -> house(em, visibleHouse(em, caller, code)));
    }

    /** Founds a household at a house; the head, when given, leaves their current household for it. */
    public Household createHousehold(Caller caller, String code, NewHousehold input, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (input.householdNo() != null && !HOUSEHOLD_NO.matcher(input.householdNo()).matches()) {
            errors.add(Violation.ofField("/householdNo", "1 to 20 letters, digits or dashes"));
        }
        String kind = input.kind() == null ? "registered" : input.kind().strip();
        if (!ResidentRules.HOUSEHOLD_KINDS.contains(kind)) {
            errors.add(Violation.ofField("/kind", "one of " + ResidentRules.HOUSEHOLD_KINDS));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The household was not created", errors);
        }
        Household created = jpa.inTransaction(em -> {
            AddressEntity house = visibleHouse(em, caller, code);
            String number = input.householdNo() != null ? input.householdNo() : Households.nextNumber(em, code);
            if (!em.createQuery("SELECT h.id FROM HouseholdEntity h WHERE h.addressCode = :c AND h.householdNo = :n",
                    Long.class).setParameter("c", code).setParameter("n", number).getResultList().isEmpty()) {
                throw ProblemException.conflict("House " + code + " has a household " + number + " already");
            }
            HouseholdEntity h = new HouseholdEntity(code, number, kind, house.scopeCode(), new Date());
            em.persist(h);
            em.flush();
            if (input.headResidentId() != null) {
                ResidentEntity head = em.find(ResidentEntity.class, input.headResidentId());
                if (head == null || !code.equals(head.addressCode())) {
                    throw ProblemException.invalid("The household was not created", List.of(Violation.ofField(
                            "/headResidentId", "no resident " + input.headResidentId() + " lives at " + code)));
                }
                Households.leave(em, head);
                head.householdId(h.id());
                h.headResidentId(head.id());
            }
            em.flush();
            return house(em, house).households().stream().filter(x -> x.id() == h.id()).findFirst().orElseThrow();
        });
        audit.record(new AuditEvent(caller.name(), "household.created", "house:" + code, "household "
                + created.householdNo(), clientAddress));
        return created;
    }

    private static AddressEntity visibleHouse(EntityManager em, Caller caller, String code) {
        AddressEntity a = AddressCode.isValid(code) ? em.find(AddressEntity.class, code) : null;
        if (a == null || !caller.scope().coversRegion(RegionCode.parse(a.scopeCode()))) {
            throw ProblemException.notFound("No house " + code);
        }
        return a;
    }

    private static House house(EntityManager em, AddressEntity a) {
        List<HouseholdEntity> households = em.createQuery("SELECT h FROM HouseholdEntity h WHERE h.addressCode = :c"
                + " ORDER BY h.id", HouseholdEntity.class).setParameter("c", a.code()).getResultList();
        List<ResidentEntity> residents = em.createQuery("SELECT r FROM ResidentEntity r WHERE r.addressCode = :c"
                + " ORDER BY r.id", ResidentEntity.class).setParameter("c", a.code()).getResultList();
        Map<Long, List<Resident>> members = new HashMap<>();
        List<Resident> without = new ArrayList<>();
        for (ResidentEntity r : residents) {
            Resident view = ResidentService.view(r, true);
            if (r.householdId() == null) {
                without.add(view);
            } else {
                members.computeIfAbsent(r.householdId(), k -> new ArrayList<>()).add(view);
            }
        }
        List<Household> hs = households.stream().map(h -> new Household(h.id(), h.addressCode(), h.householdNo(),
                h.kind(), h.headResidentId(), members.getOrDefault(h.id(), List.of()), h.version())).toList();
        return new House(a.code(), a.regionCode(), a.gridCode(), a.fullText(), a.lon(), a.lat(), residents.size(), hs,
                without);
    }

    private static Map<String, Long> counts(EntityManager em, String jpql, List<String> codes) {
        Map<String, Long> counts = new HashMap<>();
        if (codes.isEmpty()) {
            return counts;
        }
        for (Object[] row : em.createQuery(jpql, Object[].class).setParameter("codes", codes).getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
