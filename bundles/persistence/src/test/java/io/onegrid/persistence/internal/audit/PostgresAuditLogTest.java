package io.onegrid.persistence.internal.audit;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class PostgresAuditLogTest extends AuditLogContract {

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
