package io.concordbridge.client;

import io.concordbridge.core.model.Values;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One replicated table's rows as the client reads and writes them: its primary key, a row by key
 * (locked or not), and the statements that take a row to a resolution's result. Immutable.
 *
 * @param schema     the database
 * @param name       the table
 * @param keyColumns the primary key's columns in key order
 */
record TableRows(String schema, String name, List<String> keyColumns) {

    /** Reads the primary key of {@code db.table}; refuses a table that is missing or has none. */
    static TableRows of(Connection c, String qualified) throws SQLException {
        String[] parts = qualified.split("\\.", 2);
        if (parts.length != 2) {
            throw new ConflictException(ConflictException.Reason.INVALID, "table '" + qualified + "' must be db.table");
        }
        DatabaseMetaData md = c.getMetaData();
        Map<Integer, String> ordered = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(parts[0], null, parts[1])) {
            while (rs.next()) {
                ordered.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        if (ordered.isEmpty()) {
            throw new ConflictException(ConflictException.Reason.INVALID, "table " + qualified
                    + " does not exist on this leader or has no primary key");
        }
        return new TableRows(parts[0], parts[1], List.copyOf(ordered.values()));
    }

    String qualified() {
        return schema + "." + name;
    }

    /** The key's values in key order, taken from {@code row}; refuses a row that lacks a key column. */
    List<Object> keyOf(Map<String, Object> row) {
        List<Object> values = new ArrayList<>();
        for (String k : keyColumns) {
            if (!row.containsKey(k) || row.get(k) == null) {
                throw new ConflictException(ConflictException.Reason.INVALID, "the row lacks key column " + k
                        + " of " + qualified());
            }
            values.add(row.get(k));
        }
        return values;
    }

    /** The row at {@code key}, or null; with {@code lock}, locked for update. */
    Map<String, Object> read(Connection c, List<Object> key, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + quoted() + " WHERE " + keyPredicate()
                + (lock ? " FOR UPDATE" : ""))) {
            bind(ps, 1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        }
    }

    /** Takes the row at {@code key} from {@code current} to {@code target} (null: deleted); false when already there. */
    boolean write(Connection c, List<Object> key, Map<String, Object> current, Map<String, Object> target)
            throws SQLException {
        if (target == null) {
            if (current == null) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + quoted() + " WHERE " + keyPredicate())) {
                bind(ps, 1, key);
                return ps.executeUpdate() > 0;
            }
        }
        if (current != null && same(current, target)) {
            return false;
        }
        List<String> columns = new ArrayList<>(target.keySet());
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(quoted()).append(" (");
        StringBuilder marks = new StringBuilder();
        StringBuilder updates = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String q = quote(columns.get(i));
            sql.append(i == 0 ? "" : ", ").append(q);
            marks.append(i == 0 ? "?" : ", ?");
            updates.append(i == 0 ? "" : ", ").append(q).append(" = VALUES(").append(q).append(')');
        }
        sql.append(") VALUES (").append(marks).append(") ON DUPLICATE KEY UPDATE ").append(updates);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, target.get(columns.get(i)));
            }
            ps.executeUpdate();
        }
        return true;
    }

    private static boolean same(Map<String, Object> current, Map<String, Object> target) {
        for (Map.Entry<String, Object> e : target.entrySet()) {
            if (!current.containsKey(e.getKey()) || !sameValue(current.get(e.getKey()), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** JDBC reads INT as Integer where the row JSON has Long: numbers compare by value. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Double) && !(a instanceof Float)) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Values.same(a, b);
    }

    private String keyPredicate() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            sb.append(i == 0 ? "" : " AND ").append(quote(keyColumns.get(i))).append(" = ?");
        }
        return sb.toString();
    }

    private static void bind(PreparedStatement ps, int first, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(first + i, values.get(i));
        }
    }

    private String quoted() {
        return quote(schema) + "." + quote(name);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
