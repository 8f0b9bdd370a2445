package io.onegrid.address.internal.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onegrid.api.identity.Permissions;
import io.onegrid.persistence.testsupport.TestDatabases;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file: generated once, private, and never silently replaced over protected numbers. */
class ResidentKeysTest {

    @TempDir
    Path dir;
    private Path file;
    private ResidentDb db;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("etc/onegrid-resident.keys");
        db = new ResidentDb(TestDatabases.derby(), "derby", file);
    }

    private void registerOne() {
        db.residents.importCsv(ResidentDb.caller("op", "370399101000", Permissions.RESIDENT_WRITE),
                new ByteArrayInputStream(("id_number,name,phone,address_code,tags\n"
                        + IdNumbers.withCheckCharacter("37039919500101001") + ",张建国,," + ResidentDb.HOUSE_A + ",\n")
                        .getBytes(StandardCharsets.UTF_8)), null);
    }

    @Test
    void theFirstStartWritesAPrivateFileThatLaterStartsRead() throws Exception {
        assertTrue(Files.isRegularFile(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        registerOne();
        String before = Files.readString(file);
        IdProtector again = ResidentKeys.open(file, db.ds);
        assertEquals(before, Files.readString(file), "read, not regenerated");
        String cipher = db.query("SELECT id_cipher FROM og_resident");
        assertEquals(IdNumbers.withCheckCharacter("37039919500101001"), again.decrypt(cipher));
    }

    @Test
    void aMissingFileWithProtectedNumbersFailsInsteadOfGeneratingKeys() throws Exception {
        registerOne();
        Files.delete(file);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResidentKeys.open(file, db.ds));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("1 resident"), e.getMessage());
        assertTrue(Files.notExists(file), "no new keys were written");
    }

    @Test
    void aMissingFileFailsEvenBeforeTheFirstResidentOnceKeysWereChosen() throws Exception {
        Files.delete(file);
        assertThrows(IllegalStateException.class, () -> ResidentKeys.open(file, db.ds));
    }

    @Test
    void aCorruptOrForeignFileFails() throws Exception {
        registerOne();
        String original = Files.readString(file);
        Files.writeString(file, "encryption=not base64!\nlookup=x\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> ResidentKeys.open(file, db.ds)).getMessage()
                .contains("damaged"));
        Files.writeString(file, "# nothing\n");
        assertThrows(IllegalStateException.class, () -> ResidentKeys.open(file, db.ds));
        IdProtector.Keys other = IdProtector.generateKeys();
        Files.writeString(file, "encryption=" + other.encryptionKey() + "\nlookup=" + other.lookupKey() + "\n");
        assertTrue(assertThrows(IllegalStateException.class, () -> ResidentKeys.open(file, db.ds)).getMessage()
                .contains("other keys"));
        Files.writeString(file, original);
        ResidentKeys.open(file, db.ds);
    }

    @Test
    void theConfiguredPathWinsOverKarafEtc() {
        assertEquals(Path.of("/srv/keys/k"), ResidentProtection.keyFile(" /srv/keys/k ", "/opt/onegrid/etc"));
        assertEquals(Path.of("/opt/onegrid/etc/onegrid-resident.keys"), ResidentProtection.keyFile("", "/opt/onegrid/etc"));
    }
}
