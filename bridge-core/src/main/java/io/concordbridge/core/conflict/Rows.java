package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Values;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Comparisons of row images (column name to value) by {@link Values#same}. Stateless. */
final class Rows {

    private Rows() {
    }

    /** Both absent, or both present with the same value in every column (a missing column counts as null). */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (a == null || b == null) {
            return a == b;
        }
        for (String col : columns(a, b)) {
            if (!Values.same(a.get(col), b.get(col))) {
                return false;
            }
        }
        return true;
    }

    /** The columns of {@code a} in order, then those only {@code b} has. */
    static Set<String> columns(Map<String, Object> a, Map<String, Object> b) {
        Set<String> cols = new LinkedHashSet<>(a.keySet());
        cols.addAll(b.keySet());
        return cols;
    }

    /** Whether {@code row} differs from {@code base} in {@code col}; every column differs from a null base (an insert). */
    static boolean changed(Map<String, Object> base, Map<String, Object> row, String col) {
        return base == null || !Values.same(base.get(col), row.get(col));
    }
}
