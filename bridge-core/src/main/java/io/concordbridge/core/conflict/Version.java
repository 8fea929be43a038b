package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;

import java.util.Map;

/**
 * One side of a conflict: a version of the row. Immutable.
 *
 * @param leader the leader that wrote it (its stamp's leader); null for a row that predates the bridge
 * @param stamp  its version stamp; null when unknown (a row that predates the bridge) or absent
 * @param row    the row, or null when this version is a delete (or the row is absent)
 * @param last   of a delete: the row it deleted, where known (a delete change's before image, a tombstone
 *               that keeps it); null otherwise. Not part of what a conflict shows; policies that order a
 *               delete by what it deleted ({@link VersionColumnWins}) read it
 */
public record Version(String leader, Stamp stamp, Map<String, Object> row, Map<String, Object> last) {

    public Version {
        row = LocalRow.copy(row);
        last = row == null ? LocalRow.copy(last) : null;
    }

    public Version(String leader, Stamp stamp, Map<String, Object> row) {
        this(leader, stamp, row, null);
    }

    /** The version the apply found locally. */
    public static Version of(LocalRow local) {
        return new Version(local.stamp() == null ? null : local.stamp().leader(), local.stamp(), local.row(),
                local.last());
    }

    /** The version an incoming change writes: its after image, or a delete (of its before image). */
    public static Version of(Change c) {
        return c.op() == Op.DELETE ? new Version(c.stamp().leader(), c.stamp(), null, c.before())
                : new Version(c.stamp().leader(), c.stamp(), c.after(), null);
    }

    public boolean deleted() {
        return row == null;
    }

    /** Who wrote it, for reasons: the leader, or "the unstamped row". */
    String who() {
        return leader != null ? leader : "the unstamped row";
    }
}
