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
 */
public record Version(String leader, Stamp stamp, Map<String, Object> row) {

    public Version {
        row = LocalRow.copy(row);
    }

    /** The version the apply found locally. */
    public static Version of(LocalRow local) {
        return new Version(local.stamp() == null ? null : local.stamp().leader(), local.stamp(), local.row());
    }

    /** The version an incoming change writes: its after image, or a delete. */
    public static Version of(Change c) {
        return new Version(c.stamp().leader(), c.stamp(), c.op() == Op.DELETE ? null : c.after());
    }

    public boolean deleted() {
        return row == null;
    }

    /** Who wrote it, for reasons: the leader, or "the unstamped row". */
    String who() {
        return leader != null ? leader : "the unstamped row";
    }
}
