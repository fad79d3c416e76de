package io.wirepunch.core.measure.store;

/** The store could not do what was asked: the database is unreachable, a migration failed, a query broke. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
