package io.onegrid.persistence.internal.settings;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.rest.RestResource;
import io.onegrid.api.rest.RestResponse;
import io.onegrid.api.rest.Routes;
import io.onegrid.api.settings.Setting;
import io.onegrid.api.settings.SettingsService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/settings}: read and change installation settings. */
@Component(service = RestResource.class)
public final class SettingsResource implements RestResource {

    /** Body of {@code PUT /settings/{key}}; {@code version} makes the change conditional. */
    public record SettingChange(String value, Long version) {
    }

    private final SettingsService settings;

    @Activate
    public SettingsResource(@Reference SettingsService settings) {
        this.settings = settings;
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/settings", req -> settings.list(req.query("prefix").orElse(""), req.pageRequest()))
                .summary("List settings, optionally those whose key starts with a prefix").tag("settings")
                .queryParam("prefix", "key prefix, e.g. county.").paged().returnsPage(Setting.class)
                .permission("settings.read");
        routes.get("/settings/{key}", req -> settings.find(req.pathParam("key"))
                        .orElseThrow(() -> ProblemException.notFound("No setting '" + req.pathParam("key") + "'")))
                .summary("Read one setting").tag("settings").returns(Setting.class).permission("settings.read");
        routes.put("/settings/{key}", req -> {
            String key = req.pathParam("key");
            SettingChange change = req.body(SettingChange.class);
            boolean existed = settings.find(key).isPresent();
            Setting saved = settings.put(key, change.value(), change.version());
            return existed ? saved : RestResponse.created("/api/v1/settings/" + key, saved);
        }).summary("Create or change a setting; give the version read to change it only if nobody else did")
                .tag("settings").accepts(SettingChange.class).returns(Setting.class).permission("settings.write");
        routes.delete("/settings/{key}", req -> {
            if (!settings.remove(req.pathParam("key"))) {
                throw ProblemException.notFound("No setting '" + req.pathParam("key") + "'");
            }
            return null;
        }).summary("Remove a setting").tag("settings").permission("settings.write");
    }
}
