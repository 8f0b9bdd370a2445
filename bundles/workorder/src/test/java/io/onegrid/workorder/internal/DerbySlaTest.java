package io.onegrid.workorder.internal;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class DerbySlaTest extends SlaContract {

    @Override
    DataSource newDatabase() {
        return TestDatabases.derby();
    }

    @Override
    void dropDatabase() {
        // In memory: gone with the JVM.
    }

    @Override
    String dialect() {
        return "derby";
    }
}
