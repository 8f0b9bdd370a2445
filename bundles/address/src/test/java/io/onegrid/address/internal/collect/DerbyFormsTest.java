package io.onegrid.address.internal.collect;

import io.onegrid.persistence.testsupport.TestDatabases;
import javax.sql.DataSource;

class DerbyFormsTest extends FormsContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.derby();
    }

    @Override
    String dialect() {
        return "derby";
    }
}
