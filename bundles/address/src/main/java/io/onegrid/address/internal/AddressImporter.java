package io.onegrid.address.internal;

import io.onegrid.address.internal.search.AddressIndex;
import io.onegrid.address.internal.search.SegmentBuilder;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.address.GridLocator;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.region.RegionLevel;
import io.onegrid.api.security.DataScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports {@code addresses.csv} ({@code code,region_code,grid_code,road,house_number,building,unit,room,lon,lat}):
 * streaming (rows go to the database in JDBC batches as they are read; in memory stay a bit per address code and the
 * compact entries for the search index: code, scope, text and point, about 50 bytes an address), all or nothing (one
 * transaction, rolled back when any line is wrong), every bad line reported by number. An empty {@code grid_code} is
 * filled from the point; a house whose point lies outside every grid is imported without a grid and reported, never
 * dropped silently. The search index learns of the addresses only after the commit, so a refused file never shows.
 */
public final class AddressImporter {

    private static final Logger LOG = LoggerFactory.getLogger(AddressImporter.class);

    static final List<String> HEADER = List.of("code", "region_code", "grid_code", "road", "house_number",
            "building", "unit", "room", "lon", "lat");
    static final int BATCH = 1000;
    static final int MAX_REPORTED = 1000;

    /** What a kept import did. */
    public record Report(long lines, long imported, long gridAssigned, long outsideEveryGrid,
            List<Integer> outsideLines) {
    }

    private final DataSource dataSource;
    private final GridLocator grids;
    private final AddressIndex index;

    public AddressImporter(DataSource dataSource, GridLocator grids) {
        this(dataSource, grids, null);
    }

    /** @param index told of every committed import; may be {@code null} */
    public AddressImporter(DataSource dataSource, GridLocator grids, AddressIndex index) {
        this.dataSource = dataSource;
        this.grids = grids;
        this.index = index;
    }

