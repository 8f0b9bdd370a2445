package io.onegrid.demo.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The demo county's grids, houses and residents, in the interchange formats (grids.geojson, addresses.csv,
 * residents.csv). Generated from a fixed seed, so every installation and every test run sees the same people; the
 * villages lie side by side west → east around 117.3°E 36.5°N, each split into its grids west → east, and every house
 * lies inside its grid. The ID numbers are fictional (area 370399) with valid GB 11643 check characters.
 */
final class DemoHouses {

    static final long SEED = 20_260_701L;
    static final int HOUSES_PER_VILLAGE = 200;
    static final double WEST = 117.30;
    static final double SOUTH = 36.50;
    static final double VILLAGE_WIDTH = 0.04;
    static final double VILLAGE_SPACING = 0.05;
    static final double HEIGHT = 0.02;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈";
    private static final String[] GIVEN = {"建国", "秀英", "桂兰", "志强", "丽", "伟", "芳", "敏", "静", "磊", "洋", "勇",
        "军", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "华", "玉兰", "红", "海燕", "建华", "淑珍", "德胜", "子涵"};
    private static final String[] ROADS = {"一组", "二组", "三组", "四组", "五组"};

    /** A village with its grids (codes, west → east). */
    record Village(String code, String name, boolean urban, List<String> grids) {
    }

    /** The three files of one village, plus the grids' GeoJSON features. */
    record VillageData(String addressesCsv, String residentsCsv, int houses, int residents) {
    }

    private final Set<String> idNumbers = new HashSet<>();

    /** Grid {@code index} of village {@code v} of the list: west, south, east, north. */
    static double[] gridBox(int v, int index, int gridCount) {
        double west = WEST + VILLAGE_SPACING * v;
        double width = VILLAGE_WIDTH / gridCount;
        return new double[] {west + width * index, SOUTH, west + width * (index + 1), SOUTH + HEIGHT};
    }

    /** Every grid of the villages as one FeatureCollection. */
    static String gridsGeoJson(List<Village> villages) {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        boolean first = true;
        for (int v = 0; v < villages.size(); v++) {
            List<String> grids = villages.get(v).grids();
            for (int g = 0; g < grids.size(); g++) {
                double[] b = gridBox(v, g, grids.size());
                sb.append(first ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"code\":\"")
                        .append(grids.get(g)).append("\",\"name\":\"").append(villages.get(v).name()).append("第")
                        .append(g + 1).append("网格\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[")
                        .append(point(b[0], b[1])).append(',').append(point(b[2], b[1])).append(',')
                        .append(point(b[2], b[3])).append(',').append(point(b[0], b[3])).append(',')
                        .append(point(b[0], b[1])).append("]]}}");
                first = false;
            }
        }
        return sb.append("]}").toString();
    }

    /** The houses and residents of village {@code v}; call in village order with one instance for unique numbers. */
    VillageData village(int v, Village village) {
        Random rnd = new Random(SEED + v);
        StringBuilder addresses = new StringBuilder("code,region_code,grid_code,road,house_number,building,unit,room,"
                + "lon,lat\n");
        StringBuilder residents = new StringBuilder("id_number,name,phone,address_code,tags\n");
        int people = 0;
        int gridCount = village.grids().size();
        for (int h = 1; h <= HOUSES_PER_VILLAGE; h++) {
            int g = (h - 1) * gridCount / HOUSES_PER_VILLAGE;
            double[] b = gridBox(v, g, gridCount);
            // a margin of 5 % keeps points off the borders, where "which grid" would be a matter of rounding
            double lon = b[0] + (b[2] - b[0]) * (0.05 + 0.9 * rnd.nextDouble());
            double lat = b[1] + (b[3] - b[1]) * (0.05 + 0.9 * rnd.nextDouble());
            String code = village.code() + String.format(Locale.ROOT, "%08d", h);
            if (village.urban()) {
                int building = (h - 1) / 12 + 1;
                int room = (h - 1) % 12;
                addresses.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%d,%d,%.6f,%.6f%n", code,
                        village.code(), village.grids().get(g), village.name().replace("社区", "") + "路",
                        (building + 1) / 2, building, room / 6 + 1, 101 + (room % 6) / 2 * 100 + room % 2, lon, lat));
            } else {
                addresses.append(String.format(Locale.ROOT, "%s,%s,%s,%s%s,%d,,,,%.6f,%.6f%n", code,
                        village.code(), village.grids().get(g), village.name(), ROADS[(h - 1) % ROADS.length], h, lon,
                        lat));
            }
            int size = 1 + rnd.nextInt(4);
            String surname = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())));
            for (int p = 0; p < size; p++) {
                int year = p < 2 ? 1940 + rnd.nextInt(50) : 1985 + rnd.nextInt(38);
                boolean male = rnd.nextBoolean();
                String id = idNumber(rnd, year, male);
                String name = (p == 1 && rnd.nextInt(3) > 0 ? String.valueOf(SURNAMES.charAt(rnd.nextInt(
                        SURNAMES.length()))) : surname) + GIVEN[rnd.nextInt(GIVEN.length)];
                String phone = rnd.nextInt(10) < 7 ? "1" + (3 + rnd.nextInt(7))
                        + String.format(Locale.ROOT, "%09d", rnd.nextInt(1_000_000_000)) : "";
                residents.append(id).append(',').append(name).append(',').append(phone).append(',').append(code)
                        .append(',').append(String.join(";", tags(rnd, year, size))).append('\n');
                people++;
            }
        }
        return new VillageData(addresses.toString(), residents.toString(), HOUSES_PER_VILLAGE, people);
    }

    private static List<String> tags(Random rnd, int birthYear, int householdSize) {
        List<String> tags = new ArrayList<>();
        int age = 2026 - birthYear;
        if (age >= 70 && householdSize == 1) {
            tags.add("elderly-alone");
        }
        if (age < 16 && rnd.nextInt(10) == 0) {
            tags.add("left-behind-child");
        }
        if (age >= 18 && rnd.nextInt(12) == 0) {
            tags.add("party-member");
        }
        if (rnd.nextInt(30) == 0) {
            tags.add("disabled");
        }
        if (age >= 18 && rnd.nextInt(12) == 0) {
            tags.add("migrant");
        }
        return tags;
    }

    private String idNumber(Random rnd, int year, boolean male) {
        while (true) {
            int sequence = rnd.nextInt(500) * 2 + (male ? 1 : 0);
            String body = String.format(Locale.ROOT, "370399%04d%02d%02d%03d", year, 1 + rnd.nextInt(12),
                    1 + rnd.nextInt(28), sequence);
            String id = withCheckCharacter(body);
            if (idNumbers.add(id)) {
                return id;
            }
        }
    }

    /** GB 11643: the ISO 7064 MOD 11-2 check character after 17 digits. */
    static String withCheckCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private static String point(double lon, double lat) {
        return String.format(Locale.ROOT, "[%.6f,%.6f]", lon, lat);
    }
}
