package io.concordbridge.core.conflict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counter columns on top of any policy, for the decision a conflict record shows: where both
 * versions are rows, each counter becomes {@code local + (remote - base)}, so both sides' changes
 * count, whichever leader computes it. A missing base (two inserts of one key) counts as 0: each
 * insert's value is its delta. When both versions are not rows (a delete is involved) the policy's
 * whole-row decision stands here. A counter that holds a non-number or overflows keeps the policy's
 * value and the conflict is stored. Stateless.
 *
 * <p>The state the apply leaves is settled by {@link AppliedState}, with the same sum in these
 * cases and also where a delete is involved (a tombstone keeps the sums and losing updates still
 * add to them), so three or more concurrent versions, deletes included, end with the same sums in
 * every order.
 */
final class CounterMerge {

    private CounterMerge() {
    }

    static Decision apply(Decision d, Conflict c, TablePolicy p) {
        if (p.counters().isEmpty() || d.row() == null || c.local().deleted() || c.remote().deleted()) {
            return d;
        }
        Map<String, Object> l = c.local().row();
        Map<String, Object> r = c.remote().row();
        Map<String, Object> row = new LinkedHashMap<>(d.row());
        List<String> summed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String col : p.counters()) {
            if (!l.containsKey(col) && !r.containsKey(col)) {
                continue;
            }
            try {
                row.put(col, CounterMath.add(l.get(col), r.get(col), c.base() == null ? null : c.base().get(col)));
                summed.add(col);
            } catch (ArithmeticException | IllegalArgumentException e) {
                failed.add(col + " " + (e instanceof ArithmeticException ? "overflows" : e.getMessage()));
            }
        }
        String reason = d.reason() + (summed.isEmpty() ? "" : "; counters " + String.join(", ", summed)
                + " add both sides' changes") + (failed.isEmpty() ? "" : "; counter " + String.join(", ", failed)
                + ", so it keeps the policy's value and the conflict is stored");
        return new Decision(Decision.outcome(row, c.local(), c.remote()), row, d.stamp(), d.policy(), reason,
                d.store() || !failed.isEmpty());
    }
}
