package io.onegrid.workorder.internal;

import io.onegrid.api.workorder.WorkOrderIntake;
import io.onegrid.api.workorder.WorkOrderService;
import java.nio.file.Path;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The work-order bench's county and database (on-disk Derby behind HikariCP, every migration, 5,400 grids with their
 * grid workers, the real {@link WorkOrderKernel}) opened for the flood bench, which lives in another package.
 */
public final class FloodBenchCounty implements AutoCloseable {

    private final WoDatabase db;

    private FloodBenchCounty(WoDatabase db) {
        this.db = db;
    }

    public static FloodBenchCounty open(Path folder) throws Exception {
        return new FloodBenchCounty(new WoDatabase(folder, new WoCounty(20261124L), true));
    }

    public DataSource dataSource() {
        return db.dataSource;
    }

    public WorkOrderIntake intake() {
        return db.kernel;
    }

    public WorkOrderService orders() {
        return db.kernel;
    }

    /** How many grid cells the county has (each a grid with its grid worker). */
    public static int cells() {
        return WoCounty.CELLS;
    }

    public static String gridOf(int cell) {
        return WoCounty.gridCode(cell / WoCounty.COLS, cell % WoCounty.COLS);
    }

    public static String townOf(int cell) {
        return WoCounty.townCode(WoCounty.townOf(cell / WoCounty.COLS, cell % WoCounty.COLS));
    }

    /** A point inside the cell's grid. */
    public static double[] pointOf(int cell) {
        return WoCounty.pointIn(cell, new Random(cell));
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
