package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.RowKeyBytes;
import io.concordbridge.core.model.TableId;

import java.util.Arrays;
import java.util.List;

/**
 * A row of a table by its canonical key bytes ({@link RowKeyBytes}): equal for the key of a captured
 * change and the same key read back from the table, so it keys maps of rows and row versions.
 * Ordered as {@code row_version}'s primary key (table name, then the key bytes unsigned), the order
 * every writer of row versions locks them in. Immutable (the table's name is built once asked for); the key array is
 * never handed out.
 */
final class RowRef implements Comparable<RowRef> {

    private final TableId table;
    private final byte[] key;
    private final int hash;
    /** {@code table.toString()} once needed (most refs only key a map); racy but idempotent. */
    private String tableName;

    private RowRef(TableId table, byte[] key) {
        this.table = table;
        this.key = key;
        this.hash = table.hashCode() * 31 + Arrays.hashCode(key);
    }

    static RowRef of(RowKey key) {
        return of(key.table(), key.values());
    }

    static RowRef of(TableId table, List<Object> keyValues) {
        return new RowRef(table, RowKeyBytes.of(keyValues));
    }

    /** A ref from the bytes stored in {@code row_version.pk}. */
    static RowRef stored(TableId table, byte[] key) {
        return new RowRef(table, key.clone());
    }

    TableId table() {
        return table;
    }

    /** {@code database.table}, as stored in {@code row_version.tbl}. */
    String tableName() {
        String name = tableName;
        if (name == null) {
            name = table.toString();
            tableName = name;
        }
        return name;
    }

    /** The bytes stored in {@code row_version.pk}. */
    byte[] bytes() {
        return key.clone();
    }

    @Override
    public int compareTo(RowRef o) {
        int c = table.equals(o.table) ? 0 : tableName().compareTo(o.tableName());
        return c != 0 ? c : Arrays.compareUnsigned(key, o.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowRef r && hash == r.hash && table.equals(r.table) && Arrays.equals(key, r.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return tableName() + " " + java.util.HexFormat.of().formatHex(key);
    }
}
