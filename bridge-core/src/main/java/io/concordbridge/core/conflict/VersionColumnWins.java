package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The row with the higher value of the application's version column wins; equal values, the later
 * stamp. A delete has no version value, so a delete against a row is decided by the later stamp.
 * Stateless.
 *
 * <p>That pairwise rule is not transitive when a delete is concurrent with two updates whose
 * version order is the opposite of their stamp order and the delete's stamp lies between theirs
 * (row A beats row B by version, B beats the delete by stamp, the delete beats A by stamp): three
 * leaders can then end differently. With two versions, or without a delete, or with version values
 * that grow with time (a timestamp column), it converges. For the same reason, and as described for
 * {@link LeaderPriority}, an insert that meets the tombstone of another leader's concurrent insert
 * can diverge when the version order of the two inserts is the opposite of their stamp order.
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
        if (a.deleted() || b.deleted()) {
            return byStamp(a, b);
        }
        int c = compareValues(a.row().get(p.versionColumn()), b.row().get(p.versionColumn()));
        return c != 0 ? c : byStamp(a, b);
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        if (winner.deleted() || loser.deleted()) {
            return "between a delete and a row the " + laterStamp(winner, loser);
        }
        Object w = winner.row().get(p.versionColumn());
        Object l = loser.row().get(p.versionColumn());
        String col = "version column " + p.versionColumn() + " ";
        return compareValues(w, l) != 0 ? col + Values.describe(w) + " > " + Values.describe(l)
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
