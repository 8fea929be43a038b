package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The definitions of the tables an applier writes, read from information_schema once per
 * connection (and again when a change names a column the cached definition lacks). Not
 * thread-safe.
 */
final class TableCache {

    private final Map<TableId, TableSchema> schemas = new HashMap<>();
    private final Map<TableId, List<UniqueIndex>> uniques = new HashMap<>();

    /**
     * The table's definition, read again when it lacks one of {@code columns}.
     *
     * @throws SQLException the server's own error (1146) when the table does not exist
     */
    TableSchema schema(Connection connection, TableId table, Iterable<String> columns) throws SQLException {
        TableSchema cached = schemas.get(table);
        if (cached != null && hasAll(cached, columns)) {
            return cached;
        }
        Optional<TableSchema> loaded = TableSchema.load(connection, table);
        if (loaded.isEmpty()) {
            try (Statement s = connection.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + Identifiers.quote(table) + " LIMIT 0").close();
            }
            throw new SQLException("Table '" + table + "' has no columns visible to the bridge user", "42S02", 1146);
        }
        schemas.put(table, loaded.get());
        uniques.remove(table);
        return loaded.get();
    }

    /** The table's secondary unique indexes. */
    List<UniqueIndex> uniqueIndexes(Connection connection, TableId table) throws SQLException {
        List<UniqueIndex> cached = uniques.get(table);
        if (cached == null) {
            cached = UniqueIndex.load(connection, table);
            uniques.put(table, cached);
        }
        return cached;
    }

    void clear() {
        schemas.clear();
        uniques.clear();
    }

    private static boolean hasAll(TableSchema schema, Iterable<String> columns) {
        for (String c : columns) {
            if (schema.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
