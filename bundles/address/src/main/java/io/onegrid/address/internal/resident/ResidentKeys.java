package io.onegrid.address.internal.resident;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The keys that protect residents' ID numbers: a file of two Base64 keys, generated with {@code SecureRandom} at the
 * first start and read at every later one. The database keeps only a fingerprint of them ({@code og_resident_keyring})
 * so that a node started with a missing, corrupt or different key file refuses to run instead of writing numbers
 * nobody can read later. Nothing here ever generates keys while protected numbers or a fingerprint exist.
 */
public final class ResidentKeys {

    static final String ENCRYPTION = "encryption";
    static final String LOOKUP = "lookup";

    private ResidentKeys() {
    }

    /**
     * Reads the key file, or creates it when this database has never protected an ID number.
     *
     * @throws IllegalStateException saying what to do, when the file is missing, unreadable or not the one the
     *                               stored numbers were protected with
     */
    public static IdProtector open(Path file, DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            long residents = count(c);
            String stored = storedFingerprint(c);
            IdProtector.Keys keys;
            if (Files.exists(file)) {
                keys = read(file);
            } else if (residents > 0 || stored != null) {
                throw new IllegalStateException("The key file " + file + " that protects residents' ID numbers is"
                        + " missing, but the database holds " + residents + " resident(s) protected with it. Restore"
                        + " the file from the backup (or copy it from another node) and restart; new keys would make"
                        + " every stored ID number unreadable.");
            } else {
                keys = IdProtector.generateKeys();
                write(file, keys);
            }
            IdProtector protector;
            try {
                protector = IdProtector.fromBase64(keys.encryptionKey(), keys.lookupKey());
            } catch (IllegalArgumentException e) {
                throw corrupt(file, e.getMessage());
            }
            String fingerprint = fingerprint(keys);
            if (stored == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO og_resident_keyring (id, fingerprint, created_at) VALUES (1, ?, ?)")) {
                    ps.setString(1, fingerprint);
                    ps.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
                    ps.executeUpdate();
                }
            } else if (!stored.equals(fingerprint)) {
                throw new IllegalStateException("The key file " + file + " holds other keys than those the stored"
                        + " ID numbers were protected with. Put the original file back (every node needs the same"
                        + " file) and restart.");
            }
            checkSample(c, protector, file);
            return protector;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot check the resident keys against the database: " + e.getMessage(), e);
        }
    }

    /** The fingerprint stored in the database: SHA-256 over both keys, which tells nothing about them. */
    static String fingerprint(IdProtector.Keys keys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("onegrid-resident-keys\n".getBytes(StandardCharsets.US_ASCII));
            sha.update((keys.encryptionKey() + "\n" + keys.lookupKey()).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IdProtector.Keys read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        String enc = p.getProperty(ENCRYPTION);
        String lookup = p.getProperty(LOOKUP);
        if (enc == null || lookup == null || enc.isBlank() || lookup.isBlank()) {
            throw corrupt(file, "it lacks the '" + ENCRYPTION + "' or '" + LOOKUP + "' line");
        }
        return new IdProtector.Keys(enc.strip(), lookup.strip());
    }

    private static IllegalStateException corrupt(Path file, String why) {
        return new IllegalStateException("The key file " + file + " that protects residents' ID numbers is damaged: "
                + why + ". Restore it from the backup and restart; it is never regenerated over stored numbers.");
    }

    /** Written to a private temporary file first and moved into place, so a crash never leaves half a key file. */
    private static void write(Path file, IdProtector.Keys keys) {
        String text = "# OneGrid: the keys protecting residents' ID numbers (AES-256-GCM, HMAC-SHA256), generated "
                + java.time.OffsetDateTime.now() + ".\n"
                + "# Back this file up with the database and give every node the same copy: without it the stored ID\n"
                + "# numbers cannot be read. Never change it; OneGrid refuses to start with other keys.\n"
                + ENCRYPTION + "=" + keys.encryptionKey() + "\n" + LOOKUP + "=" + keys.lookupKey() + "\n";
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("The key file " + file + " appeared while OneGrid was creating it; restart",
                    e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the resident key file " + file + ": " + e, e);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM og_resident")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String storedFingerprint(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT fingerprint FROM og_resident_keyring WHERE id = 1")) {
            return rs.next() ? rs.getString(1).strip() : null;
        }
    }

    /** Decrypts one stored number and recomputes its hash: proves both keys, even for data older than the keyring. */
    private static void checkSample(Connection c, IdProtector protector, Path file) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id_cipher, id_hash FROM og_resident ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
            if (rs.next()) {
                boolean ok;
                try {
                    ok = protector.lookupHash(protector.decrypt(rs.getString(1))).equals(rs.getString(2).strip());
                } catch (IdProtector.DecryptionException e) {
                    ok = false;
                }
                if (!ok) {
                    throw new IllegalStateException("The key file " + file + " cannot read the stored ID numbers. Put"
                            + " the original file back and restart.");
                }
            }
        }
    }
}
