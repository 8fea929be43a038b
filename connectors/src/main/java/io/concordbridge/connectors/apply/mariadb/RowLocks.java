package io.concordbridge.connectors.apply.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * ((v...), ...) FOR UPDATE}, {@value RowVersions#CHUNK} keys per statement, the key values written as
 * {@link SqlLiterals}. A key without a row gets a gap lock, so no other transaction can insert it
 * until the apply commits. The index is forced: on a small table the optimizer prefers a scan, which
 * locks every row it passes, so an application lock on any row would hold up every lane applying to
 * the table. Stateless; the connection is the caller's.
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
            read(connection, sql(schema, chunk), schema, rows);
        }
        return rows;
    }

    /** Locks and reads the rows whose {@code columns} hold {@code values} (a unique index lookup). */
    static Map<RowRef, Map<String, Object>> lockWhere(Connection connection, TableSchema schema, List<String> columns,
                                                       List<Object> values) throws SQLException {
        StringBuilder sql = new StringBuilder(select(schema)).append(" WHERE ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(Identifiers.quote(columns.get(i))).append(" = ");
            SqlLiterals.append(sql, values.get(i));
        }
        Map<RowRef, Map<String, Object>> rows = new LinkedHashMap<>();
        read(connection, sql.append(" FOR UPDATE").toString(), schema, rows);
        return rows;
    }

    static String sql(TableSchema schema, List<List<Object>> keys) {
        List<String> key = schema.keyColumns();
        String columns = key.size() == 1 ? Identifiers.quote(key.get(0)) : "(" + Identifiers.quoteAll(key) + ")";
        return new RowShape.Text(select(schema) + " FORCE INDEX (PRIMARY) WHERE " + columns + " IN (",
                key.size() == 1 ? RowShape.Text.Form.BARE : RowShape.Text.Form.TUPLE, null, ", ", ") FOR UPDATE").of(keys);
    }

    private static String select(TableSchema schema) {
        return "SELECT " + schema.columns().stream().map(c -> c.kind().selectExpression(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + Identifiers.quote(schema.table());
    }

    private static void read(Connection connection, String sql, TableSchema schema,
                             Map<RowRef, Map<String, Object>> into) throws SQLException {
        List<TableSchema.Column> columns = schema.columns();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
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
