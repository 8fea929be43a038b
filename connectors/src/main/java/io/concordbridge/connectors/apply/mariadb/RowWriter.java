package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes changes as row statements on one connection, in exactly the order given: consecutive
 * rows of one {@link RowShape} go out as one multi-row statement, written as text with
 * {@link SqlLiterals} (see there why not as batched parameters), which is sent whenever the shape
 * changes, it holds {@code maxBatchRows} rows or {@link RowShape.Text#MAX_STATEMENT_CHARS}, or {@link #flush()}
 * is called. Rows are written as upserts of a whole row image, plain inserts and deletes by key;
 * the caller decides which. Each shape's statement text is cached for the life of the writer. Not
 * thread-safe; never commits.
 */
final class RowWriter implements AutoCloseable {

    private static final int MAX_CACHED_SHAPES = 256;

    private record Pending(OriginTransaction tx, Change change, List<Object> values) {
    }

    private final Connection connection;
    private final int maxBatchRows;
    private final Map<RowShape, RowShape.Text> texts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowShape, RowShape.Text> eldest) {
            return size() > MAX_CACHED_SHAPES;
        }
    };
    private final List<Pending> pending = new ArrayList<>();
    private final StringBuilder sql = new StringBuilder();
    private RowShape shape;
    private RowShape.Text text;
    private Statement statement;

    RowWriter(Connection connection, int maxBatchRows) {
        this.connection = connection;
        this.maxBatchRows = maxBatchRows;
    }

    /** Adds an upsert of {@code row} (every key column included) on behalf of {@code change}. */
    void upsert(OriginTransaction tx, Change change, Map<String, Object> row) throws RowFailure {
        write(RowShape.Kind.UPSERT, tx, change, row);
    }

    /**
     * Adds a plain insert of {@code row} (every key column included) on behalf of {@code change}: its statement fails
     * with a duplicate key (1062) where the row is there after all.
     */
    void insert(OriginTransaction tx, Change change, Map<String, Object> row) throws RowFailure {
        write(RowShape.Kind.INSERT, tx, change, row);
    }

    private void write(RowShape.Kind kind, OriginTransaction tx, Change change, Map<String, Object> row)
            throws RowFailure {
        for (String key : change.keyColumns()) {
            if (!row.containsKey(key)) {
                throw refused(tx, change, "the row image lacks key column " + key);
            }
        }
        add(new RowShape(change.table(), kind, List.copyOf(row.keySet()), change.keyColumns()), tx, change,
                new ArrayList<>(row.values()));
    }

    /** Adds a delete of the row with these key values (in key order) on behalf of {@code change}. */
    void delete(OriginTransaction tx, Change change, List<Object> keyValues) throws RowFailure {
        add(RowShape.delete(change.table(), change.keyColumns()), tx, change, new ArrayList<>(keyValues));
    }

    /** Sends the pending statement. On failure it is dropped; the caller rolls back. */
    void flush() throws RowFailure {
        if (pending.isEmpty()) {
            return;
        }
        try {
            execute(text.end(sql));
            discard();
        } catch (SQLException e) {
            try {
                throw locate(e);
            } finally {
                discard();
            }
        }
    }

    /** Forgets the pending statement (after a failure, before the rollback). */
    void discard() {
        pending.clear();
        sql.setLength(0);
    }

    @Override
    public void close() {
        MariaDbConnections.closeQuietly(statement);
        statement = null;
        texts.clear();
        discard();
        shape = null;
        text = null;
    }

    private void add(RowShape rowShape, OriginTransaction tx, Change change, List<Object> values) throws RowFailure {
        if (!rowShape.equals(shape) || RowShape.Text.full(sql, pending.size(), maxBatchRows)) {
            flush();
            shape = rowShape;
            text = texts.computeIfAbsent(rowShape, RowShape::text);
        }
        int mark = sql.length();
        try {
            text.add(sql, values);
        } catch (IllegalArgumentException e) {
            sql.setLength(mark);
            throw refused(tx, change, column(rowShape, values, e));
        }
        pending.add(new Pending(tx, change, values));
    }

    /** The refusal of a value, naming its column. */
    private static String column(RowShape rowShape, List<Object> values, IllegalArgumentException e) {
        for (int i = 0; i < values.size(); i++) {
            try {
                SqlLiterals.append(new StringBuilder(), values.get(i));
            } catch (IllegalArgumentException refused) {
                return "column " + rowShape.columns().get(i) + ": " + refused.getMessage();
            }
        }
        return e.getMessage();
    }

    private void execute(String statementText) throws SQLException {
        if (statement == null) {
            statement = connection.createStatement();
        }
        statement.executeLargeUpdate(statementText);
    }

    /**
     * Finds the change that made a statement fail. Its rows were rolled back with it; upserts and
     * deletes by key are idempotent, so replaying them row by row in the same transaction finds the
     * culprit. Not for unique clashes (1062, or 1048 from the key guard): the applier retries those
     * change by change.
     */
    private RowFailure locate(SQLException failure) {
        Pending first = pending.get(0);
        int code = MariaDbErrors.mostSpecific(failure).getErrorCode();
        if (pending.size() == 1 || MariaDbErrors.classify(failure).transientFailure() || code == 1062 || code == 1048) {
            return new RowFailure(first.tx(), first.change(), pending.size() == 1, pending.size(), null, failure);
        }
        for (Pending p : pending) {
            try {
                execute(text.of(List.of(p.values())));
            } catch (SQLException e) {
                return new RowFailure(p.tx(), p.change(), true, pending.size(), null, e);
            }
        }
        return new RowFailure(first.tx(), first.change(), false, pending.size(), null, failure);
    }

    static RowFailure refused(OriginTransaction tx, Change change, String reason) {
        return new RowFailure(tx, change, true, 1, reason, null);
    }
}
