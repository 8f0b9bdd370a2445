package io.onegrid.address.internal.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.address.internal.collect.FormSharing.Right;
import io.onegrid.address.internal.entity.FormEntity;
import io.onegrid.address.internal.entity.FormVersionEntity;
import io.onegrid.address.internal.forms.CompiledForm;
import io.onegrid.address.internal.forms.FormSchemas;
import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.forms.FormCatalog;
import io.onegrid.api.forms.FormDefinition;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.identity.RegionService;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.RollbackException;
import javax.persistence.TypedQuery;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Collection forms (随用随摸排) in {@code og_form} and {@code og_form_version}: definition, revision (each changed
 * schema becomes a new, immutable version) and reads, with the sharing rule of {@link FormSharing}.
 */
@Component(service = {FormService.class, FormCatalog.class})
public final class FormService implements FormCatalog {

    static final String ACTIVE = "ACTIVE";
    static final String RETIRED = "RETIRED";
    static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,47}");
    static final int MAX_TITLE = 100;
    /** Compiled versions kept; far more than a county defines, small enough that a flood of revisions cannot hurt. */
    private static final int CACHE_LIMIT = 512;

    static final ObjectMapper JSON = new ObjectMapper();

    private final JpaTransactions jpa;
    private final RegionService regions;
    private final AuditLog audit;
    /** Versions never change, so a compiled one stays valid for good. Key: {@code code#version}. */
    private final Map<String, CompiledForm> compiled = new ConcurrentHashMap<>();

    @Activate
    public FormService(@Reference(target = "(osgi.unit.name=onegrid-address)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            @Reference RegionService regions, @Reference AuditLog audit) {
        this(emf, regions, audit);
    }

    FormService(EntityManagerFactory emf, RegionService regions, AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.regions = regions;
        this.audit = audit;
    }

    JpaTransactions jpa() {
        return jpa;
    }

    AuditLog audit() {
        return audit;
    }

    // ---- reads ------------------------------------------------------------------------------------------------------

    /** The forms the caller sees (see {@link FormSharing}), by code, without their schemas. */
    Page<FormView> list(Caller caller, PageRequest page) {
        Access.require(caller, Permissions.FORM_READ);
        FormSharing.Filter visible = FormSharing.visibleFormsFilter(caller);
        return jpa.read(em -> {
            TypedQuery<Long> count = visible.bind(em.createQuery(
                    "SELECT COUNT(f) FROM FormEntity f WHERE " + visible.jpql(), Long.class));
            List<FormView> items = visible.bind(em.createQuery(
                    "SELECT f FROM FormEntity f WHERE " + visible.jpql() + " ORDER BY f.code", FormEntity.class))
                    .setFirstResult((int) page.offset()).setMaxResults(page.size()).getResultList().stream()
                    .map(f -> view(caller, f, null)).toList();
            return Page.of(items, count.getSingleResult(), page);
        });
    }

    FormView get(Caller caller, String code) {
        Access.require(caller, Permissions.FORM_READ);
        return jpa.read(em -> {
            FormEntity form = visibleForm(em, caller, code);
            return view(caller, form, schemaOf(em, code, form.currentVersion()));
        });
    }

    FormVersionView version(Caller caller, String code, int number) {
        Access.require(caller, Permissions.FORM_READ);
        return jpa.read(em -> {
            visibleForm(em, caller, code);
            FormVersionEntity v = findVersion(em, code, number)
                    .orElseThrow(() -> ProblemException.notFound("Form " + code + " has no version " + number));
            return new FormVersionView(code, v.versionNo(), parse(v.schemaJson()), v.createdBy(),
                    v.createdAt().toInstant());
        });
    }

    @Override
    public boolean exists(Caller caller, String code) {
        return code != null && jpa.read(em -> {
            FormEntity form = em.find(FormEntity.class, code);
            return form != null && sharing(form).visibleTo(caller);
        });
    }

    /** The form, when the caller sees it; 404 otherwise, the same answer as for a form that does not exist. */
    FormEntity visibleForm(EntityManager em, Caller caller, String code) {
        FormEntity form = code == null ? null : em.find(FormEntity.class, code);
        if (form == null || !sharing(form).visibleTo(caller)) {
            throw ProblemException.notFound("No form " + code);
        }
        return form;
    }

    static FormSharing sharing(FormEntity form) {
        return FormSharing.stored(form.ownerRegion(), form.entryLevels(), form.queryLevels());
    }

    /** The compiled schema of a version; compiled once per version and node. */
    CompiledForm compiled(EntityManager em, String code, int version) {
        String key = code + "#" + version;
        CompiledForm form = compiled.get(key);
        if (form == null) {
            form = FormSchemas.compile(schemaOf(em, code, version));
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(key, form);
        }
        return form;
    }

    private JsonNode schemaOf(EntityManager em, String code, int version) {
        return parse(findVersion(em, code, version).orElseThrow(() -> new IllegalStateException(
                "form " + code + " lacks its version " + version)).schemaJson());
    }

    private static Optional<FormVersionEntity> findVersion(EntityManager em, String code, int version) {
        return em.createQuery("SELECT v FROM FormVersionEntity v WHERE v.formCode = :code AND v.versionNo = :n",
                FormVersionEntity.class).setParameter("code", code).setParameter("n", version).getResultList()
                .stream().findFirst();
    }

    private FormView view(Caller caller, FormEntity f, JsonNode schema) {
        FormSharing sharing = sharing(f);
        Rights rights = new Rights(
                caller.hasPermission(Permissions.FORM_DEFINE) && caller.scope().coversRegion(sharing.owner()),
                caller.hasPermission(Permissions.FORM_SUBMIT) && ACTIVE.equals(f.status())
                        && !sharing.scopeFor(caller, Right.ENTRY).isEmpty(),
                caller.hasPermission(Permissions.FORM_READ) && !sharing.scopeFor(caller, Right.QUERY).isEmpty());
        return new FormView(f.code(), f.titleZh(), f.titleEn(), f.ownerRegion(),
                new Sharing(sharing.entryNames(), sharing.queryNames()), f.status(), f.currentVersion(),
                f.createdBy(), f.createdAt().toInstant(), f.updatedAt().toInstant(), rights, schema);
    }

    // ---- define and revise ------------------------------------------------------------------------------------------

    @Override
    public int define(Caller caller, FormDefinition d) {
        JsonNode schema;
        try {
            schema = d.schemaJson() == null ? null : JSON.readTree(d.schemaJson());
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("The form was refused",
                    List.of(Violation.ofField("/schema", "is not well-formed JSON")));
        }
        return define(caller, new NewFormBody(d.code(), d.titleZh(), d.titleEn(), d.ownerRegion(),
                new Sharing(d.entryLevels(), d.queryLevels()), schema), Locale.ENGLISH).currentVersion();
    }

    /**
     * Defines a form at version 1. The owner region must lie in the caller's scope: a town operator defines forms
     * for the town or one of its villages, never for the county.
     */
    FormView define(Caller caller, NewFormBody body, Locale locale) {
        Access.require(caller, Permissions.FORM_DEFINE);
        List<Violation> violations = new ArrayList<>();
        String code = body.code() == null ? null : body.code().strip();
        if (code == null || !CODE.matcher(code).matches()) {
            violations.add(Violation.ofField("/code", Texts.of(locale,
                    "must be 2 to 48 lower-case letters, digits and dashes, starting with a letter",
                    "应为 2 到 48 个小写字母、数字或连字符，以字母开头")));
        }
        String titleZh = checkTitle(body.titleZh(), true, "/titleZh", violations, locale);
        String titleEn = checkTitle(body.titleEn(), false, "/titleEn", violations, locale);
        Sharing given = body.sharing() == null ? new Sharing(List.of(), List.of()) : body.sharing();
        String owner = body.ownerRegion() == null ? null : body.ownerRegion().strip();
        List<Violation> sharingViolations = FormSharing.check(owner, given.entry(), given.query(), "/sharing", locale);
        violations.addAll(sharingViolations);
        if (sharingViolations.stream().noneMatch(v -> "/ownerRegion".equals(v.field()))
                && (regions.find(caller, owner).isEmpty()
                        || !caller.scope().coversRegion(RegionCode.parse(owner)))) {
            violations.add(Violation.ofField("/ownerRegion", Texts.of(locale,
                    "is no region in your scope", "不是您管辖范围内的区划")));
        }
        CompiledForm compiledSchema = compileInto(body.schema(), true, violations, locale);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The form was refused", violations);
        }
        FormSharing sharing = FormSharing.parse(owner, given.entry(), given.query());
        String schemaText = text(compiledSchema.schema());
        try {
            jpa.run(em -> {
                if (em.find(FormEntity.class, code) != null) {
                    throw ProblemException.conflict("A form with the code " + code + " exists already");
                }
                Date now = new Date();
                FormEntity form = new FormEntity(code, owner, caller.name(), now);
                form.describe(titleZh, titleEn, sharing.entryColumn(), sharing.queryColumn(), ACTIVE, now);
                em.persist(form);
                em.persist(new FormVersionEntity(code, 1, schemaText, caller.name(), now));
            });
        } catch (PersistenceException e) {
            // Two definitions of one code at the same time: the primary key lets one of them in.
            if (jpa.read(em -> em.find(FormEntity.class, code)) != null) {
                throw ProblemException.conflict("A form with the code " + code + " was defined at the same time");
            }
            throw e;
        }
        audit.record(new AuditEvent(caller.name(), "form.defined", "form:" + code,
                "owner " + owner + ", entry " + sharing.entryNames() + ", query " + sharing.queryNames(), null));
        return get(caller, code);
    }

    /**
     * Changes titles, sharing or status in place, and makes a changed schema the next version. Only the owner region
     * or a region above it revises a form; levels it is shared with may not.
     */
    FormView revise(Caller caller, String code, FormChangeBody body, Locale locale) {
        Access.require(caller, Permissions.FORM_DEFINE);
        FormEntity current = jpa.read(em -> visibleForm(em, caller, code));
        FormSharing currentSharing = sharing(current);
        if (!caller.scope().coversRegion(currentSharing.owner())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Form " + code + " belongs to "
                    + current.ownerRegion() + "; only that region or one above it may revise it");
        }
        List<Violation> violations = new ArrayList<>();
        String titleZh = body.titleZh() == null ? current.titleZh()
                : checkTitle(body.titleZh(), true, "/titleZh", violations, locale);
        String titleEn = body.titleEn() == null ? current.titleEn()
                : checkTitle(body.titleEn(), false, "/titleEn", violations, locale);
        FormSharing sharing = currentSharing;
        if (body.sharing() != null) {
            List<Violation> v = FormSharing.check(current.ownerRegion(), body.sharing().entry(),
                    body.sharing().query(), "/sharing", locale);
            violations.addAll(v);
            if (v.isEmpty()) {
                sharing = FormSharing.parse(current.ownerRegion(), body.sharing().entry(), body.sharing().query());
            }
        }
        String status = body.status() == null ? current.status() : body.status().strip();
        if (!ACTIVE.equals(status) && !RETIRED.equals(status)) {
            violations.add(Violation.ofField("/status", Texts.of(locale, "must be ACTIVE or RETIRED",
                    "应为 ACTIVE 或 RETIRED")));
        }
        CompiledForm newSchema = compileInto(body.schema(), false, violations, locale);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The change of form " + code + " was refused", violations);
        }
        FormSharing newSharing = sharing;
        int[] version = new int[1];
        try {
            jpa.run(em -> {
                FormEntity form = em.find(FormEntity.class, code);
                if (form == null || form.version() != current.version()) {
                    throw ProblemException.conflict("Form " + code + " was changed at the same time; read it again");
                }
                Date now = new Date();
                form.describe(titleZh, titleEn, newSharing.entryColumn(), newSharing.queryColumn(), status, now);
                version[0] = form.currentVersion();
                if (newSchema != null && !newSchema.schema().equals(schemaOf(em, code, form.currentVersion()))) {
                    version[0] = form.currentVersion() + 1;
                    em.persist(new FormVersionEntity(code, version[0], text(newSchema.schema()), caller.name(), now));
                    form.currentVersion(version[0], now);
                }
            });
        } catch (OptimisticLockException | RollbackException e) {
            throw ProblemException.conflict("Form " + code + " was changed at the same time; read it again");
        }
        audit.record(new AuditEvent(caller.name(), "form.revised", "form:" + code, "version " + version[0]
                + ", status " + status + ", entry " + newSharing.entryNames() + ", query " + newSharing.queryNames(),
                null));
        return get(caller, code);
    }

    private static String checkTitle(String title, boolean required, String at, List<Violation> violations,
            Locale locale) {
        String t = title == null ? null : title.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                violations.add(Violation.ofField(at, Texts.of(locale, "is required", "必填")));
            }
            return null;
        }
        if (t.length() > MAX_TITLE) {
            violations.add(Violation.ofField(at, Texts.of(locale, "must be at most " + MAX_TITLE
                    + " characters long", "不能超过 " + MAX_TITLE + " 个字符")));
        }
        return t;
    }

    /** Compiles a schema given in a body; its violations are reported below {@code /schema}. */
    private static CompiledForm compileInto(JsonNode schema, boolean required, List<Violation> violations,
            Locale locale) {
        if (schema == null || schema.isNull()) {
            if (required) {
                violations.add(Violation.ofField("/schema", Texts.of(locale, "is required", "必填")));
            }
            return null;
        }
        try {
            return FormSchemas.compile(schema, locale);
        } catch (ProblemException e) {
            if (!ProblemType.VALIDATION_FAILED.equals(e.type())) {
                throw e;
            }
            violations.addAll(under("/schema", e));
            return null;
        }
    }

    /** The violations of a refusal, with their pointers moved below {@code prefix}. */
    static List<Violation> under(String prefix, ProblemException e) {
        List<Violation> moved = new ArrayList<>();
        if (e.extensions().get("errors") instanceof List<?> errors) {
            for (Object o : errors) {
                Violation v = (Violation) o;
                moved.add(Violation.ofField(v.field() == null ? prefix : prefix + v.field(), v.message()));
            }
        }
        return moved;
    }

    static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not well-formed", e);
        }
    }
}
