package io.concordbridge.connectors.apply.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Locks rows of one table by primary key and reads them as {@link io.concordbridge.core.model.Values}
 * types ({@link ColumnKind}): {@code SELECT <columns> FROM t FORCE INDEX (PRIMARY) WHERE (k...) IN
 * ((?...), ...) FOR UPDATE}, {@value RowVersions#CHUNK} keys per statement. A key without a row gets a
 * gap lock, so no other transaction can insert it until the apply commits. The index is forced: on a
 * small table the optimizer prefers a scan, which locks every row it passes, so an application lock
 * on any row would hold up every lane applying to the table. Stateless; the connection is the caller's.
 */
final class RowLocks {

    private RowLocks() {
    }

    /** The rows found for these keys (each a list of key values in key order), by {@link RowRef}. */
    static Map<RowRef, Map<String, Object>> lock(Connection connection, TableSchema schema,
                                                  Collection<List<Object>> keys) throws SQLException {
        Map<RowRef, Map<String, Object>> rows = new HashMap<>();
        List<List<Object>> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += RowVersions.CHUNK) {
            List<List<Object>> chunk = all.subList(from, Math.min(all.size(), from + RowVersions.CHUNK));
            try (PreparedStatement ps = connection.prepareStatement(sql(schema, chunk.size()))) {
                int i = 1;
                for (List<Object> key : chunk) {
                    for (Object v : key) {
                        ValueBinder.bind(ps, i++, v);
                    }
                }
                read(ps, schema, rows);
            }
        }
        return rows;
    }

    /** Locks and reads the rows whose {@code columns} hold {@code values} (a unique index lookup). */
    static Map<RowRef, Map<String, Object>> lockWhere(Connection connection, TableSchema schema, List<String> columns,
                                                       List<Object> values) throws SQLException {
        String where = columns.stream().map(c -> Identifiers.quote(c) + " = ?").collect(Collectors.joining(" AND "));
        Map<RowRef, Map<String, Object>> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(select(schema) + " WHERE " + where + " FOR UPDATE")) {
            for (int i = 0; i < values.size(); i++) {
                ValueBinder.bind(ps, i + 1, values.get(i));
            }
            read(ps, schema, rows);
        }
        return rows;
    }

    static String sql(TableSchema schema, int keys) {
        List<String> key = schema.keyColumns();
        String tuple = key.size() == 1 ? "?" : "(" + key.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
        String columns = key.size() == 1 ? Identifiers.quote(key.get(0)) : "(" + Identifiers.quoteAll(key) + ")";
        return select(schema) + " FORCE INDEX (PRIMARY) WHERE " + columns + " IN (" + String.join(", ", java.util.Collections.nCopies(keys, tuple))
                + ") FOR UPDATE";
    }

    private static String select(TableSchema schema) {
        return "SELECT " + schema.columns().stream().map(c -> c.kind().selectExpression(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + Identifiers.quote(schema.table());
    }

    private static void read(PreparedStatement ps, TableSchema schema, Map<RowRef, Map<String, Object>> into)
            throws SQLException {
        List<TableSchema.Column> columns = schema.columns();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 0; c < columns.size(); c++) {
                    row.put(columns.get(c).name(), columns.get(c).kind().read(rs, c + 1));
                }
                List<Object> key = new ArrayList<>(schema.keyColumns().size());
                for (String k : schema.keyColumns()) {
                    key.add(row.get(k));
                }
                into.put(RowRef.of(schema.table(), key), row);
            }
        }
    }
}
