package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state an apply leaves, from what detection and resolution proposed: the row settled column
 * by column where the table merges per column ({@link ColumnStates}), a tombstone that keeps the
 * row it deleted where the table needs it ({@link TablePolicy#keepsDeletedRow}), and counter
 * columns settled as sums ({@link #counters}). The apply and the tests of convergence both go
 * through here. Pure and stateless.
 */
public final class AppliedState {

    private AppliedState() {
    }

    public static LocalRow next(LocalRow local, Change c, LocalRow proposed, TablePolicy p) {
        LocalRow next = ColumnStates.next(local, c, proposed, p);
        if (p.keepsDeletedRow() && next.tombstone() && next.last() == null) {
            Map<String, Object> deleted = null;
            if (c.op() == Op.DELETE && next.stamp().equals(c.stamp())) {
                deleted = c.before();
            } else if (local.tombstone() && next.stamp().equals(local.stamp())) {
                deleted = local.last();
            }
            if (deleted != null) {
                next = LocalRow.tombstone(next.stamp(), next.cells(), deleted);
            }
        }
        return counters(local, c, next, p);
    }

    /**
     * Counter columns hold the row's starting value plus every delta applied to it, whichever
     * version wins the rest of the row: the local counter (of the row, or of the row its tombstone
     * kept, or nothing where the row never was here) plus the change's delta, {@code after - before}
     * (an insert's before being the row its origin's tombstone kept, or nothing). A delete adds
     * nothing and its tombstone keeps the sums, so an update that loses to a delete still counts when
     * a later write brings the row back. Addition commutes: every leader ends with the same sums
     * whatever the order the changes arrive in, deletes included. A tombstone written before
     * tombstones kept counters, and a value that is not a number or overflows, leave the proposal's
     * value (the conflict is stored then).
     */
    private static LocalRow counters(LocalRow local, Change c, LocalRow next, TablePolicy p) {
        if (p.counters().isEmpty() || next.stamp() == null || local.tombstone() && local.last() == null
                || c.stamp() != null && c.stamp().equals(local.stamp())) {
            return next; // no sums kept, or this very version is already here and counted
        }
        Map<String, Object> held = local.present() ? local.row() : local.tombstone() ? local.last() : null;
        Map<String, Object> settled = next.present() ? next.row() : next.last();
        if (settled == null) {
            return next;
        }
        Map<String, Object> row = new LinkedHashMap<>(settled);
        for (String col : p.counters()) {
            if (!row.containsKey(col)) {
                continue;
            }
            Object mine = held == null ? null : held.get(col);
            try {
                row.put(col, c.op() == Op.DELETE ? CounterMath.add(mine, null, null)
                        : CounterMath.add(mine, c.after().get(col), c.before() == null ? null : c.before().get(col)));
            } catch (ArithmeticException | IllegalArgumentException e) {
                // the proposal's value stands; the resolution stored the conflict
            }
        }
        return next.present() ? LocalRow.of(row, next.stamp(), next.cells())
                : LocalRow.tombstone(next.stamp(), next.cells(), row);
    }
}
