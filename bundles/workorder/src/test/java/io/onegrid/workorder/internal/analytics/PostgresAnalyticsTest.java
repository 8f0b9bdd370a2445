package io.onegrid.workorder.internal.analytics;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class PostgresAnalyticsTest extends AnalyticsContract {

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
