package io.onegrid.workorder.internal.analytics;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class DerbyAnalyticsTest extends AnalyticsContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.derby();
    }

    @Override
    void dropDatabase() {
        // In memory: gone with the JVM.
    }

}
