package io.onegrid.persistence.internal.audit;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class DerbyAuditLogTest extends AuditLogContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.derby();
    }

    @Override
    void dropDatabase() {
        // In memory: gone with the JVM.
    }
}
