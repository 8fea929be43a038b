package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shape of one row statement: consecutive rows of the same shape share a prepared statement
 * and go to the server as one batch. Immutable.
 *
 * @param table      the table
 * @param upsert     an upsert of {@code columns} (else a delete by {@code keyColumns})
 * @param columns    the bound columns, in order: the after image's for an upsert, the key for a delete
 * @param keyColumns the primary key columns
 */
record RowShape(TableId table, boolean upsert, List<String> columns, List<String> keyColumns) {

    RowShape {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    static RowShape upsert(TableId table, List<String> columns, List<String> keyColumns) {
        return new RowShape(table, true, columns, keyColumns);
    }

    static RowShape delete(TableId table, List<String> keyColumns) {
        return new RowShape(table, false, keyColumns, keyColumns);
    }

    /**
     * The statement. An upsert assigns every key column through a guard: when the duplicate that
     * fired was another row's secondary unique value (the primary key differs), the key column gets
     * NULL and the statement fails (error 1048) instead of silently rewriting that other row.
     */
    String sql() {
        String table = Identifiers.quote(this.table);
        if (!upsert) {
            return "DELETE FROM " + table + " WHERE " + columns.stream()
                    .map(c -> Identifiers.quote(c) + " = ?").collect(Collectors.joining(" AND "));
        }
        String placeholders = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        Stream<String> guards = keyColumns.stream().map(Identifiers::quote)
                .map(c -> c + " = IF(" + c + " <=> VALUES(" + c + "), VALUES(" + c + "), NULL)");
        Stream<String> assignments = columns.stream().filter(c -> !keyColumns.contains(c)).map(Identifiers::quote)
                .map(c -> c + " = VALUES(" + c + ")");
        return "INSERT INTO " + table + " (" + Identifiers.quoteAll(columns) + ") VALUES (" + placeholders + ")"
                + " ON DUPLICATE KEY UPDATE "
                + Stream.concat(guards, assignments).collect(Collectors.joining(", "));
    }
}
