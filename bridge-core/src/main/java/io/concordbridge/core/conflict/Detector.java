package io.concordbridge.core.conflict;

import io.concordbridge.core.conflict.Detection.Apply;
import io.concordbridge.core.conflict.Detection.Conflicted;
import io.concordbridge.core.conflict.Detection.Noop;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Values;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.concordbridge.core.conflict.ConflictType.DELETE_DIFFERING;
import static io.concordbridge.core.conflict.ConflictType.DELETE_MISSING;
import static io.concordbridge.core.conflict.ConflictType.INSERT_EXISTS;
import static io.concordbridge.core.conflict.ConflictType.UPDATE_DIFFERING;
import static io.concordbridge.core.conflict.ConflictType.UPDATE_MISSING;

/**
 * Decides whether applying an incoming change onto the row found locally is a conflict. Pure and
 * stateless; the apply calls it with the row read under lock.
 *
 * <p>A change conflicts when the local row is not the version it was based on. What "based on"
 * means follows the table's {@link DetectMode}:
 * <ul>
 *   <li>{@code row}: the local row equals the before image in every column;</li>
 *   <li>{@code columns}: the columns the change modified are, locally, still as in the before image
 *       (or already as in the after image). Local changes of other columns are kept: the result is the
 *       local row with the change's columns applied, and no conflict. Counter columns never conflict;
 *       they take the local value plus the change's delta. A delete compares the whole row;</li>
 *   <li>{@code version-column}: the local row's version column equals the before image's.</li>
 * </ul>
 * In every mode, a local row whose version ranks above the change's cannot be the change's base
 * (a version ranks above every version it was written on: by stamp, or by precedence with leader
 * priority), so equal content with a higher-ranked local version (a row changed and changed back)
 * is a conflict too; detect {@code columns} cannot see that per column and trusts content (for the
 * conflict record: the row the apply leaves is settled from column stamps by {@link ColumnStates}).
 *
 * <p>Rules for rows that are not there, and for writes that already agree:
 * <ul>
 *   <li>the local stamp equals the change's: the version is already here, {@link Noop};</li>
 *   <li>an insert or update meeting an identical row, and a delete meeting a tombstone, are a
 *       {@link Noop} that keeps the higher-ranked stamp of the two (so leaders agree on it); not with
 *       counters changed, whose deltas must add up (two inserts with counters are {@code insert_exists});</li>
 *   <li>an insert meeting a tombstone: an insert that ranks above it in the table's order applies
 *       (the key was re-inserted after the delete: a later stamp, or with a version column a higher
 *       version than the deleted row's); any other insert is {@code insert_exists} against the deleted
 *       version: it was concurrent with the delete, or the delete of this very insert arrived first.
 *       With a version column, stamp order and version order can disagree (stamps are taken when the
 *       capture reads a write, versions when the application makes it), and the order a leader keeps
 *       must be the one the resolution uses, or leaders meeting the two in different orders part;</li>
 *   <li>an update meeting no row is {@code update_missing} (with or without a tombstone);</li>
 *   <li>a delete meeting no row and no tombstone is {@code delete_missing}.</li>
 * </ul>
 * A change must keep its key; the apply splits a key-changing update into a delete and an insert.
 */
public final class Detector {

    private Detector() {
    }

    public static Detection detect(Change c, LocalRow local, TablePolicy p) {
        if (c.stamp() == null) {
            throw new IllegalArgumentException(c.op() + " of " + c.key() + " is not stamped");
        }
        if (!c.table().equals(p.table())) {
            throw new IllegalArgumentException("a change of " + c.table() + " detected with the policy of " + p.table());
        }
        if (c.op() == Op.UPDATE && !sameKey(c.key(), c.beforeKey())) {
            throw new IllegalArgumentException("the update of " + c.beforeKey() + " changes its key; detect its "
                    + "delete and its insert of " + c.key() + " apart");
        }
        if (c.stamp().equals(local.stamp())) {
            return new Noop(local.stamp());
        }
        return switch (c.op()) {
            case INSERT -> insert(c, local, p);
            case UPDATE -> update(c, local, p);
            case DELETE -> delete(c, local, p);
        };
    }

    private static Detection insert(Change c, LocalRow local, TablePolicy p) {
        if (local.present()) {
            return p.counters().isEmpty() && Rows.same(local.row(), c.after()) ? agreed(c, local, p)
                    : conflict(INSERT_EXISTS, c, local);
        }
        if (local.tombstone() && Resolver.policyFor(p).compare(Version.of(c), Version.of(local), p) <= 0) {
            return conflict(INSERT_EXISTS, c, local);
        }
        return new Apply(c.after(), c.stamp());
    }

