package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.AddressConfig;
import io.onegrid.api.persistence.ModuleSchema;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link IdProtector} of this node, from the key file named by {@code residentKeyFile} in
 * {@code etc/io.onegrid.address.cfg} (default {@code ${karaf.etc}/onegrid-resident.keys}). Immediate, so that a
 * missing or wrong key file fails at start: the component does not activate, health reports it DOWN, and nothing that
 * handles residents runs.
 */
@Component(service = ResidentProtection.class, immediate = true, configurationPid = "io.onegrid.address")
public final class ResidentProtection {

    static final String DEFAULT_FILE = "onegrid-resident.keys";
    private static final Logger LOG = LoggerFactory.getLogger(ResidentProtection.class);

    private final IdProtector protector;

    @Activate
    public ResidentProtection(@Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource dataSource,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=address)") ModuleSchema schema,
            AddressConfig config) {
        Path file = keyFile(config.residentKeyFile(), System.getProperty("karaf.etc"));
        try {
            this.protector = ResidentKeys.open(file, dataSource);
        } catch (IllegalStateException e) {
            LOG.error("Residents are unavailable: {}", e.getMessage());
            throw e;
        }
        LOG.info("Resident ID numbers are protected with the keys in {}", file);
    }

    static Path keyFile(String configured, String karafEtc) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return Path.of(karafEtc == null ? "etc" : karafEtc, DEFAULT_FILE);
    }

    IdProtector protector() {
        return protector;
    }
}
