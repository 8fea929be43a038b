package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.Conflict;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks and converts the row a handler merged into values the apply can bind: each column must be one
 * the versions have, text becomes a String, and a number takes the type the column holds in the
 * versions (a BigDecimal sum into a BIGINT column becomes a Long, exactly, or the call fails).
 * Stateless.
 */
final class MergedRow {

    private static final Set<Class<?>> BINDABLE = Set.of(String.class, Long.class, BigInteger.class, BigDecimal.class,
            Float.class, Double.class, Boolean.class, byte[].class, LocalDate.class, LocalDateTime.class, Duration.class);

    private MergedRow() {
    }

    /** The row to write; throws {@link IllegalArgumentException} naming the column that cannot be written. */
    static Map<String, Object> of(Map<String, Object> merged, Conflict c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : merged.entrySet()) {
            String col = e.getKey();
            boolean known = Stream.of(c.local().row(), c.remote().row(), c.base()).anyMatch(r -> r != null && r.containsKey(col));
            boolean anyRow = Stream.of(c.local().row(), c.remote().row(), c.base()).anyMatch(r -> r != null);
            if (anyRow && !known) {
                throw new IllegalArgumentException("merge(row): '" + col + "' is not a column of " + c.table());
            }
            out.put(col, value(col, e.getValue(), like(col, c)));
        }
        return out;
    }

    private static Object like(String col, Conflict c) {
        return Stream.of(c.local().row(), c.remote().row(), c.base()).filter(r -> r != null && r.get(col) != null)
                .map(r -> r.get(col)).findFirst().orElse(null);
    }

    private static Object value(String col, Object v, Object like) {
        if (v instanceof CharSequence || v instanceof Character) {
            v = v.toString();
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            v = ((Number) v).longValue();
        }
        if (v instanceof Number n && like instanceof Number && like.getClass() != v.getClass()) {
            v = convert(col, n, like.getClass());
        }
        if (v != null && !BINDABLE.contains(v.getClass())) {
            throw new IllegalArgumentException("merge(row): column '" + col + "' holds a " + v.getClass().getSimpleName()
                    + "; a column takes a number, text, boolean, bytes, date, date-time, time, or null");
        }
        return v;
    }

    private static Object convert(String col, Number n, Class<?> type) {
        try {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            if (type == Long.class) {
                return d.longValueExact();
            } else if (type == BigInteger.class) {
                return d.toBigIntegerExact();
            } else if (type == BigDecimal.class) {
                return d;
            } else if (type == Double.class) {
                return n.doubleValue();
            } else if (type == Float.class) {
                return n.floatValue();
            }
            return n;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("merge(row): column '" + col + "' holds " + type.getSimpleName()
                    + " values; " + n + " is not one", e);
        }
    }
}
