package io.onegrid.address.internal.resident;

import io.onegrid.persistence.testsupport.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class DerbyResidentTest extends ResidentContract {

    @TempDir
    Path dir;
    private ResidentDb db;

    @BeforeEach
    void setUp() throws Exception {
        db = new ResidentDb(TestDatabases.derby(), "derby", dir.resolve("onegrid-resident.keys"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Override
    ResidentDb db() {
        return db;
    }
}
