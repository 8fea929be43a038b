package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.RowKeyBytes;
import io.concordbridge.core.model.TableId;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A row of a table by its canonical key bytes ({@link RowKeyBytes}): equal for the key of a captured
 * change and the same key read back from the table, so it keys maps of rows and row versions.
 * Immutable.
 */
record RowRef(TableId table, ByteBuffer key) implements Comparable<RowRef> {

    static RowRef of(RowKey key) {
        return new RowRef(key.table(), ByteBuffer.wrap(RowKeyBytes.of(key)).asReadOnlyBuffer());
    }

    static RowRef of(TableId table, List<Object> keyValues) {
        return new RowRef(table, ByteBuffer.wrap(RowKeyBytes.of(keyValues)).asReadOnlyBuffer());
    }

    /** The bytes stored in {@code row_version.pk}. */
    byte[] bytes() {
        byte[] b = new byte[key.remaining()];
        key.duplicate().get(b);
        return b;
    }

    /** Table name, then the key bytes unsigned: the order of {@code row_version}'s primary key. */
    @Override
    public int compareTo(RowRef o) {
        int c = table.toString().compareTo(o.table.toString());
        return c != 0 ? c : Arrays.compareUnsigned(bytes(), o.bytes());
    }
}
