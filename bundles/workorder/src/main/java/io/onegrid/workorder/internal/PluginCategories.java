package io.onegrid.workorder.internal;

import io.onegrid.api.security.Caller;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.workorder.CategoryCatalog;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Categories added by plugins: created through the same checks as the console's, never changed once they exist. */
@Component(service = CategoryCatalog.class)
public final class PluginCategories implements CategoryCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCategories.class);

    private final Categories categories;

    @Activate
    public PluginCategories(@Reference WorkOrderKernel kernel) {
        this(kernel.categories());
    }

    PluginCategories(Categories categories) {
        this.categories = categories;
    }

    @Override
    public boolean ensure(Definition d) {
        if (categories.find(d.code()).isPresent()) {
            return false;
        }
        if (!Categories.MINOR.matcher(d.code()).matches()) {
            throw ProblemException.invalid("The category was not added", List.of(Violation.ofField("/code",
                    "a plugin adds minor categories: 4 digits under an existing major category")));
        }
        SlaKind kind;
        try {
            kind = SlaKind.valueOf(d.slaKind().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("The category was not added", List.of(Violation.ofField("/slaKind",
                    "URGENT, DIFFICULT, MAJOR or ROUTINE")));
        }
        try {
            categories.save(Caller.SYSTEM, new Category(d.code(), null, d.nameZh(), d.nameEn(), null,
                    d.defaultLevel(), kind, true, 0, d.slaDays()), true);
        } catch (ProblemException e) {
            if (categories.find(d.code()).isPresent()) {
                return false; // another node added it meanwhile
            }
            throw e;
        }
        LOG.info("Category {} {} added for a plugin", d.code(), d.nameZh());
        return true;
    }

    @Override
    public boolean takesReports(String code) {
        return code != null && categories.find(code).map(Category::enabled).orElse(false);
    }
}
