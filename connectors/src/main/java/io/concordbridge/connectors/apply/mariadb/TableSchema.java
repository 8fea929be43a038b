package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A table's columns (in table order, each with its {@link ColumnKind}) and primary key columns
 * (in key order), as information_schema reports them on one leader. Immutable.
 */
public record TableSchema(TableId table, List<Column> columns, List<String> keyColumns) {

    /** One column. */
    public record Column(String name, ColumnKind kind, String columnType) {
    }

    public TableSchema {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }

    /** The table's definition, or empty when the table does not exist. */
    public static Optional<TableSchema> load(Connection connection, TableId table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString(1), ColumnKind.of(rs.getString(2), rs.getString(3)),
                            rs.getString(3)));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new TableSchema(table, columns, key));
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code SELECT <every column> FROM t ORDER BY <key>}, in an order Java can reproduce (see {@link ColumnKind}). */
    public String selectInKeyOrder() {
        String select = columns.stream().map(c -> c.kind().selectExpression(c.name())).collect(Collectors.joining(", "));
        String order = keyColumns.stream().map(k -> columns.get(indexOf(k)))
                .map(c -> c.kind().orderExpression(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + select + " FROM " + Identifiers.quote(table) + " ORDER BY " + order;
    }

    /** Column names with their kinds, for comparing definitions across leaders. */
    public String shape() {
        return columns.stream().map(c -> c.name() + " " + c.kind()).collect(Collectors.joining(", "));
    }
}
