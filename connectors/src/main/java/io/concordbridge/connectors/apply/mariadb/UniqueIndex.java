package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A secondary unique index of a table: its name and columns in index order. Immutable. */
record UniqueIndex(String name, List<String> columns) {

    UniqueIndex {
        columns = List.copyOf(columns);
    }

    /** The unique indexes of a table other than its primary key, by name. */
    static List<UniqueIndex> load(Connection connection, TableId table) throws SQLException {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME "
                + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 "
                + "AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byName.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<UniqueIndex> indexes = new ArrayList<>();
        byName.forEach((name, columns) -> indexes.add(new UniqueIndex(name, columns)));
        return indexes;
    }
}
