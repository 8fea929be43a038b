package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W2: N new rows in transactions of {@value BenchOptions#W2_TX_ROWS} rows, each one multi-row
 * {@code INSERT} (a prepared statement) and a commit, on one connection. Nothing is pre-loaded;
 * the sentinel is the last row, {@code id = N}.
 */
final class BatchedInserts implements ThroughputWorkload {

    private final int txRows;

    BatchedInserts(int txRows) {
        this.txRows = txRows;
    }

    @Override
    public String key() {
        return "w2";
    }

    @Override
    public String title(int rows) {
        return "W2 " + ReportTable.count(rows) + " rows in " + txRows + "-row txs";
    }

    @Override
    public int rowsPerTransaction() {
        return txRows;
    }

    @Override
    public void preload(List<LocalMariaDb> servers, int rows) {
        // inserts only: the table starts empty
    }

    @Override
    public void write(Connection origin, int rows, AtomicLong done) throws SQLException {
        origin.setAutoCommit(false);
        String table = BenchSchema.table(database());
        try (PreparedStatement full = origin.prepareStatement(BenchSchema.multiRowInsert(table, txRows))) {
            long id = 1;
            while (id <= rows) {
                int n = (int) Math.min(txRows, rows - id + 1);
                if (n == txRows) {
                    BenchSchema.bindRows(full, id, n);
                    full.executeUpdate();
                } else {
                    BenchSchema.insertRows(origin, table, id, id + n - 1, n);
                }
                origin.commit();
                id += n;
                done.lazySet(id - 1);
            }
        }
    }

    @Override
    public String sentinelQuery(int rows) {
        return "SELECT COUNT(*) FROM " + BenchSchema.table(database()) + " WHERE id = " + rows;
    }
}
