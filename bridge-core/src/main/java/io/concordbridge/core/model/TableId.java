package io.concordbridge.core.model;

import java.util.Objects;

/** A replicated table, {@code database.table}. Immutable. */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code database.table}; throws {@link IllegalArgumentException} naming the input otherwise. */
    public static TableId parse(String qualified) {
        int dot = qualified == null ? -1 : qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("'" + qualified + "' is not of the form database.table");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public int compareTo(TableId o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
