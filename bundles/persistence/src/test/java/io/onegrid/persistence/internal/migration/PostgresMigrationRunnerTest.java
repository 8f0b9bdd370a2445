package io.onegrid.persistence.internal.migration;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresMigrationRunnerTest extends MigrationRunnerContract {

    private String schema;
    private DataSource dataSource;

    @BeforeEach
    void freshSchema() {
        schema = TestDatabases.createPostgresSchema();
        dataSource = TestDatabases.postgres(schema);
    }

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
