package io.concordbridge.core.model;

import java.util.List;

/** The primary key of one row: its table and the key column values in key order. */
public record RowKey(TableId table, List<Object> values) {

    public RowKey {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    @Override
    public String toString() {
        return table + " " + Values.describe(values);
    }
}
