package io.onegrid.persistence.internal.settings;

import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.settings.Setting;
import io.onegrid.api.settings.SettingsService;
import io.onegrid.persistence.api.JpaTransactions;
import io.onegrid.persistence.api.LikePatterns;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.persistence.EntityManagerFactory;
import javax.persistence.OptimisticLockException;
import javax.persistence.PersistenceException;
import javax.persistence.RollbackException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Settings in table {@code og_setting}, through the {@code onegrid-core} persistence unit. */
@Component(service = SettingsService.class)
public final class JpaSettingsService implements SettingsService {

    private final JpaTransactions jpa;

    @Activate
    public JpaSettingsService(
            @Reference(target = "(osgi.unit.name=onegrid-core)") EntityManagerFactory emf,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=core)") ModuleSchema schema) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public Optional<Setting> find(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return jpa.read(em -> Optional.ofNullable(em.find(SettingEntity.class, key)).map(SettingEntity::toRecord));
    }

    @Override
    public Page<Setting> list(String prefix, PageRequest page) {
        String p = prefix == null ? "" : prefix.strip();
        if (!p.isEmpty() && !p.matches("[a-z0-9._-]+")) {
            throw ProblemException.badRequest("A settings prefix holds lower-case letters, digits, '.', '-' and '_' only");
        }
        String pattern = LikePatterns.startingWith(p);
        return jpa.read(em -> {
            long total = em.createQuery("SELECT COUNT(s) FROM SettingEntity s WHERE s.key LIKE :p ESCAPE '\\'",
                    Long.class).setParameter("p", pattern).getSingleResult();
            List<Setting> items = em.createQuery(
                    "SELECT s FROM SettingEntity s WHERE s.key LIKE :p ESCAPE '\\' ORDER BY s.key", SettingEntity.class)
                    .setParameter("p", pattern)
                    .setFirstResult((int) page.offset())
                    .setMaxResults(page.size())
                    .getResultList().stream().map(SettingEntity::toRecord).toList();
            return Page.of(items, total, page);
        });
    }

    @Override
    public Setting put(String key, String value, Long expectedVersion) {
        validate(key, value);
        try {
            return jpa.inTransaction(em -> {
                SettingEntity entity = em.find(SettingEntity.class, key);
                long stored = entity == null ? 0 : entity.version();
                if (expectedVersion != null && expectedVersion != stored) {
                    throw ProblemException.conflict("Setting '" + key + "' is at version " + stored + ", not "
                            + expectedVersion + "; read it again before changing it");
                }
                if (entity == null) {
                    entity = new SettingEntity(key);
                    entity.change(value, new Date());
                    em.persist(entity);
                } else {
                    entity.change(value, new Date());
                }
                em.flush();
                return entity;
            }).toRecord();
        } catch (OptimisticLockException | RollbackException e) {
            throw ProblemException.conflict("Setting '" + key + "' was changed at the same time; read it again");
        } catch (PersistenceException e) {
            // A concurrent insert of the same key loses on the primary key.
            if (find(key).isPresent()) {
                throw ProblemException.conflict("Setting '" + key + "' was created at the same time; read it again");
            }
            throw e;
        }
    }

    @Override
    public boolean remove(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return false;
        }
        return jpa.inTransaction(em -> {
            SettingEntity entity = em.find(SettingEntity.class, key);
            if (entity == null) {
                return false;
            }
            em.remove(entity);
            return true;
        });
    }

    static void validate(String key, String value) {
        List<Violation> violations = new ArrayList<>();
        if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            violations.add(Violation.ofField("key", "lower-case letters and digits joined by '.', '-' or '_', at most "
                    + MAX_KEY_LENGTH + " characters"));
        }
        if (value == null) {
            violations.add(Violation.ofField("/value", "is required"));
        } else if (value.length() > MAX_VALUE_LENGTH) {
            violations.add(Violation.ofField("/value", "at most " + MAX_VALUE_LENGTH + " characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The setting was not saved", violations);
        }
    }
}
