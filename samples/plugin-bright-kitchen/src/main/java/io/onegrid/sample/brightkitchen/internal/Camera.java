package io.onegrid.sample.brightkitchen.internal;

import io.onegrid.api.region.RegionCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A kitchen camera, from the configuration ({@code code;townCode;regionCode;lon;lat;name}).
 *
 * @param regionCode the grid (else village) the canteen lies in: who sees the camera, where its orders go
 */
public record Camera(String code, String townCode, String regionCode, double lon, double lat, String name) {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    /** The camera's MQTT topic. */
    public String topic() {
        return "onegrid/" + townCode + "/kitchen/" + code + "/event";
    }

    /**
     * Parses the configured cameras; a bad entry fails the whole configuration with the entry and the reason, so
     * that a typo is seen at once rather than as a camera whose events are refused.
     */
    static Map<String, Camera> parse(String[] entries) {
        Map<String, Camera> cameras = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (String e : entries == null ? new String[0] : entries) {
            for (String part : e.split(",")) {
                if (!part.isBlank()) {
                    all.add(part.strip());
                }
            }
        }
        for (String entry : all) {
            String[] f = entry.split(";", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("camera '" + entry + "': want code;townCode;regionCode;lon;lat;name");
            }
            String code = f[0].strip();
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("camera '" + entry + "': the code is 1 to 40 of A-Z a-z 0-9 . _ -");
            }
            RegionCode town = RegionCode.tryParse(f[1].strip()).orElseThrow(() -> new IllegalArgumentException(
                    "camera '" + entry + "': no region code " + f[1]));
            RegionCode region = RegionCode.tryParse(f[2].strip()).orElseThrow(() -> new IllegalArgumentException(
                    "camera '" + entry + "': no region code " + f[2]));
            if (!town.contains(region)) {
                throw new IllegalArgumentException("camera '" + entry + "': region " + region + " is not in town "
                        + town);
            }
            double lon;
            double lat;
            try {
                lon = Double.parseDouble(f[3].strip());
                lat = Double.parseDouble(f[4].strip());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("camera '" + entry + "': lon and lat are decimal degrees");
            }
            if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                throw new IllegalArgumentException("camera '" + entry + "': lon/lat out of range");
            }
            if (cameras.put(code, new Camera(code, town.toString(), region.toString(), lon, lat, f[5].strip()))
                    != null) {
                throw new IllegalArgumentException("camera " + code + " is configured twice");
            }
        }
        return cameras;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%s, %s)", code, name, regionCode);
    }
}
