package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.onegrid.address.internal.collect.FormSharing.Right;
import io.onegrid.address.internal.entity.FormEntity;
import io.onegrid.address.internal.entity.FormRecordEntity;
import io.onegrid.address.internal.entity.FormRecordFieldEntity;
import io.onegrid.address.internal.entity.FormRecordHistoryEntity;
import io.onegrid.address.internal.forms.CompiledForm;
import io.onegrid.address.internal.forms.FormSchemas;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.paging.SortOrder;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.ScopeFilter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;
import javax.persistence.Query;
import javax.persistence.RollbackException;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records of collection forms ({@code og_form_record}), about a house (standard address code) or a resident: submitted
 * and revised by the levels a form grants entry, read by those it grants query, always limited by the record's
 * scope code (its subject's grid or village). Every state of a record is kept in {@code og_form_record_history};
 * submissions and revisions go to the audit log.
 */
@Component(service = FormRecordService.class)
public final class FormRecordService {

    static final String HOUSE = "HOUSE";
    static final String RESIDENT = "RESIDENT";
    static final int MAX_FIELD_FILTERS = 5;
    private static final Set<String> SORTABLE = Set.of("submittedAt", "id");

    private final FormService forms;
    private final JpaTransactions jpa;

    @Activate
    public FormRecordService(@Reference FormService forms) {
        this.forms = forms;
        this.jpa = forms.jpa();
    }

    RecordView submit(Caller caller, String code, NewRecordBody body, Locale locale) {
        Access.require(caller, Permissions.FORM_SUBMIT);
        RecordView stored = jpa.inTransaction(em -> {
            FormEntity form = forms.visibleForm(em, caller, code);
            FormSharing sharing = FormService.sharing(form);
            DataScope entry = requireEntry(caller, form, sharing);
            List<Violation> violations = new ArrayList<>();
            String kind = body.subjectKind() == null ? null : body.subjectKind().strip();
            String subjectId = body.subjectId() == null ? null : body.subjectId().strip();
            String scopeCode = null;
            if (!HOUSE.equals(kind) && !RESIDENT.equals(kind)) {
                violations.add(Violation.ofField("/subjectKind", Texts.of(locale, "must be HOUSE or RESIDENT",
                        "应为 HOUSE（房屋）或 RESIDENT（人员）")));
            } else if (subjectId == null || subjectId.isEmpty()) {
                violations.add(Violation.ofField("/subjectId", Texts.of(locale, "is required", "必填")));
            } else {
                scopeCode = subjectScope(em, kind, subjectId);
                if (scopeCode == null || !covers(entry, scopeCode) || !covers(DataScope.ofRegion(sharing.owner()),
                        scopeCode)) {
                    // Missing and out of reach read the same, so the answer tells nothing about other grids.
                    violations.add(Violation.ofField("/subjectId", HOUSE.equals(kind)
                            ? Texts.of(locale, "is no house where you may submit this form", "不是您可以填报本表单的房屋")
                            : Texts.of(locale, "is no resident where you may submit this form",
                                    "不是您可以填报本表单的人员")));
                }
            }
            int version = form.currentVersion();
            CompiledForm schema = forms.compiled(em, code, version);
            violations.addAll(validate(schema, body.data(), locale));
            if (!violations.isEmpty()) {
                throw ProblemException.invalid("The record does not fit form " + code + " (version " + version + ")",
                        violations);
            }
            Date now = new Date();
            FormRecordEntity record = new FormRecordEntity(code, version, kind, subjectId, scopeCode,
                    FormService.text(body.data()), caller.name(), now);
            em.persist(record);
            em.flush();
            keep(em, record, schema, caller, now);
            return view(record);
        });
        forms.audit().record(new AuditEvent(caller.name(), "form.record-submitted", "form-record:" + stored.id(),
                "form " + code + " version " + stored.formVersion() + ", " + stored.subjectKind() + " "
                        + stored.subjectId(), null));
        return stored;
    }

    RecordView revise(Caller caller, String code, long id, RecordChangeBody body, Locale locale) {
        Access.require(caller, Permissions.FORM_SUBMIT);
        RecordView stored;
        try {
            stored = jpa.inTransaction(em -> {
                FormEntity form = forms.visibleForm(em, caller, code);
                FormSharing sharing = FormService.sharing(form);
                FormRecordEntity record = em.find(FormRecordEntity.class, id);
                DataScope entry = sharing.scopeFor(caller, Right.ENTRY);
                if (record == null || !record.formCode().equals(code) || !(covers(entry, record.scopeCode())
                        || covers(sharing.scopeFor(caller, Right.QUERY), record.scopeCode()))) {
                    throw ProblemException.notFound("No record " + id + " of form " + code);
                }
                if (!covers(entry, record.scopeCode())) {
                    throw new ProblemException(ProblemType.FORBIDDEN, "Form " + code
                            + " does not let your level revise records here");
                }
                requireActive(form);
                List<Violation> violations = new ArrayList<>();
                if (body.version() == null) {
                    violations.add(Violation.ofField("/version", Texts.of(locale,
                            "is required: the version of the record you changed", "必填：所修改记录的版本")));
                }
                int version = form.currentVersion();
                CompiledForm schema = forms.compiled(em, code, version);
                violations.addAll(validate(schema, body.data(), locale));
                if (!violations.isEmpty()) {
                    throw ProblemException.invalid("The record does not fit form " + code + " (version " + version
                            + ")", violations);
                }
                if (body.version() != record.version()) {
                    throw ProblemException.conflict("Record " + id + " is at version " + record.version() + ", not "
                            + body.version() + "; read it again before changing it");
                }
                Date now = new Date();
                record.revise(version, FormService.text(body.data()), caller.name(), now);
                em.flush();
                em.createQuery("DELETE FROM FormRecordFieldEntity x WHERE x.recordId = :id")
                        .setParameter("id", id).executeUpdate();
                keep(em, record, schema, caller, now);
                return view(record);
            });
        } catch (OptimisticLockException | RollbackException e) {
            throw ProblemException.conflict("Record " + id + " was changed at the same time; read it again");
        }
        forms.audit().record(new AuditEvent(caller.name(), "form.record-revised", "form-record:" + id,
                "form " + code + " version " + stored.formVersion() + ", record version " + stored.version(), null));
        return stored;
    }

    RecordView get(Caller caller, String code, long id) {
        Access.require(caller, Permissions.FORM_READ);
        return jpa.read(em -> view(readable(em, caller, code, id)));
    }

    /** Every state of the record, oldest first: the submission, then each revision. */
    List<RevisionView> history(Caller caller, String code, long id) {
        Access.require(caller, Permissions.FORM_READ);
        return jpa.read(em -> {
            readable(em, caller, code, id);
            return em.createQuery("SELECT h FROM FormRecordHistoryEntity h WHERE h.recordId = :id"
                    + " ORDER BY h.recordVersion", FormRecordHistoryEntity.class).setParameter("id", id)
                    .getResultList().stream().map(h -> new RevisionView(h.recordVersion(), h.formVersion(),
                            FormService.parse(h.dataJson()), h.changedBy(), h.changedAt().toInstant())).toList();
        });
    }

    /** Records the caller may read, newest first unless {@code sort} says otherwise ({@code submittedAt}, {@code id}). */
    Page<RecordView> list(Caller caller, String code, RecordQuery q, PageRequest page) {
        Access.require(caller, Permissions.FORM_READ);
        try {
            page.requireSortableBy(SORTABLE);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        return jpa.read(em -> {
            FormEntity form = forms.visibleForm(em, caller, code);
            DataScope readable = requireQuery(caller, form);
            JsonNode schema = forms.compiled(em, code, form.currentVersion()).schema();
            ScopeFilter scope = ScopeFilter.where(readable, "r.scopeCode", null);
            StringBuilder where = new StringBuilder("r.formCode = :code AND ").append(scope.jpql());
            Map<String, Object> params = new LinkedHashMap<>(scope.parameters());
            params.put("code", code);
            if (q.subjectId() != null) {
                where.append(" AND r.subjectId = :subject");
                params.put("subject", q.subjectId());
            }
            if (q.subjectKind() != null) {
                if (!HOUSE.equals(q.subjectKind()) && !RESIDENT.equals(q.subjectKind())) {
                    throw badParameter("subjectKind", "must be HOUSE or RESIDENT");
                }
                where.append(" AND r.subjectKind = :kind");
                params.put("kind", q.subjectKind());
            }
            if (q.region() != null) {
                RegionCode region = RegionCode.tryParse(q.region())
                        .orElseThrow(() -> badParameter("region", "must be a region code"));
                where.append(" AND r.scopeCode LIKE :under");
                params.put("under", region.prefix() + "%");
            }
            if (q.from() != null) {
                where.append(" AND r.submittedAt >= :from");
                params.put("from", Date.from(q.from()));
            }
            if (q.to() != null) {
                where.append(" AND r.submittedAt < :to");
                params.put("to", Date.from(q.to()));
            }
            if (q.fields().size() > MAX_FIELD_FILTERS) {
                throw ProblemException.badRequest("At most " + MAX_FIELD_FILTERS + " field filters at once");
            }
            Set<String> filterable = RecordFields.filterable(schema);
            int i = 0;
            for (Map.Entry<String, String> filter : q.fields().entrySet()) {
                String name = filter.getKey();
                if (!filterable.contains(name)) {
                    throw badParameter("field." + name, "is not a top-level field of form " + code
                            + "; filterable: " + filterable);
                }
                String value;
                try {
                    value = RecordFields.filterValue(schema.path("properties").path(name), filter.getValue());
                } catch (IllegalArgumentException e) {
                    throw badParameter("field." + name, e.getMessage());
                }
                // Names and values are bound parameters: nothing from the query string reaches the JPQL text.
                where.append(" AND EXISTS (SELECT x FROM FormRecordFieldEntity x WHERE x.recordId = r.id"
                        + " AND x.fieldName = :fieldName").append(i).append(" AND x.fieldValue = :fieldValue")
                        .append(i).append(')');
                params.put("fieldName" + i, name);
                params.put("fieldValue" + i, value);
                i++;
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(r) FROM FormRecordEntity r WHERE " + where,
                    Long.class);
            TypedQuery<FormRecordEntity> query = em.createQuery("SELECT r FROM FormRecordEntity r WHERE " + where
                    + " ORDER BY " + order(page), FormRecordEntity.class);
            for (Query each : List.<Query>of(count, query)) {
                params.forEach(each::setParameter);
            }
            List<RecordView> items = query.setFirstResult((int) page.offset()).setMaxResults(page.size())
                    .getResultList().stream().map(FormRecordService::view).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    private static String order(PageRequest page) {
        if (page.sort().isEmpty()) {
            return "r.submittedAt DESC, r.id DESC";
        }
        List<String> keys = new ArrayList<>();
        for (SortOrder o : page.sort()) {
            keys.add(("id".equals(o.property()) ? "r.id" : "r.submittedAt") + (o.descending() ? " DESC" : " ASC"));
        }
        keys.add("r.id DESC");
        return String.join(", ", keys);
    }

    private FormRecordEntity readable(EntityManager em, Caller caller, String code, long id) {
        FormEntity form = forms.visibleForm(em, caller, code);
        FormRecordEntity record = em.find(FormRecordEntity.class, id);
        if (record == null || !record.formCode().equals(code)
                || !covers(FormService.sharing(form).scopeFor(caller, Right.QUERY), record.scopeCode())) {
            throw ProblemException.notFound("No record " + id + " of form " + code);
        }
        return record;
    }

    private static DataScope requireEntry(Caller caller, FormEntity form, FormSharing sharing) {
        requireActive(form);
        DataScope entry = sharing.scopeFor(caller, Right.ENTRY);
        if (entry.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Form " + form.code()
                    + " does not take records from your level");
        }
        return entry;
    }

    private static DataScope requireQuery(Caller caller, FormEntity form) {
        DataScope query = FormService.sharing(form).scopeFor(caller, Right.QUERY);
        if (query.isEmpty()) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Form " + form.code()
                    + " does not share its records with your level");
        }
        return query;
    }

    private static void requireActive(FormEntity form) {
        if (!FormService.ACTIVE.equals(form.status())) {
            throw ProblemException.conflict("Form " + form.code() + " is retired and takes no records");
        }
    }

    /** The record's data checked against its schema; violations point into the request body ({@code /data/…}). */
    private static List<Violation> validate(CompiledForm schema, JsonNode data, Locale locale) {
        if (data == null) {
            return List.of(Violation.ofField("/data", Texts.of(locale, "is required", "必填")));
        }
        List<Violation> moved = new ArrayList<>();
        for (Violation v : FormSchemas.validate(schema, data, locale)) {
            moved.add(Violation.ofField(v.field() == null ? "/data" : "/data" + v.field(), v.message()));
        }
        return moved;
    }

    /** Writes the record's current state to its history and its field index. */
    private static void keep(EntityManager em, FormRecordEntity record, CompiledForm schema, Caller caller, Date at) {
        em.persist(new FormRecordHistoryEntity(record.id(), record.version(), record.formVersion(), record.dataJson(),
                caller.name(), at));
        RecordFields.index(FormService.parse(record.dataJson()), schema.schema())
                .forEach((name, value) -> em.persist(new FormRecordFieldEntity(record.id(), name, value)));
    }

    /**
     * The scope code of the subject, or {@code null} when there is no such subject. Read with SQL on the columns
     * every version of the registry has ({@code og_address.code}, {@code og_resident.id}, their {@code scope_code}),
     * so forms do not depend on how the house and resident entities evolve.
     */
    private static String subjectScope(EntityManager em, String kind, String subjectId) {
        Query q;
        if (HOUSE.equals(kind)) {
            if (!AddressCode.isValid(subjectId)) {
                return null;
            }
            q = em.createNativeQuery("SELECT scope_code FROM og_address WHERE code = ?1").setParameter(1, subjectId);
        } else {
            long id;
            try {
                id = Long.parseLong(subjectId);
            } catch (NumberFormatException e) {
                return null;
            }
            q = em.createNativeQuery("SELECT scope_code FROM og_resident WHERE id = ?1").setParameter(1, id);
        }
        List<?> rows = q.getResultList();
        return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toString().strip();
    }

    private static boolean covers(DataScope scope, String scopeCode) {
        return RegionCode.tryParse(scopeCode).map(scope::coversRegion).orElse(false);
    }

    private static ProblemException badParameter(String name, String reason) {
        return new ProblemException(ProblemType.INVALID_REQUEST, "Query parameter '" + name + "' " + reason,
                Map.of("parameter", name), null);
    }

    static RecordView view(FormRecordEntity r) {
        return new RecordView(r.id(), r.formCode(), r.formVersion(), r.subjectKind(), r.subjectId(), r.scopeCode(),
                FormService.parse(r.dataJson()), r.submittedBy(), r.submittedAt().toInstant(),
                r.revisedBy(), r.revisedAt() == null ? null : r.revisedAt().toInstant(), r.version());
    }
}