    private static Detection update(Change c, LocalRow local, TablePolicy p) {
        if (!local.present()) {
            return conflict(UPDATE_MISSING, c, local);
        }
        if (countersUnchanged(c, p) && Rows.same(local.row(), c.after())) {
            return agreed(c, local, p);
        }
        return switch (p.detect()) {
            case ROW -> Rows.same(local.row(), c.before()) && !newer(local, c, p) ? new Apply(c.after(), c.stamp())
                    : conflict(UPDATE_DIFFERING, c, local);
            case VERSION_COLUMN -> sameVersion(local, c, p) && !newer(local, c, p) ? byVersion(c, local, p)
                    : conflict(UPDATE_DIFFERING, c, local);
            case COLUMNS -> byColumns(c, local, p);
        };
    }

    private static Detection delete(Change c, LocalRow local, TablePolicy p) {
        if (!local.present()) {
            return local.tombstone() ? agreed(c, local, p) : conflict(DELETE_MISSING, c, local);
        }
        boolean based = p.detect() == DetectMode.VERSION_COLUMN ? sameVersion(local, c, p)
                : Rows.same(local.row(), c.before());
        return based && !newer(local, c, p) ? new Apply(null, c.stamp()) : conflict(DELETE_DIFFERING, c, local);
    }

    /** Detect {@code columns}: the local row with the change's modified columns and counter deltas applied. */
    private static Detection byColumns(Change c, LocalRow local, TablePolicy p) {
        Map<String, Object> before = c.before();
        Map<String, Object> after = c.after();
        Map<String, Object> row = local.row();
        Map<String, Object> merged = new LinkedHashMap<>(row);
        for (String col : Rows.columns(before, after)) {
            if (p.isCounter(col)) {
                try {
                    merged.put(col, CounterMath.add(row.get(col), after.get(col), before.get(col)));
                } catch (ArithmeticException | IllegalArgumentException e) {
                    return conflict(UPDATE_DIFFERING, c, local);
                }
            } else if (Rows.changed(before, after, col)) {
                if (Rows.changed(before, row, col) && Rows.changed(after, row, col)) {
                    return conflict(UPDATE_DIFFERING, c, local);
                }
                merged.put(col, after.get(col));
            }
        }
        boolean localMoved = newer(local, c, p) || !Rows.same(row, before);
        return new Apply(merged, localMoved ? ranked(c, local, p).stamp() : c.stamp());
    }

    /** Detect {@code version-column}, no conflict: the after image, with counters on top of the local values. */
    private static Detection byVersion(Change c, LocalRow local, TablePolicy p) {
        Map<String, Object> row = new LinkedHashMap<>(c.after());
        for (String col : p.counters()) {
            if (row.containsKey(col)) {
                try {
                    row.put(col, CounterMath.add(local.row().get(col), c.after().get(col), c.before().get(col)));
                } catch (ArithmeticException | IllegalArgumentException e) {
                    return conflict(UPDATE_DIFFERING, c, local);
                }
            }
        }
        return new Apply(row, Rows.same(local.row(), c.before()) ? c.stamp() : ranked(c, local, p).stamp());
    }

    /** Both sides already hold the same row (or both deleted it): keep it, with the higher-ranked stamp. */
    private static Noop agreed(Change c, LocalRow local, TablePolicy p) {
        return new Noop(ranked(c, local, p).stamp());
    }

    /** The version that ranks higher in the table policy's whole-row order. */
    private static Version ranked(Change c, LocalRow local, TablePolicy p) {
        Version l = Version.of(local);
        Version r = Version.of(c);
        return Resolver.policyFor(p).compare(r, l, p) > 0 ? r : l;
    }

    private static Conflicted conflict(ConflictType type, Change c, LocalRow local) {
        return new Conflicted(Conflict.of(type, c, local));
    }

    /** The local version ranks above the change's, so it cannot be what the change was based on. */
    private static boolean newer(LocalRow local, Change c, TablePolicy p) {
        return local.stamp() != null && p.outranks(local.stamp(), c.stamp());
    }


    private static boolean sameVersion(LocalRow local, Change c, TablePolicy p) {
        return Values.same(local.row().get(p.versionColumn()), c.before().get(p.versionColumn()));
    }

    private static boolean countersUnchanged(Change c, TablePolicy p) {
        for (String col : p.counters()) {
            if (!Values.same(c.before().get(col), c.after().get(col))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameKey(RowKey a, RowKey b) {
        if (a.values().size() != b.values().size()) {
            return false;
        }
        for (int i = 0; i < a.values().size(); i++) {
            if (!Values.same(a.values().get(i), b.values().get(i))) {
                return false;
            }
        }
        return true;
    }
}
