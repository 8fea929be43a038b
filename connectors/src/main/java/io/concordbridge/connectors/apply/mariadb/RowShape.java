package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shape of one row statement: consecutive rows of the same shape go to the server as one
 * multi-row statement ({@link Text}). Immutable and cheap to make (one per row written).
 *
 * @param table      the table
 * @param kind       an upsert or a plain insert of {@code columns}, or a delete by {@code keyColumns}
 * @param columns    the written columns, in order: the after image's for an upsert or insert, the key for a delete
 * @param keyColumns the primary key columns
 */
record RowShape(TableId table, Kind kind, List<String> columns, List<String> keyColumns) {

    enum Kind { UPSERT, INSERT, DELETE }

    RowShape {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    static RowShape upsert(TableId table, List<String> columns, List<String> keyColumns) {
        return new RowShape(table, Kind.UPSERT, columns, keyColumns);
    }

    /** A plain INSERT: it fails (1062) where the row is there after all. */
    static RowShape insert(TableId table, List<String> columns, List<String> keyColumns) {
        return new RowShape(table, Kind.INSERT, columns, keyColumns);
    }

    static RowShape delete(TableId table, List<String> keyColumns) {
        return new RowShape(table, Kind.DELETE, keyColumns, keyColumns);
    }

    /**
     * The statement's text. An upsert assigns every key column through a guard: when the duplicate
     * that fired was another row's secondary unique value (the primary key differs), the key column
     * gets NULL and the statement fails (error 1048) instead of silently rewriting that other row.
     * A delete names its keys with IN, or, for a composite key, as an OR of each key's equalities,
     * which the range optimizer reads as one range per key.
     */
    Text text() {
        String table = Identifiers.quote(this.table);
        if (kind == Kind.DELETE) {
            if (columns.size() == 1) {
                return new Text("DELETE FROM " + table + " WHERE " + Identifiers.quote(columns.get(0)) + " IN (",
                        Text.Form.BARE, null, ", ", ")");
            }
            return new Text("DELETE FROM " + table + " WHERE ", Text.Form.EQUALITIES, columns.stream()
                    .map(Identifiers::quote).map(c -> c + " = ").toList(), " OR ", "");
        }
        String insert = "INSERT INTO " + table + " (" + Identifiers.quoteAll(columns) + ") VALUES ";
        if (kind == Kind.INSERT) {
            return new Text(insert, Text.Form.TUPLE, null, ", ", "");
        }
        Stream<String> guards = keyColumns.stream().map(Identifiers::quote)
                .map(c -> c + " = IF(" + c + " <=> VALUES(" + c + "), VALUES(" + c + "), NULL)");
        Stream<String> assignments = columns.stream().filter(c -> !keyColumns.contains(c)).map(Identifiers::quote)
                .map(c -> c + " = VALUES(" + c + ")");
        return new Text(insert, Text.Form.TUPLE, null, ", ",
                " ON DUPLICATE KEY UPDATE " + Stream.concat(guards, assignments).collect(Collectors.joining(", ")));
    }

    /**
     * A shape's statement as text: {@code head}, the rows joined by {@code separator}, {@code tail};
     * each row in its {@link Form}.
     */
    record Text(String head, Form form, List<String> names, String separator, String tail) {

        /**
         * A statement is sent once its text passes this many chars: at most 3 bytes each in UTF-8
         * (4 for a surrogate pair of 2 chars), so a statement of rows below it stays under 4 MiB, the
         * smallest max_allowed_packet default among MariaDB and MySQL versions. A single larger row
         * goes alone; the server refuses it if it passes max_allowed_packet (named as such).
         */
        static final int MAX_STATEMENT_CHARS = 1 << 20;

        /**
         * How a row is written: its literals as a parenthesized list, its one literal bare, or the
         * conjunction of {@code names[i] literal[i]} (a composite key's delete).
         */
        enum Form { TUPLE, BARE, EQUALITIES }

        /** Appends one row of literals, in the shape's column order. */
        void row(StringBuilder sql, List<Object> values) {
            if (form == Form.BARE) {
                SqlLiterals.append(sql, values.get(0));
                return;
            }
            sql.append('(');
            for (int i = 0; i < values.size(); i++) {
                if (form == Form.EQUALITIES) {
                    sql.append(i == 0 ? "" : " AND ").append(names.get(i));
                } else if (i > 0) {
                    sql.append(", ");
                }
                SqlLiterals.append(sql, values.get(i));
            }
            sql.append(')');
        }

        /** Adds a row to a statement being built: the head before the first row, else the separator. */
        void add(StringBuilder sql, List<Object> values) {
            sql.append(sql.isEmpty() ? head : separator);
            row(sql, values);
        }

        /** Whether a statement being built of {@code rows} rows is full and goes out now. */
        static boolean full(StringBuilder sql, int rows, int maxRows) {
            return rows >= maxRows || sql.length() >= MAX_STATEMENT_CHARS;
        }

        /** The finished statement. */
        String end(StringBuilder sql) {
            return sql.append(tail).toString();
        }

        /** Sends the rows in order, each statement going out once it is {@link #full}. */
        void send(Statement statement, List<List<Object>> rows, int maxRows) throws SQLException {
            StringBuilder sql = new StringBuilder();
            int n = 0;
            for (List<Object> values : rows) {
                add(sql, values);
                if (full(sql, ++n, maxRows)) {
                    statement.executeLargeUpdate(end(sql));
                    sql.setLength(0);
                    n = 0;
                }
            }
            if (n > 0) {
                statement.executeLargeUpdate(end(sql));
            }
        }

        /** The statement of these rows alone. */
        String of(List<List<Object>> rows) {
            StringBuilder sql = new StringBuilder();
            rows.forEach(values -> add(sql, values));
            return end(sql);
        }
    }
}
