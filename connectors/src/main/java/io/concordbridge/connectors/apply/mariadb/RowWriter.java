package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Values;

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
 * {@link #flush()} is called. Inserts and updates are upserts of the after image; an update that
 * moves the primary key first deletes the old key. Prepared statements are cached per shape for
 * the life of the connection. Not thread-safe; never commits.
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

    void write(OriginTransaction tx, Change change) throws RowFailure {
        if (change.keyColumns().isEmpty()) {
            throw refused(tx, change, "the change has no primary key columns; replicated tables need a primary key");
        }
        switch (change.op()) {
            case INSERT -> upsert(tx, change);
            case UPDATE -> {
                if (keyMoved(change)) {
                    delete(tx, change, change.before());
                }
                upsert(tx, change);
            }
            case DELETE -> delete(tx, change, change.before());
        }
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

    private void upsert(OriginTransaction tx, Change change) throws RowFailure {
        Map<String, Object> after = change.after();
        for (String key : change.keyColumns()) {
            if (!after.containsKey(key)) {
                throw refused(tx, change, "the after image lacks key column " + key);
            }
        }
        add(RowShape.upsert(change.table(), List.copyOf(after.keySet()), change.keyColumns()), tx, change,
                new ArrayList<>(after.values()));
    }

    private void delete(OriginTransaction tx, Change change, Map<String, Object> before) throws RowFailure {
        List<Object> values = new ArrayList<>(change.keyColumns().size());
        for (String key : change.keyColumns()) {
            if (!before.containsKey(key)) {
                throw refused(tx, change, "the before image lacks key column " + key);
            }
            values.add(before.get(key));
        }
        add(RowShape.delete(change.table(), change.keyColumns()), tx, change, values);
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
     * idempotent, so replaying the batch row by row in the same transaction finds the culprit.
     */
    private RowFailure locate(SQLException batchError) {
        Pending first = pending.get(0);
        if (pending.size() == 1 || MariaDbErrors.classify(batchError).transientFailure()) {
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

    private static boolean keyMoved(Change change) {
        List<Object> before = change.beforeKey().values();
        List<Object> after = change.key().values();
        for (int i = 0; i < before.size(); i++) {
            if (!Values.same(before.get(i), after.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static RowFailure refused(OriginTransaction tx, Change change, String reason) {
        return new RowFailure(tx, change, true, 1, reason, null);
    }
}
