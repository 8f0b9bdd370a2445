package io.onegrid.workorder.internal;

import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The event categories ({@code og_wo_category}). Reading is public: the residents' QR page lists them. */
final class Categories {

    static final Pattern MAJOR = Pattern.compile("[0-9]{2}");
    static final Pattern MINOR = Pattern.compile("[0-9]{4}");

    private final JpaTransactions jpa;
    private final DepartmentService departments;
    /** Told after every committed change (intake then forgets its recent answers). */
    private volatile Runnable changed = () -> { };

    Categories(JpaTransactions jpa, DepartmentService departments) {
        this.jpa = jpa;
        this.departments = departments;
    }

    void onChange(Runnable listener) {
        this.changed = listener;
    }

    private <T> T committed(T result) {
        changed.run();
        return result;
    }

    Optional<Category> find(String code) {
        return jpa.read(em -> Optional.ofNullable(em.find(CategoryEntity.class, code)).map(CategoryEntity::toRecord));
    }

    /** Every category, majors each followed by their minors. */
    List<Category> all() {
        return jpa.read(em -> em.createQuery("SELECT c FROM CategoryEntity c ORDER BY c.code", CategoryEntity.class)
                .getResultList().stream().map(CategoryEntity::toRecord).toList());
    }

    /**
     * Creates ({@code create}) or changes a category. Codes never change: orders keep theirs.
     *
     * @throws ProblemException validation-failed, conflict (exists, or stale version), not-found
     */
    Category save(Caller caller, Category c, boolean create) {
        Access.require(caller, Permissions.CATEGORY_WRITE);
        List<Violation> errors = new ArrayList<>();
        String code = c.code() == null ? "" : c.code().strip();
        boolean minor = MINOR.matcher(code).matches();
        if (!minor && !MAJOR.matcher(code).matches()) {
            errors.add(Violation.ofField("/code", "2 digits (major) or 4 digits (minor)"));
        }
        if (blank(c.nameZh()) || c.nameZh().length() > 100) {
            errors.add(Violation.ofField("/nameZh", "required, at most 100 characters"));
        }
        if (blank(c.nameEn()) || c.nameEn().length() > 100) {
            errors.add(Violation.ofField("/nameEn", "required, at most 100 characters"));
        }
        String department = blank(c.department()) ? null : c.department().strip();
        if (department != null && departments.find(department).isEmpty()) {
            errors.add(Violation.ofField("/department", "no department '" + department + "'"));
        }
        if (c.defaultLevel() < 1 || c.defaultLevel() > 4) {
            errors.add(Violation.ofField("/defaultLevel", "1 (general) to 4 (most severe)"));
        }
        if (c.slaKind() == null) {
            errors.add(Violation.ofField("/slaKind", "URGENT, DIFFICULT, MAJOR or ROUTINE"));
        } else if (c.slaKind() == SlaKind.ROUTINE && (c.slaDays() == null || c.slaDays() < 1 || c.slaDays() > 60)) {
            errors.add(Violation.ofField("/slaDays", "a routine category's limit: 1 to 60 working days"));
        } else if (c.slaKind() != SlaKind.ROUTINE && c.slaDays() != null) {
            errors.add(Violation.ofField("/slaDays", "only routine categories have a limit of their own"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The category was not saved", errors);
        }
        String parent = minor ? code.substring(0, 2) : null;
        return committed(jpa.inTransaction(em -> {
            CategoryEntity e = em.find(CategoryEntity.class, code);
            if (create) {
                if (e != null) {
                    throw ProblemException.conflict("Category " + code + " exists; change it with PUT");
                }
                if (parent != null && em.find(CategoryEntity.class, parent) == null) {
                    throw ProblemException.invalid("The category was not saved", List.of(Violation.ofField("/code",
                            "its major category " + parent + " does not exist")));
                }
                e = new CategoryEntity(code, parent);
                em.persist(e);
            } else {
                if (e == null) {
                    throw ProblemException.notFound("No category " + code);
                }
                if (c.version() != 0 && c.version() != e.toRecord().version()) {
                    throw new ProblemException(io.onegrid.api.problem.ProblemType.CONFLICT, "Category " + code
                            + " was changed by someone else; reload it", Map.of("currentVersion",
                            e.toRecord().version()), null);
                }
            }
            e.update(c.nameZh().strip(), c.nameEn().strip(), department, c.defaultLevel(), c.slaKind().name(),
                    c.enabled(), c.slaDays());
            em.flush();
            return e.toRecord();
        }));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
