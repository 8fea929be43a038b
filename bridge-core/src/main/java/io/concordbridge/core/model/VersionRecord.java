package io.concordbridge.core.model;

import java.util.Objects;

/**
 * What a leader's meta schema records of a row's current version: its stamp and, for a table that
 * merges per column, its column stamps (null otherwise). Immutable.
 */
public record VersionRecord(Stamp stamp, Cells cells) {

    public VersionRecord {
        Objects.requireNonNull(stamp, "stamp");
    }
}
