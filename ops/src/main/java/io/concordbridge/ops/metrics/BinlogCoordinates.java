package io.concordbridge.ops.metrics;

import java.util.Optional;

/**
 * A MariaDB capture position ({@code binlog.000012:4711}) as two numbers a gauge can carry: the
 * binlog file's sequence number and the byte offset in it. The position text itself would be an
 * unbounded label. Immutable.
 */
record BinlogCoordinates(long fileNumber, long offset) {

    /** The coordinates of {@code position}, or empty when it is not {@code file.NNNNNN:offset}. */
    static Optional<BinlogCoordinates> parse(String position) {
        if (position == null) {
            return Optional.empty();
        }
        int colon = position.lastIndexOf(':');
        int dot = colon < 0 ? -1 : position.lastIndexOf('.', colon);
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BinlogCoordinates(Long.parseLong(position.substring(dot + 1, colon)),
                    Long.parseLong(position.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
