package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes changes as row statements on one connection, in exactly the order given: consecutive
 * rows of one {@link RowShape} are bound into one JDBC batch (which the driver sends as one
 * multi-row statement), and a batch is sent whenever the shape changes, it is full, or
 * {@link #flush()} is called. Rows are written as upserts of a whole row image and deletes by key;
 * the caller decides which. Prepared statements are cached per shape for the life of the
 * connection. Not thread-safe; never commits.
 */
final class RowWriter implements AutoCloseable {

    private static final int MAX_CACHED_STATEMENTS = 256;

    private record Pending(OriginTransaction tx, Change change, List<Object> values) {
    }

    private final Connection connection;
    private final int maxBatchRows;
    private final Map<RowShape, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowShape, PreparedStatement> eldest) {
            if (size() <= MAX_CACHED_STATEMENTS) {
                return false;
            }
            MariaDbConnections.closeQuietly(eldest.getValue());
            return true;
        }
    };
    private final List<Pending> pending = new ArrayList<>();
    private RowShape shape;
    private PreparedStatement current;

    RowWriter(Connection connection, int maxBatchRows) {
        this.connection = connection;
        this.maxBatchRows = maxBatchRows;
    }

    /** Adds an upsert of {@code row} (every key column included) on behalf of {@code change}. */
    void upsert(OriginTransaction tx, Change change, Map<String, Object> row) throws RowFailure {
        for (String key : change.keyColumns()) {
            if (!row.containsKey(key)) {
                throw refused(tx, change, "the row image lacks key column " + key);
            }
        }
        add(RowShape.upsert(change.table(), List.copyOf(row.keySet()), change.keyColumns()), tx, change,
                new ArrayList<>(row.values()));
    }

    /** Adds a delete of the row with these key values (in key order) on behalf of {@code change}. */
    void delete(OriginTransaction tx, Change change, List<Object> keyValues) throws RowFailure {
        add(RowShape.delete(change.table(), change.keyColumns()), tx, change, new ArrayList<>(keyValues));
    }

    /** Sends the pending batch. On failure the batch is dropped; the caller rolls back. */
    void flush() throws RowFailure {
        if (pending.isEmpty()) {
            return;
        }
        try {
            current.executeBatch();
            pending.clear();
        } catch (SQLException e) {
            try {
                throw locate(e);
            } finally {
                discard();
            }
        }
    }

    /** Forgets the pending batch (after a failure, before the rollback). */
    void discard() {
        pending.clear();
        if (current != null) {
            try {
                current.clearBatch();
            } catch (SQLException ignored) {
                // the connection is going to be rolled back or closed anyway
            }
        }
    }

    @Override
    public void close() {
        statements.values().forEach(MariaDbConnections::closeQuietly);
        statements.clear();
        pending.clear();
        current = null;
        shape = null;
    }

    private void add(RowShape rowShape, OriginTransaction tx, Change change, List<Object> values) throws RowFailure {
        if (!rowShape.equals(shape) || pending.size() >= maxBatchRows) {
            flush();
            select(rowShape, tx, change);
        }
        try {
            bind(rowShape, values);
            current.addBatch();
        } catch (IllegalArgumentException e) {
            throw refused(tx, change, e.getMessage());
        } catch (SQLException e) {
            throw new RowFailure(tx, change, true, 1, null, e);
        }
        pending.add(new Pending(tx, change, values));
    }

    private void select(RowShape rowShape, OriginTransaction tx, Change change) throws RowFailure {
        PreparedStatement ps = statements.get(rowShape);
        if (ps == null) {
            try {
                ps = connection.prepareStatement(rowShape.sql());
            } catch (SQLException e) {
                throw new RowFailure(tx, change, true, 1, null, e);
            }
            statements.put(rowShape, ps);
        }
        shape = rowShape;
        current = ps;
    }

    private void bind(RowShape rowShape, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            try {
                ValueBinder.bind(current, i + 1, values.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("column " + rowShape.columns().get(i) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Finds the change that made a batch fail. Rows of a failed multi-row statement were rolled
     * back with it, earlier statements of the batch were not; upserts and deletes by key are
     * idempotent, so replaying the batch row by row in the same transaction finds the culprit. Not
     * for unique clashes (1062, or 1048 from the key guard): the applier retries those change by change.
     */
    private RowFailure locate(SQLException batchError) {
        Pending first = pending.get(0);
        int code = MariaDbErrors.mostSpecific(batchError).getErrorCode();
        if (pending.size() == 1 || MariaDbErrors.classify(batchError).transientFailure() || code == 1062 || code == 1048) {
            return new RowFailure(first.tx(), first.change(), pending.size() == 1, pending.size(), null, batchError);
        }
        for (Pending p : pending) {
            try {
                current.clearBatch();
                bind(shape, p.values());
                current.executeUpdate();
            } catch (SQLException e) {
                return new RowFailure(p.tx(), p.change(), true, pending.size(), null, e);
            }
        }
        return new RowFailure(first.tx(), first.change(), false, pending.size(), null, batchError);
    }

    static RowFailure refused(OriginTransaction tx, Change change, String reason) {
        return new RowFailure(tx, change, true, 1, reason, null);
    }
}
