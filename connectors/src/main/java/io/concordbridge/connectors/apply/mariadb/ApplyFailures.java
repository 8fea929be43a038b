package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Values;
import io.concordbridge.core.pipeline.ApplyException;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns apply failures into {@link ApplyException}s whose message names the leader, table, key,
 * origin, sequence number and position, the database error and what to do. Row values other than
 * the key never appear in the message (the SQL exception stays attached as the cause). Stateless.
 */
final class ApplyFailures {

    private ApplyFailures() {
    }

    static ApplyException row(String leader, RowFailure f) {
        Change change = f.change();
        OriginTransaction tx = f.tx();
        String where = leader + ": cannot apply " + change.op().name().toLowerCase(java.util.Locale.ROOT) + " of " + change.table()
                + " key " + key(change.keyColumns(), change.key().values())
                + " (origin " + tx.origin() + " seq " + tx.seq() + " at " + tx.position() + ")"
                + (f.located() ? "" : ", the first of a failing batch of " + f.batchSize() + " changes to that table");
        SQLException sql = f.sqlCause();
        if (sql == null) {
            return new ApplyException(where + ": " + f.getMessage() + ". Not retried: the change cannot be "
                    + "written as captured; check the capture of " + tx.origin() + " and the column types of "
                    + change.table() + ".", false, f);
        }
        MariaDbErrors.Classification c = MariaDbErrors.classify(sql);
        return new ApplyException(where + ": " + c.what() + " " + MariaDbErrors.describe(sql) + ". "
                + MariaDbApplier.todo(c), c.transientFailure(), sql);
    }

    static ApplyException commit(String leader, List<OriginTransaction> txs, SQLException e) {
        MariaDbErrors.Classification c = MariaDbErrors.classify(e);
        return new ApplyException(leader + ": commit of " + span(txs) + " failed: " + c.what() + " "
                + MariaDbErrors.describe(e) + ". " + MariaDbApplier.todo(c), c.transientFailure(), e);
    }

    /** {@code id=7} or {@code a=1, b=x}: key columns with their values shortened for messages. */
    static String key(List<String> columns, List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=')
                    .append(i < values.size() ? Values.describe(values.get(i)) : "?");
        }
        return sb.toString();
    }

    /** {@code 3 transactions (dc1 seq 4..9, dc3 seq 2)}. */
    static String span(List<OriginTransaction> txs) {
        Map<String, long[]> ranges = new LinkedHashMap<>();
        for (OriginTransaction tx : txs) {
            ranges.merge(tx.origin(), new long[] {tx.seq(), tx.seq()},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        return txs.size() + " transaction" + (txs.size() == 1 ? "" : "s") + " (" + ranges.entrySet().stream()
                .map(e -> e.getKey() + " seq " + e.getValue()[0]
                        + (e.getValue()[0] == e.getValue()[1] ? "" : ".." + e.getValue()[1]))
                .collect(Collectors.joining(", ")) + ")";
    }
}
