package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * The version with the higher value of the application's version column wins; equal values, the
 * later stamp. A delete counts with the version of the row it deleted, so it wins against that
 * row (its stamp is later) and loses against a concurrent write of a higher version. That is one
 * total order, the same on every leader, so leaders converge in any order of arrival. A re-insert
 * of a deleted key must carry a version not below the deleted row's to win (a timestamp column
 * does); otherwise it loses against the tombstone and the conflict is recorded. A tombstone that
 * does not know the row it deleted (written before tombstones kept it) is judged by stamp against a
 * row. Stateless.
 */
final class VersionColumnWins extends RankedPolicy {

    static final VersionColumnWins INSTANCE = new VersionColumnWins();

    private VersionColumnWins() {
    }

    @Override
    public String name() {
        return "version-column";
    }

    @Override
    public int compare(Version a, Version b, TablePolicy p) {
        Map<String, Object> x = judged(a);
        Map<String, Object> y = judged(b);
        if (x == null || y == null) {
            return byStamp(a, b);
        }
        int c = compareValues(x.get(p.versionColumn()), y.get(p.versionColumn()));
        return c != 0 ? c : byStamp(a, b);
    }

    /** The row whose version a version is judged by: its row, or for a delete the row it deleted (null: unknown). */
    private static Map<String, Object> judged(Version v) {
        return v.deleted() ? v.last() : v.row();
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        Map<String, Object> x = judged(winner);
        Map<String, Object> y = judged(loser);
        if (x == null || y == null) {
            return "a delete whose row is unknown against a row: the " + laterStamp(winner, loser);
        }
        Object w = x.get(p.versionColumn());
        Object l = y.get(p.versionColumn());
        String col = "version column " + p.versionColumn() + " " + (winner.deleted() ? "(of the deleted row) " : "");
        return compareValues(w, l) != 0 ? col + Values.describe(w) + " > " + Values.describe(l)
                + (loser.deleted() ? " (of the deleted row)" : "")
                : col + "ties at " + Values.describe(w) + "; " + laterStamp(winner, loser);
    }

    /** Numbers by value, other comparable values naturally, bytes unsigned; null lowest; other types by text. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y));
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        int byType = a.getClass().getName().compareTo(b.getClass().getName());
        return byType != 0 ? byType : a.toString().compareTo(b.toString());
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d)
                    : BigDecimal.valueOf(d > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
