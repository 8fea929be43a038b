package io.concordbridge.connectors.apply.mariadb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Writes a value of a {@link io.concordbridge.core.model.Values} type as a MariaDB SQL literal
 * that stores exactly that value: the apply writes every value it sends (rows, row versions, the
 * keys it locks) this way, into statements it builds as text. Binding them as batched parameters
 * made Connector/J encode every value twice (once to size the batch, once to send it) through a
 * per-value lookup of its encoder: a third of the bridge's CPU in the W2 benchmark. Every choice
 * here is pinned by MariaDbApplierIT's round trip of every type:
 * <ul>
 *   <li>strings quoted with backslash escapes: the apply session's sql_mode (set by
 *       {@link MariaDbConnections#prepareSession}) never holds NO_BACKSLASH_ESCAPES;</li>
 *   <li>byte[] as a hex literal, a binary string that a BIT(n) column takes as big-endian bits;</li>
 *   <li>BigInteger and BigDecimal as plain unquoted numbers, so BIGINT UNSIGNED max and
 *       DECIMAL(65,30) survive;</li>
 *   <li>Double and Float in Java's shortest exact form of the double, a Float widened first: its
 *       shortest float form ("3.4028235E38") parses as a double just above FLT_MAX, which the
 *       server rejects;</li>
 *   <li>Boolean as 1/0 (BIT(1));</li>
 *   <li>temporal values as quoted {@link TemporalText} literals, TIMESTAMP in UTC because the
 *       session time zone is {@code +00:00}.</li>
 * </ul>
 * Stateless.
 */
final class SqlLiterals {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /** @throws IllegalArgumentException for a value that is not of a Values type or that MariaDB cannot store */
    static void append(StringBuilder sql, Object value) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof Long v) {
            sql.append(v.longValue());
        } else if (value instanceof String v) {
            string(sql, v);
        } else if (value instanceof byte[] v) {
            bytes(sql, v);
        } else if (value instanceof BigDecimal v) {
            sql.append(v.toPlainString());
        } else if (value instanceof BigInteger v) {
            sql.append(v);
        } else if (value instanceof Double v) {
            number(sql, v);
        } else if (value instanceof Float v) {
            number(sql, v.doubleValue());
        } else if (value instanceof Boolean v) {
            sql.append(v ? '1' : '0');
        } else if (value instanceof LocalDateTime v) {
            string(sql, TemporalText.dateTime(v));
        } else if (value instanceof LocalDate v) {
            string(sql, TemporalText.date(v));
        } else if (value instanceof Duration v) {
            string(sql, TemporalText.time(v));
        } else if (value instanceof Integer v) {
            sql.append(v.intValue());
        } else {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a Values type");
        }
    }

    /** A quoted string; NUL, quotes, backslash, CR, LF and Ctrl-Z escaped as the server reads them back. */
    static void string(StringBuilder sql, String value) {
        sql.append('\'');
        int n = value.length();
        int clean = 0; // value[clean..i) needs no escape: appended in one go, not char by char
        for (int i = 0; i < n; i++) {
            String escape = escape(value.charAt(i));
            if (escape != null) {
                sql.append(value, clean, i).append(escape);
                clean = i + 1;
            }
        }
        sql.append(value, clean, n).append('\'');
    }

    private static String escape(char c) {
        return switch (c) {
            case 0 -> "\\0";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\\' -> "\\\\";
            case '\'' -> "\\'";
            case '"' -> "\\\"";
            case '\032' -> "\\Z";
            default -> null;
        };
    }

    /** A hex literal, {@code X'...'}; {@code X''} for no bytes. */
    static void bytes(StringBuilder sql, byte[] value) {
        sql.ensureCapacity(sql.length() + 2 * value.length + 3);
        sql.append('X').append('\'');
        for (byte b : value) {
            sql.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        sql.append('\'');
    }

    private static void number(StringBuilder sql, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(value + " cannot be stored in a MariaDB column");
        }
        sql.append(value);
    }
}
