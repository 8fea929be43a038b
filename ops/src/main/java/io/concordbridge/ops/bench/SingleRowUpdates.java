package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W1: rows 1..N pre-loaded everywhere, then one autocommitted {@code UPDATE} per row on one
 * connection with a prepared statement. The last update sets {@code v = -1}, which no other
 * write does: the sentinel.
 */
final class SingleRowUpdates implements ThroughputWorkload {

    static final long SENTINEL = -1;

    @Override
    public String key() {
        return "w1";
    }

    @Override
    public String title(int rows) {
        return "W1 " + ReportTable.count(rows) + " single-row updates";
    }

    @Override
    public int rowsPerTransaction() {
        return 1;
    }

    @Override
    public void preload(List<LocalMariaDb> servers, int rows) throws SQLException {
        BenchSchema.preload(servers, database(), rows);
    }

    @Override
    public void write(Connection origin, int rows, AtomicLong done) throws SQLException {
        origin.setAutoCommit(true);
        try (PreparedStatement ps = origin.prepareStatement(
                "UPDATE " + BenchSchema.table(database()) + " SET v = ? WHERE id = ?")) {
            for (int id = 1; id <= rows; id++) {
                ps.setLong(1, id == rows ? SENTINEL : id);
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("W1: row " + id + " of " + BenchSchema.table(database())
                            + " was not there to update; the pre-load failed");
                }
                done.lazySet(id);
            }
        }
    }

    @Override
    public String sentinelQuery(int rows) {
        return "SELECT COUNT(*) FROM " + BenchSchema.table(database()) + " WHERE id = " + rows + " AND v = " + SENTINEL;
    }
}
