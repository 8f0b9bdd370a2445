package io.onegrid.address.internal.collect;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

class PostgresFormsTest extends FormsContract {

    private String schema;

    @Override
    DataSource dataSource() {
        schema = TestDatabases.createPostgresSchema();
        return TestDatabases.postgres(schema);
    }

    @Override
    String dialect() {
        return "postgresql";
    }

    @AfterEach
    void dropSchema() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }
}
