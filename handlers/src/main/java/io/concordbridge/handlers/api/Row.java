package io.concordbridge.handlers.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One version of a row as a handler sees it: column name to value, in table order. Immutable.
 *
 * <p>Reading a column the row does not have throws, naming the column and the columns there are, so a
 * typo fails the call with a clear reason instead of reading null. Values keep the types the bridge
 * carries (Long, BigDecimal, String, Boolean, byte[], LocalDate, LocalDateTime, Duration, ...);
 * {@link #num} turns any number into a BigDecimal so arithmetic is exact.
 */
public final class Row {

    private final Map<String, Object> values;

    public Row(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code column} (may be null). */
    public Object get(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("the row has no column '" + column + "'; it has " + values.keySet());
        }
        return values.get(column);
    }

    /** {@code row['qty']}: the same as {@link #get}. */
    public Object getAt(String column) {
        return get(column);
    }

    /** The value of a numeric column as a BigDecimal (null stays null). */
    public BigDecimal num(String column) {
        Object v = get(column);
        if (v == null || v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString());
        }
        throw new IllegalArgumentException("column '" + column + "' holds a " + v.getClass().getSimpleName()
                + ", not a number");
    }

    /** The value of a column as text (null stays null; a number or date as its usual text). */
    public String str(String column) {
        Object v = get(column);
        if (v instanceof byte[]) {
            throw new IllegalArgumentException("column '" + column + "' holds bytes, not text");
        }
        return v == null ? null : v.toString();
    }

    public boolean has(String column) {
        return values.containsKey(column);
    }

    public Set<String> getColumns() {
        return values.keySet();
    }

    /** A new row: this one with {@code changes} applied ({@code row.with(qty: 5)}); every column must exist. */
    public Row with(Map<String, ?> changes) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            get(e.getKey());
            copy.put(e.getKey(), e.getValue());
        }
        return new Row(copy);
    }

    /** A mutable copy of the columns, to build a merged row from. */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }

    @Override
    public String toString() {
        return "Row" + values.keySet();
    }
}
