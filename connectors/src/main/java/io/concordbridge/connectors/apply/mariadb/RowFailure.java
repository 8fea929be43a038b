package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;

import java.sql.SQLException;

/**
 * A row statement that failed, with the change it came from. {@code located} says whether that
 * change is the one that failed, or only the first of the failing batch of {@code batchSize}
 * (transient failures are not narrowed down: the whole batch is retried anyway).
 */
final class RowFailure extends Exception {

    private final transient OriginTransaction tx;
    private final transient Change change;
    private final boolean located;
    private final int batchSize;

    RowFailure(OriginTransaction tx, Change change, boolean located, int batchSize, String message, Throwable cause) {
        super(message, cause);
        this.tx = tx;
        this.change = change;
        this.located = located;
        this.batchSize = batchSize;
    }

    OriginTransaction tx() {
        return tx;
    }

    Change change() {
        return change;
    }

    boolean located() {
        return located;
    }

    int batchSize() {
        return batchSize;
    }

    /** The SQL error, or null when the change was refused before reaching the server. */
    SQLException sqlCause() {
        return getCause() instanceof SQLException e ? e : null;
    }
}
