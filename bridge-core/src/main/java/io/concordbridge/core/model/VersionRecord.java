package io.concordbridge.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a leader's meta schema records of a row's current version: its stamp; for a table that
 * merges per column, its column stamps (null otherwise); for a tombstone of a table that keeps
 * deleted rows, the row it deleted (null otherwise). Immutable.
 */
public record VersionRecord(Stamp stamp, Cells cells, Map<String, Object> last) {

    public VersionRecord {
        Objects.requireNonNull(stamp, "stamp");
    }

    public VersionRecord(Stamp stamp, Cells cells) {
        this(stamp, cells, null);
    }
}