    /**
     * @param villageExists whether a village code is in the region tree
     * @param scope         the caller's scope; every address must lie inside it
     */
    public Report importCsv(InputStream in, Predicate<String> villageExists, DataScope scope) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        List<Violation> errors = new ArrayList<>();
        List<Integer> outside = new ArrayList<>();
        Map<String, BitSet> seen = new HashMap<>();
        SegmentBuilder indexed = new SegmentBuilder();
        long lines = 0;
        long assigned = 0;
        long outsideCount = 0;
        try (Connection c = dataSource.getConnection();
             CSVParser parser = format.parse(new InputStreamReader(in, decoder))) {
            c.setAutoCommit(false);
            Map<String, Integer> columns = CsvInput.columns(parser.getHeaderNames(),
                    List.of("code", "region_code", "lon", "lat"), HEADER);
            List<Row> batch = new ArrayList<>(BATCH);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO og_address (code, region_code, grid_code,"
                    + " scope_code, road, house_number, building, unit_no, room, full_text, lon, lat, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
                 PreparedStatement exists = c.prepareStatement("SELECT 1 FROM og_address WHERE code = ?")) {
                for (CSVRecord record : parser) {
                    lines++;
                    int line = (int) record.getRecordNumber() + 1;
                    Row row = parse(record, line, columns, villageExists, scope, seen, errors);
                    if (row == null) {
                        continue;
                    }
                    if (row.gridCode == null && row.lon != null) {
                        row.gridCode = grids.locate(row.lon, row.lat).filter(g -> g.startsWith(row.regionCode))
                                .orElse(null);
                        if (row.gridCode != null) {
                            assigned++;
                        } else {
                            outsideCount++;
                            if (outside.size() < MAX_REPORTED) {
                                outside.add(line);
                            }
                        }
                    }
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        flush(exists, insert, batch, errors, indexed);
                    }
                    if (errors.size() >= MAX_REPORTED) {
                        break;
                    }
                }
                flush(exists, insert, batch, errors, indexed);
            }
            if (!errors.isEmpty()) {
                c.rollback();
                errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
                throw ProblemException.invalid(errors.size() + (errors.size() >= MAX_REPORTED ? "+" : "")
                        + " line(s) are wrong; nothing of this file was kept", errors);
            }
            c.commit();
            if (index != null) {
                try {
                    index.add(indexed);
                } catch (RuntimeException e) {
                    // the rows are stored: say so, and how the searches get them
                    LOG.error("{} imported addresses are stored but not in this node's search index; restart the"
                            + " address bundle to rebuild it", lines, e);
                }
            }
            return new Report(lines, lines, assigned, outsideCount, outside);
        } catch (SQLException e) {
            throw new IllegalStateException("Importing addresses failed; nothing was kept: " + e.getMessage(), e);
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            if (CsvInput.isNotUtf8(e)) {
                throw ProblemException.badRequest(CsvInput.NOT_UTF8);
            }
            throw ProblemException.badRequest("The file is not well-formed CSV: " + e.getMessage());
        }
    }

    /** One valid line on its way to the database. */
    private static final class Row {
        int line;
        String code;
        String regionCode;
        String gridCode;
        String road;
        String houseNumber;
        String building;
        String unit;
        String room;
        Double lon;
        Double lat;
    }

    private static Row parse(CSVRecord record, int line, Map<String, Integer> columns,
            Predicate<String> villageExists, DataScope scope, Map<String, BitSet> seen, List<Violation> errors) {
        int before = errors.size();
        Row row = new Row();
        row.line = line;
        row.code = field(record, columns, "code");
        row.regionCode = field(record, columns, "region_code");
        row.gridCode = emptyToNull(field(record, columns, "grid_code"));
        row.road = limit(field(record, columns, "road"), 100, "road", line, errors);
        row.houseNumber = limit(field(record, columns, "house_number"), 32, "house_number", line, errors);
        row.building = limit(field(record, columns, "building"), 32, "building", line, errors);
        row.unit = limit(field(record, columns, "unit"), 16, "unit", line, errors);
        row.room = limit(field(record, columns, "room"), 16, "room", line, errors);
        RegionCode village = RegionCode.tryParse(row.regionCode).filter(r -> r.level() == RegionLevel.VILLAGE)
                .orElse(null);
        if (village == null || !villageExists.test(row.regionCode)) {
            errors.add(Violation.ofLine(line, "region_code", "no village " + row.regionCode));
        } else if (!scope.coversRegion(village)) {
            errors.add(Violation.ofLine(line, "region_code", "village " + row.regionCode + " lies outside your scope"));
        }
        if (!AddressCode.isValid(row.code)) {
            errors.add(Violation.ofLine(line, "code", "an address code is the village code and 8 digits, not '"
                    + row.code + "'"));
        } else if (!row.code.startsWith(row.regionCode)) {
            errors.add(Violation.ofLine(line, "code", row.code + " does not start with its village " + row.regionCode));
        } else {
            BitSet sequences = seen.computeIfAbsent(row.code.substring(0, 12), k -> new BitSet());
            int sequence = Integer.parseInt(row.code.substring(12));
            if (sequences.get(sequence)) {
                errors.add(Violation.ofLine(line, "code", row.code + " appears twice in this file"));
            }
            sequences.set(sequence);
        }
        if (row.gridCode != null && (!row.gridCode.startsWith(row.regionCode)
                || RegionCode.tryParse(row.gridCode).map(g -> g.level().compareTo(RegionLevel.GRID) < 0).orElse(true))) {
            errors.add(Violation.ofLine(line, "grid_code", row.gridCode + " is not a grid of village " + row.regionCode));
        }
        String lon = field(record, columns, "lon");
        String lat = field(record, columns, "lat");
        if (!lon.isEmpty() || !lat.isEmpty()) {
            try {
                row.lon = Double.valueOf(lon);
                row.lat = Double.valueOf(lat);
                if (row.lon < 73 || row.lon > 136 || row.lat < 3 || row.lat > 54) {
                    errors.add(Violation.ofLine(line, "lon", "the point " + lon + "," + lat
                            + " lies outside China (WGS-84 longitude 73-136, latitude 3-54)"));
                }
            } catch (NumberFormatException e) {
                errors.add(Violation.ofLine(line, "lon", "lon and lat are decimal degrees, not '" + lon + "','" + lat
                        + "'"));
            }
        }
        return errors.size() > before ? null : row;
    }

    private void flush(PreparedStatement exists, PreparedStatement insert, List<Row> batch, List<Violation> errors,
            SegmentBuilder indexed) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Set<String> existing = existing(exists, batch);
        boolean any = false;
        for (Row row : batch) {
            if (existing.contains(row.code)) {
                errors.add(Violation.ofLine(row.line, "code", row.code + " exists already"));
                continue;
            }
            if (!errors.isEmpty()) {
                continue; // the file will be refused: spare the inserts, keep finding errors
            }
            insert.setString(1, row.code);
            insert.setString(2, row.regionCode);
            setNullable(insert, 3, row.gridCode);
            String scopeCode = row.gridCode != null ? row.gridCode : row.regionCode;
            insert.setString(4, scopeCode);
            setNullable(insert, 5, row.road);
            setNullable(insert, 6, row.houseNumber);
            setNullable(insert, 7, row.building);
            setNullable(insert, 8, row.unit);
            setNullable(insert, 9, row.room);
            String fullText = AddressText.compose(row.road, row.houseNumber, row.building, row.unit, row.room);
            insert.setString(10, fullText);
            if (row.lon == null) {
                insert.setNull(11, Types.DOUBLE);
                insert.setNull(12, Types.DOUBLE);
            } else {
                insert.setDouble(11, row.lon);
                insert.setDouble(12, row.lat);
            }
            insert.addBatch();
            indexed.add(row.code, scopeCode, fullText, row.lon, row.lat);
            any = true;
        }
        if (any) {
            insert.executeBatch();
        }
        batch.clear();
    }

    /**
     * The codes of the batch that are stored already, by one primary-key probe each. Not one {@code IN (...)} query
     * per batch: Derby compiles that once, while the table is still empty, into a table scan and keeps the plan, so
     * every later batch read the whole growing table (quadratic: a 100,000-row file took minutes).
     */
    private static Set<String> existing(PreparedStatement exists, List<Row> batch) throws SQLException {
        Set<String> found = new java.util.HashSet<>();
        for (Row row : batch) {
            exists.setString(1, row.code);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    found.add(row.code);
                }
            }
        }
        return found;
    }

    private static String field(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= record.size() ? "" : record.get(index);
    }

    private static String limit(String value, int max, String field, int line, List<Violation> errors) {
        if (value.length() > max) {
            errors.add(Violation.ofLine(line, field, "at most " + max + " characters"));
        }
        return emptyToNull(value);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
