package io.onegrid.api.identity;

import java.util.List;

/**
 * A functional department (natural resources, comprehensive enforcement, market supervision, emergency management,
 * water, ...) of the county or a town.
 *
 * @param code        stable identifier, lower-case words and dashes, e.g. {@code water} or {@code t101-enforcement}
 * @param name        e.g. 水务局
 * @param regionCodes the regions it serves (usually the county or one town)
 */
public record Department(String code, String name, List<String> regionCodes) {

    public Department {
        regionCodes = regionCodes == null ? List.of() : List.copyOf(regionCodes);
    }
}
