package io.onegrid.address.internal.resident;

import io.onegrid.address.internal.CsvInput;
import io.onegrid.api.address.AddressCode;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.Violation;
import io.onegrid.api.region.RegionCode;
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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports {@code residents.csv} ({@code id_number,name,phone,address_code,tags}, tags separated by {@code ;}):
 * streaming (JDBC batches as lines are read), all or nothing (one transaction), every bad line reported by number.
 * Each resident joins the first household of its house; a house without one gets household "1" headed by its first
 * imported resident. Each import is a recorded move-in.
 */
public final class ResidentImporter {

    static final List<String> HEADER = List.of("id_number", "name", "phone", "address_code", "tags");
    static final int BATCH = 500;
    static final int MAX_REPORTED = 1000;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What a kept import did. */
    public record Report(long lines, long imported, long householdsCreated) {
    }

    private final DataSource dataSource;
    private final IdProtector protector;

    public ResidentImporter(DataSource dataSource, IdProtector protector) {
        this.dataSource = dataSource;
        this.protector = protector;
    }

    /**
     * @param scope every house must lie inside it
     * @param actor recorded as who registered the move-ins
     */
    public Report importCsv(InputStream in, DataScope scope, String actor) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        List<Violation> errors = new ArrayList<>();
        // 64 bits of each look-up hash, with its line: enough to tell duplicates apart in memory for big files
        Map<Long, Integer> seen = new HashMap<>();
        LocalDate today = LocalDate.now(CHINA);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        long lines = 0;
        long[] households = {0};
        try (Connection c = dataSource.getConnection();
             CSVParser parser = format.parse(new InputStreamReader(in, decoder))) {
            c.setAutoCommit(false);
            try {
                Map<String, Integer> columns = CsvInput.columns(parser.getHeaderNames(),
                        List.of("id_number", "name", "address_code"), HEADER);
                List<Row> batch = new ArrayList<>(BATCH);
                for (CSVRecord record : parser) {
                    lines++;
                    Row row = parse(record, (int) record.getRecordNumber() + 1, columns, today, seen, errors);
                    if (row != null) {
                        batch.add(row);
                    }
                    if (batch.size() == BATCH) {
                        flush(c, batch, scope, errors, now, actor, households);
                    }
                    if (errors.size() >= MAX_REPORTED) {
                        break;
                    }
                }
                flush(c, batch, scope, errors, now, actor, households);
                if (!errors.isEmpty()) {
                    c.rollback();
                    errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
                    throw ProblemException.invalid(errors.size() + (errors.size() >= MAX_REPORTED ? "+" : "")
                            + " line(s) are wrong; nothing of this file was kept", errors);
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            }
            return new Report(lines, lines, households[0]);
        } catch (SQLException e) {
            throw new IllegalStateException("Importing residents failed; nothing was kept: " + e.getMessage(), e);
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            if (CsvInput.isNotUtf8(e)) {
                throw ProblemException.badRequest(CsvInput.NOT_UTF8);
            }
            if (e instanceof IllegalStateException ise && ise.getCause() instanceof SQLException) {
                throw ise;
            }
            throw ProblemException.badRequest("The file is not well-formed CSV: " + e.getMessage());
        }
    }

    /** One valid line on its way to the database. */
    private static final class Row {
        int line;
        String idNumber;
        String hash;
        String name;
        String phone;
        String addressCode;
        String tags;
        String gender;
        int birthYear;
    }

    private Row parse(CSVRecord record, int line, Map<String, Integer> columns, LocalDate today,
            Map<Long, Integer> seen, List<Violation> errors) {
        int before = errors.size();
        Row row = new Row();
        row.line = line;
        IdNumbers.Result id = IdNumbers.validate(field(record, columns, "id_number"), today);
        if (!id.valid()) {
            errors.add(Violation.ofLine(line, "id_number", id.message()));
        } else {
            row.idNumber = id.normalized();
            row.hash = protector.lookupHash(row.idNumber);
            Integer first = seen.putIfAbsent(Long.parseUnsignedLong(row.hash.substring(0, 16), 16), line);
            if (first != null) {
                errors.add(Violation.ofLine(line, "id_number", "the same ID number as line " + first));
            }
            row.gender = IdNumbers.isMale(row.idNumber) ? "M" : "F";
            row.birthYear = IdNumbers.birthDate(row.idNumber).getYear();
        }
        row.name = field(record, columns, "name");
        String nameProblem = ResidentRules.nameProblem(row.name);
        if (nameProblem != null) {
            errors.add(Violation.ofLine(line, "name", nameProblem));
        }
        String phone = field(record, columns, "phone");
        if (!phone.isEmpty()) {
            row.phone = Phones.normalize(phone);
            if (row.phone == null) {
                errors.add(Violation.ofLine(line, "phone", ResidentRules.PHONE_MESSAGE));
            }
        }
        row.addressCode = field(record, columns, "address_code");
        if (!AddressCode.isValid(row.addressCode)) {
            errors.add(Violation.ofLine(line, "address_code", "a standard address code is the village code and 8"
                    + " digits, not '" + row.addressCode + "'"));
        }
        List<String> unknown = new ArrayList<>();
        row.tags = ResidentTags.store(ResidentTags.parse(ResidentTags.split(field(record, columns, "tags")), unknown));
        if (!unknown.isEmpty()) {
            errors.add(Violation.ofLine(line, "tags", ResidentTags.unknownMessage(unknown)));
        }
        return errors.size() > before ? null : row;
    }

