package io.onegrid.plugin.flood.internal;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

/** The same engine tests on PostgreSQL (127.0.0.1:5432; skipped when none answers, unless CI requires it). */
class PostgresFloodServiceTest extends FloodServiceTest {

    private String schema;

    @Override
    DataSource newDatabase() {
        schema = TestDatabases.createPostgresSchema();
        return TestDatabases.postgres(schema);
    }

    @Override
    void dropDatabase() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }
}
