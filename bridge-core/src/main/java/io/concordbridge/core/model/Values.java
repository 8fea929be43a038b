package io.concordbridge.core.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rules for the column values a {@link Change} may carry. A value is one of:
 * <ul>
 *   <li>{@code null};</li>
 *   <li>{@link Long}: every integer type including YEAR and INT UNSIGNED;</li>
 *   <li>{@link java.math.BigInteger}: BIGINT UNSIGNED;</li>
 *   <li>{@link java.math.BigDecimal}: DECIMAL / NUMERIC, exact;</li>
 *   <li>{@link Float}: FLOAT; {@link Double}: DOUBLE;</li>
 *   <li>{@link Boolean}: BIT(1);</li>
 *   <li>{@code byte[]}: BINARY, VARBINARY, BLOBs, and BIT(n&gt;1) as big-endian bytes;</li>
 *   <li>{@link String}: CHAR, VARCHAR, TEXTs, ENUM, SET, JSON;</li>
 *   <li>{@link java.time.LocalDate}: DATE; {@link java.time.LocalDateTime}: DATETIME, and TIMESTAMP in UTC;</li>
 *   <li>{@link java.time.Duration}: TIME, which may be negative or past 24 hours.</li>
 * </ul>
 * Equality treats {@code byte[]} by content and {@link java.math.BigDecimal} by value.
 */
public final class Values {

    private static final Class<?> FROZEN = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    private Values() {
    }

    /**
     * A row image as the model keeps it: an unmodifiable copy in column order (null stays null). A map this already
     * froze is shared, not copied again: the model only ever wraps its own fresh copies, so an unmodifiable map here
     * is one that nothing can change.
     */
    public static Map<String, Object> frozen(Map<String, Object> row) {
        if (row == null || row.getClass() == FROZEN) {
            return row;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }

    /** A short description for messages: byte arrays by length, long strings cut. */
    public static String describe(List<Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(describe(v));
        }
        return sb.toString();
    }

    public static String describe(Object v) {
        if (v instanceof byte[] b) {
            return "<" + b.length + " bytes>";
        }
        String s = String.valueOf(v);
        return s.length() > 64 ? s.substring(0, 61) + "..." : s;
    }
}
