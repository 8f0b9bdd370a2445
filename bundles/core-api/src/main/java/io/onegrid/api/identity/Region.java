package io.onegrid.api.identity;

import io.onegrid.api.region.RegionLevel;

/**
 * A node of the county &rarr; town &rarr; village &rarr; grid &rarr; micro-grid tree.
 *
 * @param code        12, 15 or 17 digits (see {@link io.onegrid.api.region.RegionCode})
 * @param name        e.g. 高城镇
 * @param parentCode  {@code null} for the county
 * @param level       derived from the code
 * @param area        rural or urban
 * @param boundaryRef reference to the boundary polygon the address registry keeps, or {@code null}
 */
public record Region(String code, String name, String parentCode, RegionLevel level, AreaKind area,
        String boundaryRef) {
}
