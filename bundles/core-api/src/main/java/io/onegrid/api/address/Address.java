package io.onegrid.api.address;

/**
 * A standard address.
 *
 * @param code        20-digit standard address code ({@link AddressCode})
 * @param regionCode  the village or community it belongs to
 * @param gridCode    the grid or micro-grid that contains its point, or {@code null} when it lies outside every grid
 * @param road        road, lane or village group
 * @param houseNumber house number (门牌号)
 * @param building    building, may be {@code null}
 * @param unit        unit (单元), may be {@code null}
 * @param room        room, may be {@code null}
 * @param fullText    the address as one line of text, e.g. 青石镇柳树村幸福路12号
 * @param lon         WGS-84 longitude, or {@code null} when not geocoded
 * @param lat         WGS-84 latitude, or {@code null}
 */
public record Address(String code, String regionCode, String gridCode, String road, String houseNumber,
        String building, String unit, String room, String fullText, Double lon, Double lat) {
}
