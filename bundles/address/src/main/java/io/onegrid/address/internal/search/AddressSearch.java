package io.onegrid.address.internal.search;

import io.onegrid.api.address.Address;
import io.onegrid.api.paging.Page;
import io.onegrid.api.paging.PageRequest;
import io.onegrid.api.region.RegionCode;
import io.onegrid.api.security.DataScope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search, nearest and export over {@code og_address} by plain JDBC: the {@link AddressIndex} finds and pages the codes,
 * then the rows of the page are read from the database, so an answer always shows stored data.
 *
 * <p>The scope rule is {@link io.onegrid.persistence.api.ScopeFilter}'s, applied to {@code scope_code}: an address is
 * visible when its scope code starts with the prefix of one of the caller's region roots; an unrestricted scope sees
 * everything, a scope without regions nothing.
 */
public final class AddressSearch {

    private static final Logger LOG = LoggerFactory.getLogger(AddressSearch.class);

    static final String COLUMNS = "code, region_code, grid_code, road, house_number, building, unit_no, room,"
            + " full_text, lon, lat";
    /** The {@code addresses.csv} header (DESIGN.md §6), also the export's column order. */
    public static final List<String> CSV_HEADER = List.of("code", "region_code", "grid_code", "road", "house_number",
            "building", "unit", "room", "lon", "lat");
    private static final int FETCH = 1000;

    private final DataSource dataSource;
    private final AddressIndex index;

    public AddressSearch(DataSource dataSource, AddressIndex index) {
        this.dataSource = dataSource;
        this.index = index;
    }

    public AddressIndex index() {
        return index;
    }

    /**
     * Reads every address into a new builder, streaming (one fetch buffer of rows at a time). A row whose code is not
     * 20 digits (only a hand-edited database has one) cannot be indexed: it is logged and left out of text and
     * nearest searches.
     */
    public static SegmentBuilder read(DataSource dataSource) {
        SegmentBuilder builder = new SegmentBuilder();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code, scope_code, full_text, lon, lat FROM og_address")) {
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    long skipped = 0;
                    while (rs.next()) {
                        String code = rs.getString(1);
                        if (AddressCodes.isDigits20(code)) {
                            builder.add(code, rs.getString(2), rs.getString(3), nullableDouble(rs, 4),
                                    nullableDouble(rs, 5));
                        } else {
                            skipped++;
                        }
                    }
                    if (skipped > 0) {
                        LOG.warn("{} row(s) of og_address have no 20-digit code; text and nearest searches skip them",
                                skipped);
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading og_address for the address index failed: " + e.getMessage(), e);
        }
        return builder;
    }

    /** Loads the index from the database (at activation; see {@link AddressIndex#load}). */
    public void load() {
        index.load(read(dataSource));
    }

    /**
     * The visibility test of scope codes for a caller's scope and an optional region (as the list endpoint reads
     * {@code region}: an unparsable region matches nothing).
     */
    public static Predicate<String> scopeFilter(DataScope scope, String region) {
        Predicate<String> visible;
        if (scope.isUnrestricted()) {
            visible = s -> true;
        } else {
            String[] prefixes = scope.regionRoots().stream().map(RegionCode::prefix).toArray(String[]::new);
            visible = s -> {
                for (String p : prefixes) {
                    if (s.startsWith(p)) {
                        return true;
                    }
                }
                return false;
            };
        }
        String under = regionPrefix(region);
        return under == null ? visible : visible.and(s -> s.startsWith(under));
    }

    /** The prefix below which {@code region} restricts a list, {@code null} for none, {@code "-"} (nothing) if bad. */
    public static String regionPrefix(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        return RegionCode.tryParse(region.strip()).map(RegionCode::prefix).orElse("-");
    }

    /** The addresses containing {@code text} (not blank) visible to the scope, below {@code region} if given. */
    public Page<Address> search(DataScope scope, String region, String text, PageRequest page) {
        AddressIndex.Hits hits = index.search(text, scopeFilter(scope, region), page.offset(), page.size());
        return Page.of(rows(hits.codes()), hits.total(), page);
    }

    /** An address and its distance from the point asked about. */
    public record Nearby(Address address, double distanceMetres) {
    }

    /** The {@code limit} visible addresses nearest to the point, nearest first. */
    public List<Nearby> nearest(DataScope scope, double lon, double lat, int limit) {
        List<AddressIndex.Near> near = index.nearest(lon, lat, limit, scopeFilter(scope, null));
        List<Address> rows = rows(near.stream().map(AddressIndex.Near::code).toList());
        Map<String, Address> byCode = new HashMap<>();
        rows.forEach(a -> byCode.put(a.code(), a));
        List<Nearby> out = new ArrayList<>(near.size());
        for (AddressIndex.Near n : near) {
            Address a = byCode.get(n.code());
            if (a != null) {
                out.add(new Nearby(a, Math.round(n.metres() * 100) / 100.0));
            }
        }
        return out;
    }

    /**
     * The rows of these codes, in the given order; codes without a row (deleted meanwhile) are left out. One
     * primary-key probe per code (a page holds at most 500): an {@code IN (...)} list would be planned by Derby once,
     * possibly while the table was still empty, as a table scan that it then keeps.
     */
    List<Address> rows(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<Address> out = new ArrayList<>(codes.size());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM og_address WHERE code = ?")) {
            for (String code : codes) {
                ps.setString(1, code);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.add(address(rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading addresses failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Writes the visible addresses (below {@code region} if given) as {@code addresses.csv}, by code, row by row from
     * one JDBC cursor: memory stays flat whatever the size.
     */
    public void exportCsv(DataScope scope, String region, OutputStream out) throws IOException {
        List<String> terms = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (!scope.isUnrestricted()) {
            List<String> any = new ArrayList<>();
            for (RegionCode root : scope.regionRoots()) {
                any.add("scope_code LIKE ?");
                params.add(root.prefix() + "%");
            }
            terms.add(any.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", any) + ")");
        }
        String under = regionPrefix(region);
        if (under != null) {
            terms.add("scope_code LIKE ?");
            params.add(under + "%");
        }
        String sql = "SELECT " + COLUMNS + " FROM og_address" + (terms.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", terms)) + " ORDER BY code";
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CSVPrinter csv = new CSVPrinter(writer, format);
        csv.printRecord(CSV_HEADER);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        csv.print(rs.getString(1));
                        csv.print(rs.getString(2));
                        for (int col = 3; col <= 8; col++) {
                            String v = rs.getString(col);
                            csv.print(v == null ? "" : v);
                        }
                        csv.print(number(rs, 10));
                        csv.print(number(rs, 11));
                        csv.println();
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IOException("Exporting addresses failed: " + e.getMessage(), e);
        }
        csv.flush();
    }

    private static String number(ResultSet rs, int column) throws SQLException {
        Double d = nullableDouble(rs, column);
        // Double.toString is the shortest text that reads back to the same double, and plain for degrees
        return d == null ? "" : d.toString();
    }

    static Address address(ResultSet rs) throws SQLException {
        return new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), nullableDouble(rs, 10),
                nullableDouble(rs, 11));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
