package io.onegrid.persistence.internal.migration;

/** A module's schema cannot be brought to the version its code needs; the message says why and what to do. */
public class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
