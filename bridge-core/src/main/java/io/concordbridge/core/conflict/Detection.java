package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;

import java.util.Map;
import java.util.Objects;

/** What {@link Detector} found for one incoming change. */
public sealed interface Detection permits Detection.Apply, Detection.Noop, Detection.Conflicted {

    /**
     * No conflict: write {@code row} (null: delete the row, keeping a tombstone) and record
     * {@code stamp} as its version. The row may merge the local row with the change (detect
     * {@code columns}, counter deltas); then {@code stamp} is the higher-ranked of the two versions'.
     */
    record Apply(Map<String, Object> row, Stamp stamp) implements Detection {

        public Apply {
            Objects.requireNonNull(stamp, "stamp");
            row = LocalRow.copy(row);
        }

        /** The local state after the apply wrote this. */
        public LocalRow applyTo(LocalRow local) {
            return row == null ? LocalRow.tombstone(stamp) : LocalRow.of(row, stamp);
        }
    }

    /**
     * The row already is what the change makes it (the same version, an identical row, a delete of
     * a deleted row): write no row, only record {@code stamp} as its version when it differs from
     * the local stamp (two leaders that wrote the same thing must end with the same stamp).
     */
    record Noop(Stamp stamp) implements Detection {

        public LocalRow applyTo(LocalRow local) {
            return Objects.equals(stamp, local.stamp()) ? local : new LocalRow(local.row(), stamp, !local.present());
        }
    }

    /** A conflict, for {@link Resolver}. */
    record Conflicted(Conflict conflict) implements Detection {

        public Conflicted {
            Objects.requireNonNull(conflict, "conflict");
        }

        public ConflictType type() {
            return conflict.type();
        }
    }
}
