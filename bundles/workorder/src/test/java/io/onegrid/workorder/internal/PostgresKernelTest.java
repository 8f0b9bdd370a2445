package io.onegrid.workorder.internal;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class PostgresKernelTest extends KernelContract {

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

    @Override
    String dialect() {
        return "postgresql";
    }
}
