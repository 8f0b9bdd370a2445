package io.onegrid.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.console.ConsoleExtension;
import io.onegrid.api.security.Caller;
import io.onegrid.api.security.DataScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class ExtensionRegistryTest {

    record Ext(String id, String titleZh, String titleEn, Kind kind, String url, Optional<String> permission)
            implements ConsoleExtension {
    }

    private static Caller caller(String... permissions) {
        return new Caller("u", "U", Caller.Kind.USER, 1L, Set.of(), Set.of(permissions), DataScope.unrestricted());
    }

    private static Map<String, Object> props(long id) {
        return Map.of(Constants.SERVICE_ID, id);
    }

    @Test
    void anExtensionIsListedWhileRegisteredAndGoneAfterwards() {
        ExtensionRegistry registry = new ExtensionRegistry();
        Ext flood = new Ext("flood-map", "汛情", "Flood", ConsoleExtension.Kind.PAGE, "/plugins/flood/page.js",
                Optional.empty());
        registry.bindExtension(flood, props(7));
        List<ExtensionRegistry.View> views = registry.visibleTo(caller());
        assertEquals(1, views.size());
        assertEquals("flood-map", views.get(0).id());
        assertEquals("PAGE", views.get(0).kind());
        assertEquals("module", views.get(0).module());
        registry.unbindExtension(flood, props(7));
        assertTrue(registry.visibleTo(caller()).isEmpty());
    }

    @Test
    void aPermissionHidesTheExtensionFromCallersWithoutIt() {
        ExtensionRegistry registry = new ExtensionRegistry();
        registry.bindExtension(new Ext("fire", "火情", "Fire", ConsoleExtension.Kind.DASHBOARD_PANEL,
                "/plugins/fire/panel.html", Optional.of("fire.read")), props(1));
        assertTrue(registry.visibleTo(caller("workorder.read")).isEmpty());
        ExtensionRegistry.View view = registry.visibleTo(caller("fire.read")).get(0);
        assertEquals("frame", view.module());
        assertEquals("fire.read", view.permission());
        assertEquals(1, registry.visibleTo(caller("*")).size());
    }

    @Test
    void unusableDescriptionsAreLeftOut() {
        assertFalse(ExtensionRegistry.usable(new Ext("Bad Id", "a", "b", ConsoleExtension.Kind.PAGE, "/x.js",
                Optional.empty())));
        assertFalse(ExtensionRegistry.usable(new Ext("ok", "a", "b", ConsoleExtension.Kind.PAGE,
                "https://evil.example/x.js", Optional.empty())));
        assertFalse(ExtensionRegistry.usable(new Ext("ok", "a", "b", ConsoleExtension.Kind.PAGE, "//evil/x.js",
                Optional.empty())));
        assertFalse(ExtensionRegistry.usable(new Ext("ok", "", "b", ConsoleExtension.Kind.PAGE, "/x.js",
                Optional.empty())));
        assertFalse(ExtensionRegistry.usable(new Ext("ok", "a", "b", null, "/x.js", Optional.empty())));
        assertTrue(ExtensionRegistry.usable(new Ext("ok", "a", "b", ConsoleExtension.Kind.PAGE, "/x.js?v=1",
                Optional.empty())));
        ExtensionRegistry registry = new ExtensionRegistry();
        registry.bindExtension(new Ext("ok", "a", "b", ConsoleExtension.Kind.PAGE, "javascript:alert(1)",
                Optional.empty()), props(3));
        assertTrue(registry.visibleTo(caller()).isEmpty());
    }

    @Test
    void theFirstRegisteredOfTwoWithTheSameIdWins() {
        ExtensionRegistry registry = new ExtensionRegistry();
        registry.bindExtension(new Ext("same", "后", "later", ConsoleExtension.Kind.PAGE, "/b.js", Optional.empty()),
                props(9));
        registry.bindExtension(new Ext("same", "先", "first", ConsoleExtension.Kind.PAGE, "/a.js", Optional.empty()),
                props(4));
        List<ExtensionRegistry.View> views = registry.visibleTo(caller());
        assertEquals(1, views.size());
        assertEquals("/a.js", views.get(0).url());
    }
}
