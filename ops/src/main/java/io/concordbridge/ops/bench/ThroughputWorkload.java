package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W1 or W2: what is pre-loaded everywhere, what is written at the origin, and how a target shows
 * that the last change has arrived. The last change written is always the one the sentinel looks
 * for, and both replications apply one origin's changes in commit order, so once it is visible
 * every change is.
 */
interface ThroughputWorkload {

    /** Short name, also the suffix of the database and of the bridge's state: {@code w1}. */
    String key();

    /** The label of the table's row, e.g. {@code W1 100k single-row updates}. */
    String title(int rows);

    default String database() {
        return "bench_" + key();
    }

    int rowsPerTransaction();

    /** Puts the starting rows on every server, outside the binlog. */
    void preload(List<LocalMariaDb> servers, int rows) throws SQLException;

    /** Writes {@code rows} rows at the origin, adding each committed row to {@code done}. */
    void write(Connection origin, int rows, AtomicLong done) throws SQLException;

    /** A query returning one row with a positive number once the last change is visible. */
    String sentinelQuery(int rows);
}
