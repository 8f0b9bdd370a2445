package io.onegrid.address.internal.resident;

import io.onegrid.persistence.testsupport.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class PostgresResidentTest extends ResidentContract {

    @TempDir
    Path dir;
    private String schema;
    private ResidentDb db;

    @BeforeEach
    void setUp() throws Exception {
        schema = TestDatabases.createPostgresSchema();
        db = new ResidentDb(TestDatabases.postgres(schema), "postgresql", dir.resolve("onegrid-resident.keys"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        TestDatabases.dropPostgresSchema(schema);
    }

    @Override
    ResidentDb db() {
        return db;
    }
}
