package io.concordbridge.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row-level change as captured at its origin.
 *
 * @param table      the table
 * @param op         insert, update or delete
 * @param keyColumns primary key column names, in key order
 * @param before     the row before the change (null for an insert), column name to value in table order
 * @param after      the row after the change (null for a delete)
 * @param stamp      its version stamp; null until the pipeline stamps the captured change
 * @param cells      for a table that merges per column: the stamps of every column of the row it leaves
 *                   (of a delete: of the row it deleted); null otherwise
 */
public record Change(TableId table, Op op, List<String> keyColumns,
                     Map<String, Object> before, Map<String, Object> after, Stamp stamp, Cells cells) {

    /** A change without column stamps. */
    public Change(TableId table, Op op, List<String> keyColumns, Map<String, Object> before,
                  Map<String, Object> after, Stamp stamp) {
        this(table, op, keyColumns, before, after, stamp, null);
    }

    public Change {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        keyColumns = List.copyOf(keyColumns);
        before = frozen(before);
        after = frozen(after);
        if (op != Op.INSERT && before == null) {
            throw new IllegalArgumentException(op + " of " + table + " needs a before image");
        }
        if (op != Op.DELETE && after == null) {
            throw new IllegalArgumentException(op + " of " + table + " needs an after image");
        }
    }

    /** An unmodifiable copy in column order, shared where already one ({@link Values#frozen}). */
    private static Map<String, Object> frozen(Map<String, Object> row) {
        return Values.frozen(row);
    }

    public Change withStamp(Stamp newStamp) {
        return new Change(table, op, keyColumns, before, after, newStamp, cells);
    }

    public Change withCells(Cells newCells) {
        return new Change(table, op, keyColumns, before, after, stamp, newCells);
    }

    /** The row image that identifies the row: after for inserts and updates, before for deletes. */
    public Map<String, Object> image() {
        return op == Op.DELETE ? before : after;
    }

    /** The key of the row this change leaves behind (the after key; for a delete the before key). */
    public RowKey key() {
        return keyOf(image());
    }

    /** The key the row had before the change (differs from {@link #key()} when an update moved the key). */
    public RowKey beforeKey() {
        return keyOf(before != null ? before : after);
    }

    private RowKey keyOf(Map<String, Object> row) {
        List<Object> values = new ArrayList<>(keyColumns.size());
        for (String c : keyColumns) {
            values.add(row.get(c));
        }
        return new RowKey(table, values);
    }
}
