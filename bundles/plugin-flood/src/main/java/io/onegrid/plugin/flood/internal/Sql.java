package io.onegrid.plugin.flood.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Small JDBC helpers: positional binding of Java values, rows mapped by a function, unique violations told apart. */
final class Sql {

    /** Maps the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed NULL parameter: PostgreSQL refuses a NULL typed VARCHAR for a DOUBLE PRECISION column. */
    record Null(int sqlType) {
    }

    static final Null NULL_DOUBLE = new Null(Types.DOUBLE);
    static final Null NULL_TIMESTAMP = new Null(Types.TIMESTAMP);
    static final Null NULL_BIGINT = new Null(Types.BIGINT);

    /** A value or its typed NULL. */
    static Object orNull(Double v) {
        return v == null ? NULL_DOUBLE : v;
    }

    private final DataSource db;

    Sql(DataSource db) {
        this.db = db;
    }

    /** Work on one connection in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /** A query on a connection already open (inside {@link #inTransaction}). */
    static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        }
    }

    /** An update on a connection already open (inside {@link #inTransaction}). */
    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    int update(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /** An update that is not expected to fail. */
    int run(String sql, Object... params) {
        try {
            return update(sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + sql, e);
        }
    }

    /** Inserts a row and answers its generated key (the first column, {@code id}). */
    long insertReturningId(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * A deadlock or lock timeout, worth running the transaction again: SQLState class 40 (Derby 40001 deadlock,
     * 40XL1/40XL2 lock timeout; PostgreSQL 40001 serialization failure, 40P01 deadlock).
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException x = s; x != null; x = x.getNextException()) {
                    if (x.getSQLState() != null && x.getSQLState().startsWith("40")) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** SQLState 23505: a unique or primary key violation, in Derby and PostgreSQL alike. */
    static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && cause != e && isUniqueViolation(cause);
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            if (p == null) {
                ps.setNull(at, Types.VARCHAR);
            } else if (p instanceof Null n) {
                ps.setNull(at, n.sqlType());
            } else if (p instanceof Instant t) {
                ps.setTimestamp(at, Timestamp.from(t));
            } else if (p instanceof Double d) {
                ps.setDouble(at, d);
            } else if (p instanceof Integer n) {
                ps.setInt(at, n);
            } else if (p instanceof Long n) {
                ps.setLong(at, n);
            } else {
                ps.setString(at, p.toString());
            }
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
