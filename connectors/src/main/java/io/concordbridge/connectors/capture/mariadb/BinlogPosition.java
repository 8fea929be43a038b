package io.concordbridge.connectors.capture.mariadb;

import java.util.Map;
import java.util.Objects;

/**
 * A position in a MariaDB binlog: file name and byte offset. Ordered by the file's sequence
 * number (the digits after the last dot, {@code binlog.000012}), then by offset. Immutable.
 */
public record BinlogPosition(String file, long pos) implements Comparable<BinlogPosition> {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
    }

    /** Parses {@code file:pos} as written by {@link #toString()}. */
    public static BinlogPosition parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position of the form file:pos");
        }
        try {
            return new BinlogPosition(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position of the form file:pos", e);
        }
    }

    /** The position of a Debezium binlog source offset ({@code file}, {@code pos}). */
    static BinlogPosition fromOffset(Map<String, ?> offset) {
        Object file = offset.get("file");
        Object pos = offset.get("pos");
        if (!(file instanceof String f) || !(pos instanceof Number p)) {
            throw new IllegalArgumentException("offset " + offset + " has no binlog file and position");
        }
        return new BinlogPosition(f, p.longValue());
    }

    @Override
    public int compareTo(BinlogPosition o) {
        int c = Long.compare(sequence(file), sequence(o.file));
        if (c == 0) {
            c = file.compareTo(o.file);
        }
        return c != 0 ? c : Long.compare(pos, o.pos);
    }

    boolean isAfter(BinlogPosition o) {
        return compareTo(o) > 0;
    }

    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos;
    }
}
