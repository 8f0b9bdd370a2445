package io.onegrid.persistence.internal.migration;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;

class DerbyMigrationRunnerTest extends MigrationRunnerContract {

    private DataSource dataSource;

    @BeforeEach
    void freshDatabase() {
        dataSource = TestDatabases.derby();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }
}
