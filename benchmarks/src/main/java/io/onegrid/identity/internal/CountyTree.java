package io.onegrid.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fictional county as {@code regions.csv} rows ({@code code,name,parent_code,kind,area}), the same for every run:
 * 1 county, 20 towns, 30 villages per town (600), 7 grids in two villages of three and 6 in the third (4,000), 5
 * micro-grids per grid (20,000): 24,621 rows, parents before children.
 */
final class CountyTree {

    static final String COUNTY = "370322000000";
    static final int TOWNS = 20;
    static final int VILLAGES_PER_TOWN = 30;
    static final int MICROGRIDS_PER_GRID = 5;

    /** One line of the file; {@code kind} and {@code area} as the file writes them (lower case). */
    record Row(String code, String name, String parentCode, String kind, String area) {
    }

    private static final String SYLLABLES = "东西南北高青城安峰桃柳杨李王张刘陈黄赵周吴徐孙马朱胡郭何林罗梁宋郑谢韩唐冯"
            + "于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康";

    final List<Row> rows;
    final int towns;
    final int villages;
    final int grids;
    final int microgrids;

    private CountyTree(List<Row> rows, int towns, int villages, int grids, int microgrids) {
        this.rows = Collections.unmodifiableList(rows);
        this.towns = towns;
        this.villages = villages;
        this.grids = grids;
        this.microgrids = microgrids;
    }

    static CountyTree generate(long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(COUNTY, name(random, "县"), "", "county", "rural"));
        int villages = 0;
        int grids = 0;
        int microgrids = 0;
        for (int t = 0; t < TOWNS; t++) {
            String townPrefix = COUNTY.substring(0, 6) + String.format("%03d", 101 + t);
            String town = townPrefix + "000";
            // the first two towns are the county seat's urban sub-districts in spirit; the rest are rural
            String area = t < 2 ? "urban" : "rural";
            rows.add(new Row(town, name(random, "镇"), COUNTY, "town", area));
            for (int v = 0; v < VILLAGES_PER_TOWN; v++) {
                String village = townPrefix + String.format("%03d", 201 + v);
                rows.add(new Row(village, name(random, "村"), town, "village", area));
                villages++;
                // 400 villages with 7 grids and 200 with 6: 4,000 grids
                int gridCount = villages % 3 == 0 ? 6 : 7;
                for (int g = 1; g <= gridCount; g++) {
                    String grid = village + String.format("%03d", g);
                    rows.add(new Row(grid, "第" + g + "网格", village, "grid", area));
                    grids++;
                    for (int m = 1; m <= MICROGRIDS_PER_GRID; m++) {
                        rows.add(new Row(grid + String.format("%02d", m), "第" + g + "网格第" + m + "微网格", grid,
                                "microgrid", area));
                        microgrids++;
                    }
                }
            }
        }
        CountyTree tree = new CountyTree(rows, TOWNS, villages, grids, microgrids);
        if (villages != 600 || grids != 4_000 || microgrids != 20_000 || rows.size() != 24_621) {
            throw new IllegalStateException("generator out of step: " + tree.summary());
        }
        return tree;
    }

    private static String name(Random random, String suffix) {
        return "" + SYLLABLES.charAt(random.nextInt(SYLLABLES.length()))
                + SYLLABLES.charAt(random.nextInt(SYLLABLES.length())) + suffix;
    }

    /** The file as a county would upload it: UTF-8, header row, LF line ends. */
    byte[] csv() {
        StringBuilder out = new StringBuilder(rows.size() * 60);
        out.append(String.join(",", RegionCsvReader.HEADER)).append('\n');
        for (Row r : rows) {
            out.append(r.code()).append(',').append(r.name()).append(',').append(r.parentCode()).append(',')
                    .append(r.kind()).append(',').append(r.area()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    String summary() {
        return String.format("1 county, %d towns, %d villages, %,d grids, %,d micro-grids = %,d rows", towns, villages,
                grids, microgrids, rows.size());
    }
}
