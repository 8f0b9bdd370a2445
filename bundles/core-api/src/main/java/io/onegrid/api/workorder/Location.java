package io.onegrid.api.workorder;

/**
 * A WGS-84 point.
 *
 * @param lon longitude in decimal degrees
 * @param lat latitude in decimal degrees
 */
public record Location(double lon, double lat) {
}
