package io.onegrid.address.internal.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One grid or micro-grid as drawn: its region code (15 or 17 digits), its name and its outline in WGS-84 longitude
 * (x) and latitude (y), a {@code Polygon} or {@code MultiPolygon}.
 *
 * @param code the grid's region code; never null (a feature without one is reported, not built)
 * @param name the display name, e.g. {@code 柳树村第一网格}; null when the file gives none
 * @param geometry the outline; never null
 */
public record GridFeature(String code, String name, Geometry geometry) {

    public GridFeature {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(geometry, "geometry");
    }
}
