package io.concordbridge.core.conflict;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The arithmetic of counter columns: {@code local + (remote - base)}, exact. A null value counts as
 * 0, so an insert's counter is its whole value (a delta from nothing). The sum is computed as a
 * {@link BigDecimal} and converted back to the type of the first non-null operand, so the result
 * is the same whichever side is local. {@code Double} and {@code Float} operands are taken at
 * their exact binary value and the sum rounded once; leaders that combine three or more versions
 * round after each step, so floating-point counters agree exactly only while their values are
 * exactly representable (integers below 2^53, binary fractions such as 0.25). Stateless.
 */
final class CounterMath {

    private CounterMath() {
    }

    /**
     * {@code local + (remote - base)}; null when all three are null. Throws {@link IllegalArgumentException}
     * for a value that is not a number and {@link ArithmeticException} when the sum does not fit the type.
     */
    static Object add(Object local, Object remote, Object base) {
        Object type = local != null ? local : remote != null ? remote : base;
        if (type == null) {
            return null;
        }
        BigDecimal sum = decimal(local).add(decimal(remote)).subtract(decimal(base));
        return convert(sum, type);
    }

    private static BigDecimal decimal(Object v) {
        if (v == null) {
            return BigDecimal.ZERO;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("holds " + d + ", which cannot be added");
            }
            return new BigDecimal(d);
        }
        throw new IllegalArgumentException("holds a " + v.getClass().getSimpleName() + ", not a number");
    }

    private static Object convert(BigDecimal sum, Object type) {
        if (type instanceof Long) {
            return sum.longValueExact();
        }
        if (type instanceof Integer) {
            return sum.intValueExact();
        }
        if (type instanceof Short) {
            return sum.shortValueExact();
        }
        if (type instanceof Byte) {
            return sum.byteValueExact();
        }
        if (type instanceof BigInteger) {
            return sum.toBigIntegerExact();
        }
        if (type instanceof Double) {
            return sum.doubleValue();
        }
        if (type instanceof Float) {
            return sum.floatValue();
        }
        return sum;
    }
}
