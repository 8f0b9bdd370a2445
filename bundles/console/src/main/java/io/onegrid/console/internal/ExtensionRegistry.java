package io.onegrid.console.internal;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.api.security.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console extensions registered right now. Plugins come and go at run time, so the reference is dynamic: an
 * extension appears in the console's menu while its service is registered and disappears with it. An extension whose
 * description is unusable (no id, a URL on another server) is left out with a warning rather than shown broken.
 */
@Component(service = ExtensionRegistry.class)
public final class ExtensionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    /** Same origin only (the console's CSP allows nothing else): an absolute path, not "//host/...". */
    private static final Pattern URL = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

    /** What the console receives about one extension. */
    public record View(String id, String titleZh, String titleEn, String kind, String url, String permission,
            String module) {
    }

    private record Entry(long serviceId, ConsoleExtension extension) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindExtension(ConsoleExtension extension, Map<String, Object> properties) {
        long id = serviceId(properties);
        if (!usable(extension)) {
            LOG.warn("Console extension {} (service {}) is left out: it needs an id of lower-case letters, digits and"
                    + " dashes, both titles, a kind and a URL that is an absolute path on this server",
                    extension.getClass().getName(), id);
            return;
        }
        entries.put(id, new Entry(id, extension));
    }

    void unbindExtension(ConsoleExtension extension, Map<String, Object> properties) {
        entries.remove(serviceId(properties));
    }

    private static long serviceId(Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_ID);
        return id instanceof Long l ? l : -1L;
    }

    static boolean usable(ConsoleExtension e) {
        try {
            return e.id() != null && ID.matcher(e.id()).matches() && notBlank(e.titleZh()) && notBlank(e.titleEn())
                    && e.kind() != null && e.url() != null && URL.matcher(e.url()).matches()
                    && !e.url().startsWith("//") && e.permission() != null;
        } catch (RuntimeException failed) {
            return false;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * The extensions {@code caller} may see, ordered by kind and id; when two services claim the same id, the one
     * registered first wins (the other is a mistake of a plugin and should not replace a working page).
     */
    public List<View> visibleTo(Caller caller) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::serviceId));
        Map<String, View> byId = new LinkedHashMap<>();
        for (Entry entry : sorted) {
            ConsoleExtension e = entry.extension();
            String permission;
            View view;
            try {
                permission = e.permission().filter(p -> !p.isBlank()).orElse(null);
                if (permission != null && !caller.hasPermission(permission)) {
                    continue;
                }
                view = new View(e.id(), e.titleZh(), e.titleEn(), e.kind().name(), e.url(), permission,
                        isModule(e.url()) ? "module" : "frame");
            } catch (RuntimeException failed) {
                LOG.warn("Console extension {} failed to describe itself; it is left out", entry.serviceId(), failed);
                continue;
            }
            byId.putIfAbsent(view.id(), view);
        }
        List<View> views = new ArrayList<>(byId.values());
        views.sort(Comparator.comparing(View::kind).thenComparing(View::id));
        return views;
    }

    static boolean isModule(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        return path.endsWith(".js") || path.endsWith(".mjs");
    }
}
