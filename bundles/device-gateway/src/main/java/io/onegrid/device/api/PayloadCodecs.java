package io.onegrid.device.api;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The {@link PayloadCodec}s registered, by their {@value PayloadCodec#NAME} property. A plugin keeps the name of its
 * codec in its own configuration (e.g. {@code payloadCodec = thing-model}) and looks it up per message, so that a
 * codec installed or replaced later is picked up without restarting the plugin. When two codecs claim one name, the
 * one with the highest service ranking wins.
 *
 * @since 1.2
 */
@ProviderType
public interface PayloadCodecs {

    /** The codec of that name, or empty when none is registered (yet). */
    Optional<PayloadCodec> find(String name);

    /**
     * The codec of that name.
     *
     * @throws IllegalArgumentException naming the codecs there are, when none has that name
     */
    default PayloadCodec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("No payload codec '" + name
                + "'; registered: " + names()));
    }

    /** The names registered, sorted. */
    Set<String> names();
}
