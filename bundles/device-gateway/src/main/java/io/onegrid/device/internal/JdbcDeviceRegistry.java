package io.onegrid.device.internal;

import io.onegrid.api.persistence.ModuleSchema;
import io.onegrid.api.security.Caller;
import io.onegrid.device.api.Device;
import io.onegrid.device.api.DeviceRegistry;
import io.onegrid.device.api.RejectReason;
import io.onegrid.persistence.api.ScopeSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device registry on plain JDBC: the table is small and simple, and {@link #seen} sits on the path of every
 * reading, where a JPA entity manager per message would cost more than the work. Last-seen times are written at
 * most every {@code lastSeenWriteSeconds} per device; between writes the newer time is kept in memory and answered.
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.onegrid.device")
@Designate(ocd = GatewayConfig.class)
public final class JdbcDeviceRegistry implements DeviceRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDeviceRegistry.class);
    private static final String COLUMNS = "code, kind, town_code, region_code, lon, lat, protocol, plugin, last_seen";

    private final DataSource db;
    private final Clock clock;
    private volatile Duration heartbeat;
    private volatile Map<String, Duration> heartbeatByKind;
    private volatile Duration writeEvery;
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    /** Per reason, when a rejection was last logged at WARN: the rest of that minute goes to DEBUG. */
    private final Map<RejectReason, Long> lastWarned = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenInMemory = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenWritten = new ConcurrentHashMap<>();
    private final SecretHash.Verified verified = new SecretHash.Verified(100_000);

    @Activate
    public JdbcDeviceRegistry(@Reference(target = "(osgi.jndi.service.name=onegrid)") DataSource db,
            @Reference(target = "(" + ModuleSchema.MODULE_PROPERTY + "=device)") ModuleSchema schema,
            GatewayConfig config) {
        this(db, Clock.systemUTC(), Duration.ofSeconds(config.heartbeatTimeoutSeconds()),
                Duration.ofSeconds(config.lastSeenWriteSeconds()));
        modified(config);
    }

    JdbcDeviceRegistry(DataSource db, Clock clock, Duration heartbeat, Duration writeEvery) {
        this.db = db;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.heartbeatByKind = Map.of();
        this.writeEvery = writeEvery;
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new AtomicLong());
        }
    }

    /** New timeouts apply at once, without restarting the gateway and the plugins that use it. */
    @Modified
    void modified(GatewayConfig config) {
        this.heartbeat = Duration.ofSeconds(config.heartbeatTimeoutSeconds());
        this.writeEvery = Duration.ofSeconds(config.lastSeenWriteSeconds());
        this.heartbeatByKind = perKind(config.heartbeatTimeouts());
    }

    /** {@code KIND=seconds} entries; a bad one is logged and skipped (the global timeout applies to that kind). */
    static Map<String, Duration> perKind(String[] entries) {
        Map<String, Duration> byKind = new java.util.HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String part : entry.split(",")) {
                String e = part.strip();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                try {
                    long seconds = Long.parseLong(e.substring(eq + 1).strip());
                    if (eq <= 0 || seconds < 1) {
                        throw new NumberFormatException();
                    }
                    byKind.put(e.substring(0, eq).strip(), Duration.ofSeconds(seconds));
                } catch (RuntimeException bad) {
                    LOG.warn("io.onegrid.device heartbeatTimeouts: '{}' is not KIND=seconds; ignored", e);
                }
            }
        }
        return Map.copyOf(byKind);
    }

    @Override
    public Duration heartbeatTimeout(String kind) {
        return kind == null ? heartbeat : heartbeatByKind.getOrDefault(kind, heartbeat);
    }

    void heartbeatTimeouts(Map<String, Duration> byKind) {
        this.heartbeatByKind = Map.copyOf(byKind);
    }

    @Override
    public boolean retire(String code, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE og_device SET retired_at = ? WHERE code = ? AND retired_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, code);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Retiring device " + code + " failed", e);
        }
    }

    @Override
    public boolean setCredentials(String code, String secret) {
        SecretHash.check(secret);
        String hash = SecretHash.hash(secret);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE og_device SET secret_hash = ?, credentials_at = ? WHERE code = ? AND retired_at IS NULL")) {
            ps.setString(1, hash);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, code);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Setting the credentials of device " + code + " failed", e);
        }
    }

    @Override
    public boolean verifyCredentials(String code, String secret) {
        if (code == null || secret == null) {
            return false;
        }
        String stored = null;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT secret_hash FROM og_device WHERE code = ? AND retired_at IS NULL")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    stored = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Reading the credentials of device {} failed: {}", code, e.toString());
            return false;
        }
        // hashes even without a stored hash: the time taken does not tell which devices have credentials
        return verified.verify(code, secret, stored);
    }

    @Override
    public java.util.Set<String> withCredentials(Caller caller) {
        ScopeSql scope = ScopeSql.where(caller.scope(), "region_code");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT code FROM og_device"
                + " WHERE " + scope.sql() + " AND retired_at IS NULL AND secret_hash IS NOT NULL")) {
            for (int i = 0; i < scope.parameters().size(); i++) {
                ps.setString(i + 1, scope.parameters().get(i));
            }
            java.util.Set<String> codes = new java.util.HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return codes;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading devices failed", e);
        }
    }

    @Override
    public Device register(Device d) {
        try (Connection c = db.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE og_device SET kind = ?, town_code = ?, "
                    + "region_code = ?, lon = ?, lat = ?, protocol = ?, plugin = ?, retired_at = NULL WHERE code = ?")) {
                bindPlace(ps, d);
                ps.setString(8, d.code());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO og_device (kind, town_code, region_code,"
                        + " lon, lat, protocol, plugin, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bindPlace(ps, d);
                    ps.setString(8, d.code());
                    ps.setTimestamp(9, Timestamp.from(clock.instant()));
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Registering device " + d.code() + " failed", e);
        }
        return find(d.code()).orElseThrow();
    }

    private static void bindPlace(PreparedStatement ps, Device d) throws SQLException {
        ps.setString(1, d.kind());
        ps.setString(2, d.townCode());
        ps.setString(3, d.regionCode());
        setDouble(ps, 4, d.lon());
        setDouble(ps, 5, d.lat());
        ps.setString(6, d.protocol());
        ps.setString(7, d.plugin());
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    @Override
    public Optional<Device> find(String code) {
        List<Device> found = query("SELECT " + COLUMNS + " FROM og_device WHERE code = ?", List.of(code));
        return found.stream().findFirst();
    }

    @Override
    public List<Device> list(Caller caller) {
        ScopeSql scope = ScopeSql.where(caller.scope(), "region_code");
        return query("SELECT " + COLUMNS + " FROM og_device WHERE " + scope.sql() + " AND retired_at IS NULL "
                + "ORDER BY code",
                scope.parameters());
    }

    private List<Device> query(String sql, List<String> params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<Device> result = new ArrayList<>();
            Instant now = clock.instant();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    Timestamp stored = rs.getTimestamp(9);
                    Instant last = newest(stored == null ? null : stored.toInstant(), seenInMemory.get(code));
                    result.add(new Device(code, rs.getString(2), rs.getString(3), rs.getString(4),
                            nullableDouble(rs, 5), nullableDouble(rs, 6),
                            rs.getString(7), rs.getString(8), last,
                            last != null && Duration.between(last, now).compareTo(heartbeatTimeout(rs.getString(2)))
                                    <= 0));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading devices failed", e);
        }
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant newest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    @Override
    public void seen(String code, Instant at) {
        seenInMemory.merge(code, at, JdbcDeviceRegistry::newest);
        Instant written = seenWritten.get(code);
        if (written != null && Duration.between(written, at).compareTo(writeEvery) < 0) {
            return;
        }
        seenWritten.put(code, at);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE og_device SET last_seen = ? WHERE code = ? AND (last_seen IS NULL OR last_seen < ?)")) {
            Timestamp t = Timestamp.from(at);
            ps.setTimestamp(1, t);
            ps.setString(2, code);
            ps.setTimestamp(3, t);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Recording that device {} was seen failed: {}", code, e.toString());
        }
    }

    @Override
    public void reject(RejectReason reason, String source, String detail) {
        long count = rejected.get(reason).incrementAndGet();
        long now = clock.millis();
        Long last = lastWarned.get(reason);
        if (last == null || now - last >= 60_000) {
            lastWarned.put(reason, now);
            LOG.warn("Refused a device message ({}, {} so far) from {}: {}", reason, count, source, detail);
        } else {
            LOG.debug("Refused a device message ({}, {} so far) from {}: {}", reason, count, source, detail);
        }
    }

    @Override
    public Map<RejectReason, Long> rejections() {
        Map<RejectReason, Long> counts = new EnumMap<>(RejectReason.class);
        rejected.forEach((r, n) -> counts.put(r, n.get()));
        return counts;
    }
}
