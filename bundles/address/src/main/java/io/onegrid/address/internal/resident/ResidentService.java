package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.entity.AddressEntity;
import io.onegrid.address.internal.entity.HouseholdEntity;
import io.onegrid.address.internal.entity.ResidentEntity;
import io.onegrid.address.internal.entity.ResidentMoveEntity;
import io.onegrid.address.internal.resident.ResidentViews.Move;
import io.onegrid.address.internal.resident.ResidentViews.MoveRequest;
import io.onegrid.address.internal.resident.ResidentViews.NewResident;
import io.onegrid.address.internal.resident.ResidentViews.Resident;
import io.onegrid.address.internal.resident.ResidentViews.ResidentChange;
import io.onegrid.address.internal.resident.ResidentViews.RevealedIdNumber;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import io.onegrid.persistence.api.ScopeFilter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.RollbackException;
import javax.persistence.TypedQuery;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Residents ({@code og_resident}) and their moves. Every read and write is limited to the caller's scope through the
 * resident's {@code scope_code} (that of its house); a resident outside it answers 404 like a missing one. ID numbers
 * leave this class masked, except through {@link #revealIdNumber} and a revealing {@link #export}, both audited.
 */
@Component(service = ResidentService.class)
public final class ResidentService {

    static final Set<String> SORTABLE = Set.of("id", "name");
    static final String STATUS_ACTIVE = "active";
    static final String STATUS_MOVED_OUT = "moved-out";
    private static final int EXPORT_CHUNK = 1000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JpaTransactions jpa;
    private final DataSource dataSource;
    private final IdProtector protector;
    private final AuditLog audit;

    @Activate
    public ResidentService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference ResidentProtection protection, @Reference AuditLog audit) {
        this(new JpaTransactions(emf), dataSource, protection.protector(), audit);
    }

    ResidentService(JpaTransactions jpa, DataSource dataSource, IdProtector protector, AuditLog audit) {
        this.jpa = jpa;
        this.dataSource = dataSource;
        this.protector = protector;
        this.audit = audit;
    }

    /** Filters of the resident list; every one optional. */
    public record Query(String region, String tag, String text, Long householdId, String house, String status) {
    }

    public Page<Resident> list(Caller caller, Query q, PageRequest page) {
        Access.require(caller, Permissions.RESIDENT_READ);
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "r.scopeCode", null);
        StringBuilder where = new StringBuilder(scope.jpql());
        Map<String, Object> params = new LinkedHashMap<>(scope.parameters());
        if (present(q.region())) {
            RegionCode region = RegionCode.tryParse(q.region().strip())
                    .orElseThrow(() -> ProblemException.badRequest("region is a region code (12 to 17 digits), not '"
                            + q.region() + "'"));
            where.append(" AND r.scopeCode LIKE :under");
            params.put("under", region.prefix() + "%");
        }
        if (present(q.tag())) {
            String tag = ResidentTags.code(q.tag());
            if (tag == null) {
                throw ProblemException.badRequest(ResidentTags.unknownMessage(List.of(q.tag().strip())));
            }
            where.append(" AND r.tags LIKE :tag");
            params.put("tag", "%," + tag + ",%");
        }
        if (present(q.text())) {
            where.append(" AND r.name LIKE :text ESCAPE '\\'");
            params.put("text", LikePatterns.containing(q.text().strip()));
        }
        if (q.householdId() != null) {
            where.append(" AND r.householdId = :household");
            params.put("household", q.householdId());
        }
        if (present(q.house())) {
            where.append(" AND r.addressCode = :house");
            params.put("house", q.house().strip());
        }
        String status = present(q.status()) ? q.status().strip() : STATUS_ACTIVE;
        switch (status) {
            case STATUS_ACTIVE -> where.append(" AND r.movedOutAt IS NULL");
            case STATUS_MOVED_OUT -> where.append(" AND r.movedOutAt IS NOT NULL");
            case "all" -> { }
            default -> throw ProblemException.badRequest("status is active, moved-out or all, not '" + status + "'");
        }
        String order = orderBy(page);
        return jpa.read(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM ResidentEntity r WHERE " + where, Long.class);
            TypedQuery<ResidentEntity> query = em.createQuery("SELECT r FROM ResidentEntity r WHERE " + where
                    + " ORDER BY " + order, ResidentEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                query.setParameter(k, v);
            });
            List<Resident> items = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList().stream().map(r -> view(r, true)).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    /** One resident; the phone whole (the grid worker calls them), the ID number masked. */
    public Resident get(Caller caller, long id) {
        Access.require(caller, Permissions.RESIDENT_READ);
        return jpa.read(em -> view(visible(em, caller, id), false));
    }

    public Resident create(Caller caller, NewResident input, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_WRITE);
        List<Violation> errors = new ArrayList<>();
        IdNumbers.Result id = IdNumbers.validate(input.idNumber(), LocalDate.now(CHINA));
        if (!id.valid()) {
            errors.add(Violation.ofField("/idNumber", id.message()));
        }
        String nameProblem = ResidentRules.nameProblem(input.name());
        if (nameProblem != null) {
            errors.add(Violation.ofField("/name", nameProblem));
        }
        String phone = phone(input.phone(), errors);
        List<String> tags = tags(input.tags(), errors);
        if (!AddressCode.isValid(input.addressCode())) {
            errors.add(Violation.ofField("/addressCode", "a standard address code is the village code and 8 digits"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The resident was not registered", errors);
        }
        String hash = protector.lookupHash(id.normalized());
        Resident created = jpa.inTransaction(em -> {
            AddressEntity house = house(em, caller, input.addressCode(), "/addressCode");
            List<ResidentEntity> same = em.createQuery("SELECT r FROM ResidentEntity r WHERE r.idHash = :h",
                    ResidentEntity.class).setParameter("h", hash).getResultList();
            if (!same.isEmpty()) {
                ResidentEntity other = same.get(0);
                throw ProblemException.conflict("A resident with this ID number is registered already"
                        + (isVisible(caller, other) ? " (resident " + other.id() + ")" : ""));
            }
            ResidentEntity r = new ResidentEntity(input.name().strip(), protector.encrypt(id.normalized()), hash,
                    IdNumbers.mask(id.normalized()), IdNumbers.isMale(id.normalized()) ? "M" : "F",
                    IdNumbers.birthDate(id.normalized()).getYear());
            r.phone(phone);
            r.tags(ResidentTags.store(tags));
            Date now = new Date();
            r.live(house.code(), house.scopeCode(), now);
            em.persist(r);
            em.flush();
            Households.place(em, r, house, input.householdId(), tags.contains("migrant"), "/householdId");
            em.persist(new ResidentMoveEntity(r.id(), null, house.code(), now, caller.name(), "registered"));
            return view(r, false);
        });
        audit.record(new AuditEvent(caller.name(), "resident.created", "resident:" + created.id(),
                "at " + created.addressCode(), clientAddress));
        return created;
    }

    /** {@code PUT} when {@code partial} is false (a missing phone or tags clears them), {@code PATCH} otherwise. */
    public Resident update(Caller caller, long id, ResidentChange change, boolean partial, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (change.version() == null) {
            errors.add(Violation.ofField("/version", "the version you read is required, so that no one's change is"
                    + " overwritten unseen"));
        }
        if (!partial || change.name() != null) {
            String problem = ResidentRules.nameProblem(change.name());
            if (problem != null) {
                errors.add(Violation.ofField("/name", problem));
            }
        }
        String phone = phone(change.phone(), errors);
        List<String> tags = tags(change.tags(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The resident was not changed", errors);
        }
        Resident changed = withVersionCheck(() -> jpa.inTransaction(em -> {
            ResidentEntity r = visible(em, caller, id);
            requireVersion(r, change.version());
            if (!partial || change.name() != null) {
                r.name(change.name().strip());
            }
            if (!partial || change.phone() != null) {
                r.phone(phone);
            }
            if (!partial || change.tags() != null) {
                r.tags(ResidentTags.store(tags));
            }
            em.flush();
            return view(r, false);
        }));
        audit.record(new AuditEvent(caller.name(), "resident.changed", "resident:" + id, null, clientAddress));
        return changed;
    }

    /** Moves a resident to another house in the caller's scope, or out of the county; the history keeps both ends. */
    public Resident move(Caller caller, long id, MoveRequest request, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_WRITE);
        if (request.reason() != null && request.reason().length() > 200) {
            throw ProblemException.invalid("The move was not recorded",
                    List.of(Violation.ofField("/reason", "at most 200 characters")));
        }
        Resident moved = withVersionCheck(() -> jpa.inTransaction(em -> {
            ResidentEntity r = visible(em, caller, id);
            if (request.version() != null) {
                requireVersion(r, request.version());
            }
            String from = r.addressCode();
            Date now = new Date();
            Households.leave(em, r);
            if (request.to() == null || request.to().isBlank()) {
                if (from == null) {
                    throw ProblemException.conflict("Resident " + id + " has moved out already");
                }
                r.moveOut(now);
            } else {
                if (!AddressCode.isValid(request.to().strip())) {
                    throw ProblemException.invalid("The move was not recorded", List.of(Violation.ofField("/to",
                            "a standard address code is the village code and 8 digits")));
                }
                AddressEntity house = house(em, caller, request.to().strip(), "/to");
                if (house.code().equals(from) && request.householdId() == null) {
                    throw ProblemException.conflict("Resident " + id + " lives at " + from + " already");
                }
                r.live(house.code(), house.scopeCode(), now);
                em.flush();
                Households.place(em, r, house, request.householdId(),
                        ResidentTags.read(r.tags()).contains("migrant"), "/householdId");
            }
            em.persist(new ResidentMoveEntity(r.id(), from, r.addressCode(), now, caller.name(),
                    request.reason() == null || request.reason().isBlank() ? null : request.reason().strip()));
            em.flush();
            return view(r, false);
        }));
        audit.record(new AuditEvent(caller.name(), "resident.moved", "resident:" + id,
                (moved.addressCode() == null ? "moved out" : "to " + moved.addressCode()), clientAddress));
        return moved;
    }

    /** The moves of a visible resident, oldest first. */
    public List<Move> moves(Caller caller, long id) {
        Access.require(caller, Permissions.RESIDENT_READ);
        return jpa.read(em -> {
            visible(em, caller, id);
            return em.createQuery("SELECT m FROM ResidentMoveEntity m WHERE m.residentId = :id ORDER BY m.movedAt,"
                    + " m.id", ResidentMoveEntity.class).setParameter("id", id).getResultList().stream()
                    .map(m -> new Move(m.id(), m.fromAddress() == null ? "in" : m.toAddress() == null ? "out" : "move",
                            m.fromAddress(), m.toAddress(), m.movedAt().toInstant(), m.recordedBy(), m.reason()))
                    .toList();
        });
    }

    /** The whole ID number, for holders of {@code resident.id.reveal}; recorded in the audit log before it is shown. */
    public RevealedIdNumber revealIdNumber(Caller caller, long id, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_ID_REVEAL);
        String cipher = jpa.read(em -> visible(em, caller, id).idCipher());
        audit.record(new AuditEvent(caller.name(), "resident.id-revealed", "resident:" + id,
                "the whole ID number was shown", clientAddress));
        return new RevealedIdNumber(id, protector.decrypt(cipher));
    }

    public ResidentImporter.Report importCsv(Caller caller, InputStream csv, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_WRITE);
        ResidentImporter.Report report = new ResidentImporter(dataSource, protector).importCsv(csv, caller.scope(),
                caller.name());
        audit.record(new AuditEvent(caller.name(), "resident.imported", "residents", report.imported()
                + " residents, " + report.householdsCreated() + " new households", clientAddress));
        return report;
    }

    /**
     * The residents living in the caller's scope (optionally below {@code region}) as {@code residents.csv}, read in
     * chunks so that memory stays flat. Checks and the audit record happen here, before anything is written: the
     * returned writer only streams.
     *
     * @param reveal whole ID numbers and phones instead of masked ones; needs {@code resident.id.reveal}
     */
    public RestResponse.BodyWriter export(Caller caller, String region, boolean reveal, String clientAddress) {
        Access.require(caller, Permissions.RESIDENT_READ);
        if (reveal) {
            Access.require(caller, Permissions.RESIDENT_ID_REVEAL);
        }
        ScopeFilter scope = ScopeFilter.where(caller.scope(), "r.scopeCode", null);
        String under = null;
        if (present(region)) {
            under = RegionCode.tryParse(region.strip()).map(r -> r.prefix() + "%").orElseThrow(
                    () -> ProblemException.badRequest("region is a region code (12 to 17 digits), not '" + region + "'"));
        }
        String jpql = "SELECT r FROM ResidentEntity r WHERE " + scope.jpql() + " AND r.addressCode IS NOT NULL"
                + (under == null ? "" : " AND r.scopeCode LIKE :under") + " AND r.id > :after ORDER BY r.id";
        String prefix = under;
        audit.record(new AuditEvent(caller.name(), reveal ? "resident.id-exported" : "resident.exported", "residents",
                (reveal ? "whole ID numbers and phones" : "masked ID numbers and phones")
                        + (prefix == null ? "" : ", region " + region.strip()), clientAddress));
        return out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            csv.printRecord(ResidentImporter.HEADER);
            long after = 0;
            while (true) {
                long from = after;
                List<ResidentEntity> chunk = jpa.read(em -> {
                    TypedQuery<ResidentEntity> q = scope.bind(em.createQuery(jpql, ResidentEntity.class));
                    if (prefix != null) {
                        q.setParameter("under", prefix);
                    }
                    return q.setParameter("after", from).setMaxResults(EXPORT_CHUNK).getResultList();
                });
                for (ResidentEntity r : chunk) {
                    csv.printRecord(reveal ? protector.decrypt(r.idCipher()) : r.idMasked(), r.name(),
                            r.phone() == null ? "" : reveal ? r.phone() : Phones.mask(r.phone()), r.addressCode(),
                            String.join(";", ResidentTags.read(r.tags())));
                    after = r.id();
                }
                if (chunk.size() < EXPORT_CHUNK) {
                    break;
                }
            }
            csv.flush();
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static Resident view(ResidentEntity r, boolean maskPhone) {
        return new Resident(r.id(), r.name(), r.idMasked(), r.gender(), r.birthYear(),
                maskPhone ? Phones.mask(r.phone()) : r.phone(), r.addressCode(), r.scopeCode(), r.householdId(),
                ResidentTags.read(r.tags()), r.movedOutAt() == null ? STATUS_ACTIVE : STATUS_MOVED_OUT,
                r.movedInAt() == null ? null : r.movedInAt().toInstant(),
                r.movedOutAt() == null ? null : r.movedOutAt().toInstant(), r.version());
    }

    static boolean isVisible(Caller caller, ResidentEntity r) {
        return r.scopeCode() != null && RegionCode.tryParse(r.scopeCode())
                .map(code -> caller.scope().coversRegion(code)).orElse(false);
    }

    static ResidentEntity visible(EntityManager em, Caller caller, long id) {
        ResidentEntity r = em.find(ResidentEntity.class, id);
        if (r == null || !isVisible(caller, r)) {
            throw ProblemException.notFound("No resident " + id);
        }
        return r;
    }

    /** A house (standard address) in the caller's scope; otherwise a violation on {@code field}. */
    static AddressEntity house(EntityManager em, Caller caller, String code, String field) {
        AddressEntity a = em.find(AddressEntity.class, code);
        if (a == null || !caller.scope().coversRegion(RegionCode.parse(a.scopeCode()))) {
            throw ProblemException.invalid("No such house", List.of(Violation.ofField(field, "no house " + code
                    + " in your part of the registry")));
        }
        return a;
    }

    private static void requireVersion(ResidentEntity r, long expected) {
        if (r.version() != expected) {
            throw ProblemException.conflict("Resident " + r.id() + " was changed meanwhile (version " + r.version()
                    + ", you sent " + expected + "); read it again and repeat your change");
        }
    }

    /** A concurrent writer that commits between our read and our commit surfaces as a 409 too, never a 500. */
    private static <T> T withVersionCheck(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (OptimisticLockException | RollbackException e) {
            throw ProblemException.conflict("The resident was changed meanwhile; read it again and repeat your change");
        }
    }

    private static String phone(String raw, List<Violation> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String phone = Phones.normalize(raw);
        if (phone == null) {
            errors.add(Violation.ofField("/phone", ResidentRules.PHONE_MESSAGE));
        }
        return phone;
    }

    private static List<String> tags(List<String> raw, List<Violation> errors) {
        List<String> unknown = new ArrayList<>();
        List<String> tags = ResidentTags.parse(raw, unknown);
        if (!unknown.isEmpty()) {
            errors.add(Violation.ofField("/tags", ResidentTags.unknownMessage(unknown)));
        }
        return tags;
    }

    private static String orderBy(PageRequest page) {
        if (page.sort().isEmpty()) {
            return "r.id";
        }
        StringBuilder sb = new StringBuilder();
        for (SortOrder s : page.sort()) {
            if (!SORTABLE.contains(s.property())) {
                throw ProblemException.badRequest("Cannot sort residents by '" + s.property() + "'; sortable: "
                        + SORTABLE.stream().sorted().toList());
            }
            sb.append("r.").append(s.property()).append(s.descending() ? " DESC, " : ", ");
        }
        return sb.append("r.id").toString();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
