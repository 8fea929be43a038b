package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.Values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/** Builders for rows, stamps and changes of one test table, and one leader's apply step. */
final class Rig {

    static final TableId TABLE = new TableId("shop", "items");
    static final List<String> KEY = List.of("id");
    static final TablePolicy LWW = TablePolicy.defaults(TABLE);

    private Rig() {
    }

    static Stamp stamp(long micros, String leader) {
        return new Stamp(micros, leader);
    }

    /** A row from alternating column names and values (values may be null). */
    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** {@code row} with {@code col} set to {@code value}. */
    static Map<String, Object> with(Map<String, Object> row, String col, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put(col, value);
        return copy;
    }

    static Change insert(Map<String, Object> after, Stamp s) {
        return new Change(TABLE, Op.INSERT, KEY, null, after, s);
    }

    static Change update(Map<String, Object> before, Map<String, Object> after, Stamp s) {
        return new Change(TABLE, Op.UPDATE, KEY, before, after, s);
    }

    static Change delete(Map<String, Object> before, Stamp s) {
        return new Change(TABLE, Op.DELETE, KEY, before, null, s);
    }

    /** The change that took {@code base} (null: absent) to {@code result} (null: deleted), stamped {@code s}. */
    static Change change(Map<String, Object> base, Map<String, Object> result, Stamp s) {
        if (base == null) {
            return insert(result, s);
        }
        return result == null ? delete(base, s) : update(base, result, s);
    }

    /** One apply at a leader, as the apply does it: detect, resolve if needed, merge columns; the state afterwards. */
    static Step apply(LocalRow local, Change c, TablePolicy p) {
        Detection d = Detector.detect(c, local, p);
        if (d instanceof Detection.Apply a) {
            return new Step(AppliedState.next(local, c, a.applyTo(local), p), d, null);
        }
        if (d instanceof Detection.Noop n) {
            return new Step(AppliedState.next(local, c, n.applyTo(local), p), d, null);
        }
        Decision decision = Resolver.resolve(((Detection.Conflicted) d).conflict(), p);
        return new Step(AppliedState.next(local, c, decision.applyTo(local), p), d, decision);
    }

    /** One apply step's result. */
    record Step(LocalRow after, Detection detection, Decision decision) {

        Conflict conflict() {
            return detection instanceof Detection.Conflicted c ? c.conflict() : null;
        }
    }

    /** Whether two local states hold the same row (by {@link Values#same}), stamp, tombstone and column stamps. */
    static boolean sameState(LocalRow a, LocalRow b) {
        return Rows.same(a.row(), b.row()) && Objects.equals(a.stamp(), b.stamp())
                && a.tombstone() == b.tombstone() && Objects.equals(a.cells(), b.cells());
    }

    static String show(LocalRow s) {
        return s.tombstone() ? "tombstone " + s.stamp() : s.row() == null ? "absent" : describe(s.row()) + " @" + s.stamp();
    }

    static String describe(Map<String, Object> row) {
        if (row == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("{");
        row.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=')
                .append(v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : Values.describe(v)));
        return b.append('}').toString();
    }
}
