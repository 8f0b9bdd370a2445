package io.onegrid.api.console;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's page or dashboard panel in the web console. Register an implementation as an OSGi service; the console
 * lists it ({@code GET /api/v1/console/extensions}) only while the service is registered, and only to callers holding
 * {@link #permission()}.
 *
 * <p>The plugin serves its own content through the HTTP whiteboard, on the same origin as the console (the console's
 * Content-Security-Policy allows scripts and frames from {@code 'self'} only). A {@link #url()} ending in {@code .js}
 * or {@code .mjs} is an ES module that the console imports; its default export is called as
 * {@code mount(element, context)} where {@code context} offers {@code api(path, options)} (authorised fetch under
 * {@code /api/v1}), {@code lang} ({@code "zh"} or {@code "en"}), {@code t(key)}, {@code can(permission)}, {@code me}
 * (the signed-in caller as {@code GET /api/v1/me} answers it) and, for a page, {@code path} (the route's segments
 * after the extension's id: {@code #/ext/flood-monitor/WL-0001} gives {@code ["WL-0001"]}) and {@code params} (its
 * query), so that a plugin can link inside its own page. Any other URL is shown in a frame. A module renders user
 * text with {@code textContent}, never {@code innerHTML}.
 */
@ConsumerType
public interface ConsoleExtension {

    /** Where the console shows an extension. */
    enum Kind {
        /** An entry in the menu opening a page of its own. */
        PAGE,
        /** A panel on the dashboard. */
        DASHBOARD_PANEL
    }

    /** A stable identifier, unique among extensions: lower-case letters, digits and dashes, e.g. {@code flood-map}. */
    String id();

    /** The title in Simplified Chinese. */
    String titleZh();

    /** The title in English. */
    String titleEn();

    Kind kind();

    /** An absolute path on the same server, e.g. {@code /plugins/flood/console.js}. */
    String url();

    /** The permission a caller needs to see the extension; empty when every signed-in caller may. */
    default Optional<String> permission() {
        return Optional.empty();
    }
}
