package io.concordbridge.core.conflict;

import io.concordbridge.core.conflict.Decision.Outcome;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves a {@link Conflict} with the table's policy, so that every leader that meets the same two
 * versions, in either role, ends with the same row and stamp (promise 6). Stateless, thread-safe.
 *
 * <p>The policy is chosen from {@link TablePolicy#resolve()}: last writer wins (with detect
 * {@code version-column}: {@link VersionColumnWins}, the application's version being the judge of
 * "last"), leader priority, column merge, or manual/handler ({@link Deferred}: a provisional winner
 * by the last-writer rule, stored). Counter columns then combine with any of them
 * ({@link CounterMerge}). Types that are not a choice between two versions have fixed rules:
 * <ul>
 *   <li>{@code update_missing} with a tombstone: the policy decides between the update and the delete,
 *       whole row (last writer wins: the later stamp);</li>
 *   <li>{@code update_missing} without a tombstone (the insert has not arrived from a third leader):
 *       the update is written as an insert; its counters hold only the update's delta, since the insert,
 *       when it arrives, meets the row as {@code insert_exists} and adds its own value;</li>
 *   <li>{@code delete_missing}: nothing to delete, but the decision is {@link Outcome#DELETE} so the
 *       apply keeps a tombstone with the delete's stamp; an insert of the key that arrives later from a
 *       third leader (the one this delete deleted) then loses against it instead of resurrecting the row;</li>
 *   <li>{@code unique_violation}: no row of this key can settle it; it is stored, nothing is written.</li>
 * </ul>
 */
public final class Resolver {

    private Resolver() {
    }

    public static Decision resolve(Conflict c, TablePolicy p) {
        Policy policy = policyFor(p);
        return switch (c.type()) {
            case UNIQUE_VIOLATION -> new Decision(Outcome.KEEP_LOCAL, null, null, policy.name(),
                    c.detail() + ": the row cannot be written while that row holds the value; stored for resolution",
                    true);
            case DELETE_MISSING -> c.local().stamp() == null ? deleteMissing(c, policy) : settle(c, p, policy);
            case UPDATE_MISSING -> c.local().stamp() == null ? lateInsert(c, p, policy) : settle(c, p, policy);
            default -> settle(c, p, policy);
        };
    }

    /** The policy of a table. */
    static Policy policyFor(TablePolicy p) {
        Policy lastWriter = p.detect() == DetectMode.VERSION_COLUMN ? VersionColumnWins.INSTANCE : LastWriterWins.INSTANCE;
        return switch (p.resolve()) {
            case LAST_WRITER_WINS -> lastWriter;
            case LEADER_PRIORITY -> LeaderPriority.INSTANCE;
            case COLUMN_MERGE -> ColumnMerge.INSTANCE;
            case MANUAL, HANDLER -> new Deferred(p.resolve(), lastWriter);
        };
    }

    private static Decision settle(Conflict c, TablePolicy p, Policy policy) {
        return CounterMerge.apply(policy.decide(c, p), c, p);
    }

    private static Decision deleteMissing(Conflict c, Policy policy) {
        return new Decision(Outcome.DELETE, null, c.remote().stamp(), policy.name(), "the row is not here (never "
                + "inserted here, or its insert has not arrived): nothing to delete; the tombstone "
                + c.remote().stamp() + " keeps a late insert out", false);
    }

    private static Decision lateInsert(Conflict c, TablePolicy p, Policy policy) {
        Map<String, Object> row = new LinkedHashMap<>(c.remote().row());
        boolean counters = false;
        for (String col : p.counters()) {
            if (row.containsKey(col)) {
                try {
                    row.put(col, CounterMath.add(null, row.get(col), c.base().get(col)));
                    counters = true;
                } catch (ArithmeticException | IllegalArgumentException e) {
                    // not a number: the update's value stands, as for a column that is no counter
                }
            }
        }
        return new Decision(Outcome.TAKE_REMOTE, row, c.remote().stamp(), policy.name(), "the row is not here yet "
                + "(its insert has not arrived): " + c.remote().who() + "'s update is written as an insert"
                + (counters ? "; its counters hold the update's delta until the insert adds its own value" : ""),
                false);
    }
}
