package io.onegrid.address.internal.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * The engine on the shared county generator's output (DESIGN.md §6): its grids must validate and each of its houses
 * must locate to the grid it was generated in. Skipped where {@code python3} or the generator is missing; the
 * generator's path can be changed with {@code -Donegrid.genCounty=…}.
 */
class GenCountyTest {

    private static final Path SCRIPT = Path.of(System.getProperty("onegrid.genCounty",
            "/work/shared/tools/gen-county.py"));
    private static final int HOUSES = 2000;

    @Test
    void everyGeneratedGridValidatesAndEveryHouseLocatesToItsGrid(@TempDir Path out) throws Exception {
        Optional<Path> python = onPath("python3");
        assumeTrue(python.isPresent(), "python3 is not on the PATH");
        assumeTrue(Files.isRegularFile(SCRIPT), SCRIPT + " is missing");
        Path log = out.resolve("gen-county.log");
        Process process = new ProcessBuilder(python.get().toString(), SCRIPT.toString(), out.toString(),
                "--towns", "2", "--villages", "3", "--grids", "9", "--houses", String.valueOf(HOUSES), "--seed", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gen-county.py did not finish in 120 s");
        }
        assertEquals(0, process.exitValue(), () -> read(log));

        GeoJsonGrids.Parsed parsed;
        try (InputStream in = Files.newInputStream(out.resolve("grids.geojson"))) {
            parsed = GeoJsonGrids.read(in);
        }
        assertEquals(List.of(), new GridValidator().validate(parsed, Map.of()));
        Set<String> gridsInRegions = new HashSet<>();
        for (CSVRecord region : csv(out.resolve("regions.csv"))) {
            if (region.get("kind").equals("grid")) {
                gridsInRegions.add(region.get("code"));
            }
        }
        assertEquals(2 * 3 * 9, gridsInRegions.size());
        assertEquals(gridsInRegions, parsed.features().stream().map(GridFeature::code).collect(Collectors.toSet()));

        GridIndex index = new GridIndex(parsed.features());
        Map<String, Geometry> outlines = parsed.features().stream()
                .collect(Collectors.toMap(GridFeature::code, GridFeature::geometry));
        int houses = 0;
        int onAnEdge = 0;
        for (CSVRecord house : csv(out.resolve("addresses.csv"))) {
            houses++;
            double lon = Double.parseDouble(house.get("lon"));
            double lat = Double.parseDouble(house.get("lat"));
            String grid = house.get("grid_code");
            if (index.locate(lon, lat).equals(Optional.of(grid))) {
                continue;
            }
            // the generator rounds to 6 decimals (about 0.1 m), which can put a house on or just across its grid's
            // edge; anything farther is a wrong answer
            onAnEdge++;
            Geometry point = GeoJsonGrids.FACTORY.createPoint(new Coordinate(lon, lat));
            assertTrue(outlines.get(grid).isWithinDistance(point, 1e-6), () -> "house " + house.get("code") + " at "
                    + lon + " " + lat + " of grid " + grid + " located to " + index.locate(lon, lat));
        }
        assertEquals(HOUSES, houses);
        assertTrue(onAnEdge <= HOUSES / 100, onAnEdge + " houses on an edge");
    }

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                     .parse(reader)) {
            return parser.getRecords();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
