package io.onegrid.workorder.internal;

import java.sql.SQLException;
import javax.persistence.OptimisticLockException;

/** Recognises the database failures the kernel turns into answers. */
final class Failures {

    private Failures() {
    }

    /** A unique or primary-key constraint refused a row (SQLState 23505 on Derby and PostgreSQL). */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** Another transaction changed the row first. */
    static boolean isOptimisticLock(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OptimisticLockException
                    || c.getClass().getName().endsWith("OptimisticException")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