    private void flush(Connection c, List<Row> batch, DataScope scope, List<Violation> errors, Timestamp now,
            String actor, long[] households) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, String> houses = houses(c, batch);
        Set<String> existing = existingHashes(c, batch);
        for (Row row : batch) {
            String houseScope = houses.get(row.addressCode);
            if (houseScope == null || !scope.coversRegion(RegionCode.parse(houseScope))) {
                errors.add(Violation.ofLine(row.line, "address_code", "no house " + row.addressCode
                        + " in your part of the registry; import it with addresses.csv first"));
            }
            if (existing.contains(row.hash)) {
                errors.add(Violation.ofLine(row.line, "id_number", "a resident with this ID number is registered"
                        + " already"));
            }
        }
        if (!errors.isEmpty()) {
            batch.clear(); // the file will be refused: spare the inserts, keep finding errors
            return;
        }
        // Each resident joins the first household of its house; houses without one get household "1" first.
        Set<String> codes = new HashSet<>();
        batch.forEach(r -> codes.add(r.addressCode));
        Map<String, Long> householdOf = firstHouseholds(c, codes);
        Set<String> bare = new HashSet<>(codes);
        bare.removeAll(householdOf.keySet());
        if (!bare.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO og_household (address_code, household_no, kind,"
                    + " scope_code, created_at, version) VALUES (?, '1', 'registered', ?, ?, 1)")) {
                for (String code : bare) {
                    ps.setString(1, code);
                    ps.setString(2, houses.get(code));
                    ps.setTimestamp(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            households[0] += bare.size();
            householdOf.putAll(firstHouseholds(c, bare));
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO og_resident (name, id_cipher, id_hash,"
                + " id_masked, phone, address_code, scope_code, tags, moved_in_at, gender, birth_year, household_id,"
                + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
            for (Row row : batch) {
                insert.setString(1, row.name);
                insert.setString(2, protector.encrypt(row.idNumber));
                insert.setString(3, row.hash);
                insert.setString(4, IdNumbers.mask(row.idNumber));
                if (row.phone == null) {
                    insert.setNull(5, Types.VARCHAR);
                } else {
                    insert.setString(5, row.phone);
                }
                insert.setString(6, row.addressCode);
                insert.setString(7, houses.get(row.addressCode));
                insert.setString(8, row.tags);
                insert.setTimestamp(9, now);
                insert.setString(10, row.gender);
                insert.setInt(11, row.birthYear);
                insert.setLong(12, householdOf.get(row.addressCode));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // The ids the database gave, for the move-in records and the heads of the new households
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id_hash, id FROM og_resident WHERE id_hash IN "
                + placeholders(batch.size()))) {
            bindHashes(ps, 1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1).strip(), rs.getLong(2));
                }
            }
        }
        try (PreparedStatement moves = c.prepareStatement("INSERT INTO og_resident_move (resident_id, from_address,"
                + " to_address, moved_at, recorded_by, reason) VALUES (?, NULL, ?, ?, ?, 'import')");
             PreparedStatement heads = c.prepareStatement("UPDATE og_household SET head_resident_id = ?,"
                     + " version = version + 1 WHERE id = ? AND head_resident_id IS NULL")) {
            Set<String> headed = new HashSet<>();
            for (Row row : batch) {
                long id = ids.get(row.hash);
                moves.setLong(1, id);
                moves.setString(2, row.addressCode);
                moves.setTimestamp(3, now);
                moves.setString(4, actor.length() > 64 ? actor.substring(0, 64) : actor);
                moves.addBatch();
                if (bare.contains(row.addressCode) && headed.add(row.addressCode)) {
                    heads.setLong(1, id);
                    heads.setLong(2, householdOf.get(row.addressCode));
                    heads.addBatch();
                }
            }
            moves.executeBatch();
            if (!headed.isEmpty()) {
                heads.executeBatch();
            }
        }
        batch.clear();
    }

    private static Map<String, String> houses(Connection c, List<Row> batch) throws SQLException {
        Set<String> codes = new HashSet<>();
        batch.forEach(r -> codes.add(r.addressCode));
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, scope_code FROM og_address WHERE code IN "
                + placeholders(codes.size()))) {
            int i = 1;
            for (String code : codes) {
                ps.setString(i++, code);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    /** The first (lowest id) household of each house that has one. */
    private static Map<String, Long> firstHouseholds(Connection c, Set<String> codes) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT address_code, MIN(id) FROM og_household"
                + " WHERE address_code IN " + placeholders(codes.size()) + " GROUP BY address_code")) {
            int i = 1;
            for (String code : codes) {
                ps.setString(i++, code);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return found;
    }

    private static Set<String> existingHashes(Connection c, List<Row> batch) throws SQLException {
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id_hash FROM og_resident WHERE id_hash IN "
                + placeholders(batch.size()))) {
            bindHashes(ps, 1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1).strip());
                }
            }
        }
        return found;
    }

    private static void bindHashes(PreparedStatement ps, int first, List<Row> batch) throws SQLException {
        for (int i = 0; i < batch.size(); i++) {
            ps.setString(first + i, batch.get(i).hash);
        }
    }

    private static String placeholders(int n) {
        return "(" + "?,".repeat(n - 1) + "?)";
    }

    private static String field(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        return index == null || index >= record.size() ? "" : record.get(index);
    }
}
