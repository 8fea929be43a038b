package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;

import java.util.Map;

/**
 * The state an apply leaves, from what detection and resolution proposed: the row settled column
 * by column where the table merges per column ({@link ColumnStates}), and a tombstone that keeps
 * the row it deleted where the table needs it ({@link TablePolicy#keepsDeletedRow}). The apply and
 * the tests of convergence both go through here. Pure and stateless.
 */
public final class AppliedState {

    private AppliedState() {
    }

    public static LocalRow next(LocalRow local, Change c, LocalRow proposed, TablePolicy p) {
        LocalRow next = ColumnStates.next(local, c, proposed, p);
        if (!p.keepsDeletedRow() || !next.tombstone() || next.last() != null) {
            return next;
        }
        Map<String, Object> deleted = null;
        if (c.op() == Op.DELETE && next.stamp().equals(c.stamp())) {
            deleted = c.before();
        } else if (local.tombstone() && next.stamp().equals(local.stamp())) {
            deleted = local.last();
        }
        return deleted == null ? next : LocalRow.tombstone(next.stamp(), next.cells(), deleted);
    }
}
