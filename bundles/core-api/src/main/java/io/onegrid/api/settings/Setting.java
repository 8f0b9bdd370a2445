package io.onegrid.api.settings;

import java.time.Instant;

/**
 * One installation-wide setting, such as the county's display name.
 *
 * @param key       lower-case dotted name, e.g. {@code county.name}
 * @param value     the text value
 * @param version   optimistic-lock version; increases with every change
 * @param updatedAt when it last changed
 */
public record Setting(String key, String value, long version, Instant updatedAt) {
}
