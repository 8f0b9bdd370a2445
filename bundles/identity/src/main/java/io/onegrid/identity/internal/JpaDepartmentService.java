package io.onegrid.identity.internal;

import io.onegrid.api.audit.AuditEvent;
import io.onegrid.api.audit.AuditLog;
import io.onegrid.api.identity.Department;
import io.onegrid.api.identity.DepartmentService;
import io.onegrid.api.identity.Permissions;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.Access;
import io.onegrid.api.security.Caller;
import io.onegrid.identity.internal.entity.DepartmentEntity;
import io.onegrid.identity.internal.entity.RegionEntity;
import io.onegrid.persistence.api.JpaTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.persistence.EntityManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Departments in {@code og_department}. Their names are public to every signed-in caller; changing them is not. */
@Component(service = DepartmentService.class)
public final class JpaDepartmentService implements DepartmentService {

    static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final JpaTransactions jpa;
    private final AuditLog audit;

    @Activate
    public JpaDepartmentService(@Reference(target = "(osgi.unit.name=onegrid-identity)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=identity)") ModuleSchema schema,
            @Reference AuditLog audit) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
    }

    @Override
    public Optional<Department> find(String code) {
        return code == null ? Optional.empty()
                : jpa.read(em -> Optional.ofNullable(em.find(DepartmentEntity.class, code)).map(DepartmentEntity::toRecord));
    }

    @Override
    public List<Department> all() {
        return jpa.read(em -> em.createQuery("SELECT d FROM DepartmentEntity d ORDER BY d.code", DepartmentEntity.class)
                .getResultList().stream().map(DepartmentEntity::toRecord).toList());
    }

    @Override
    public Department save(Caller caller, Department department, boolean create) {
        Access.require(caller, Permissions.DEPARTMENT_WRITE);
        List<Violation> errors = new ArrayList<>();
        if (department.code() == null || department.code().length() > 64 || !CODE.matcher(department.code()).matches()) {
            errors.add(Violation.ofField("/code", "lower-case words joined by dashes, at most 64 characters"));
        }
        if (department.name() == null || department.name().isBlank() || department.name().length() > 100) {
            errors.add(Violation.ofField("/name", "1 to 100 characters"));
        }
        if (department.regionCodes().isEmpty()) {
            errors.add(Violation.ofField("/regionCodes", "name the regions the department serves"));
        }
        for (String code : department.regionCodes()) {
            Optional<RegionCode> parsed = RegionCode.tryParse(code);
            if (parsed.isEmpty() || jpa.read(em -> em.find(RegionEntity.class, code)) == null) {
                errors.add(Violation.ofField("/regionCodes", "no region " + code));
            } else if (!caller.scope().coversRegion(parsed.get())) {
                errors.add(Violation.ofField("/regionCodes", "region " + code + " lies outside your scope"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The department was not saved", errors);
        }
        Department saved = jpa.inTransaction(em -> {
            DepartmentEntity entity = em.find(DepartmentEntity.class, department.code());
            if (create && entity != null) {
                throw ProblemException.conflict("Department '" + department.code() + "' exists already");
            }
            if (!create && entity == null) {
                throw ProblemException.notFound("No department '" + department.code() + "'");
            }
            if (entity == null) {
                entity = new DepartmentEntity(department);
                em.persist(entity);
            } else {
                entity.change(department.name().strip(), department.regionCodes());
            }
            return entity.toRecord();
        });
        audit.record(new AuditEvent(caller.name(), create ? "department.created" : "department.changed",
                "department:" + saved.code(), saved.name() + " serves " + saved.regionCodes(), null));
        return saved;
    }
}
