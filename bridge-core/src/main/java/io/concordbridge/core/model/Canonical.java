package io.concordbridge.core.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A canonical byte encoding of {@link Values} values: two values encode alike exactly when they are
 * the same value however they were typed, so a row captured from the binlog and the same row read
 * back from its table encode alike. Every token is tagged and length-prefixed, so no two sequences
 * of values encode alike. The rules:
 * <ul>
 *   <li>exact numbers ({@link Long}, {@link BigInteger}, {@link BigDecimal}) by decimal value:
 *       {@code 5}, {@code 5.00} and {@code BigInteger 5} alike;</li>
 *   <li>{@link Float} and {@link Double} by the double value ({@code Float} widened, which is
 *       exact), so a FLOAT read as a double equals the captured float; NaNs collapse to one;</li>
 *   <li>{@code byte[]} by content, strings by their UTF-8 bytes, {@link Boolean} as itself;</li>
 *   <li>temporal values by value (epoch day, nano of day; seconds and nanos of a duration).</li>
 * </ul>
 * Not thread-safe: one instance per encoding.
 */
final class Canonical {

    private static final byte NULL = 0;
    private static final byte EXACT = 1;
    private static final byte REAL = 2;
    private static final byte FALSE = 3;
    private static final byte TRUE = 4;
    private static final byte BYTES = 5;
    private static final byte STRING = 6;
    private static final byte DATE = 7;
    private static final byte DATE_TIME = 8;
    private static final byte DURATION = 9;
    private static final byte NAME = 10;

    private byte[] buf;
    private int size;

    /** An encoding whose buffer starts at {@code capacity} bytes (it grows as needed). */
    Canonical(int capacity) {
        buf = new byte[capacity];
    }

    /** Adds a column name (or any label) as a token distinct from every value. */
    Canonical name(String name) {
        return token(NAME, name.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a value; throws {@link IllegalArgumentException} for a type that is not a {@link Values} type. */
    Canonical value(Object v) {
        if (v == null) {
            return token(NULL, new byte[0]);
        }
        if (v instanceof Long n) {
            return exact(n);
        }
        if (v instanceof BigInteger n) {
            return token(EXACT, n.toString().getBytes(StandardCharsets.US_ASCII));
        }
        if (v instanceof BigDecimal n) {
            return token(EXACT, plain(n).getBytes(StandardCharsets.US_ASCII));
        }
        if (v instanceof Double || v instanceof Float) {
            return fixed(REAL, Double.doubleToLongBits(((Number) v).doubleValue()));
        }
        if (v instanceof Boolean b) {
            return token(b ? TRUE : FALSE, new byte[0]);
        }
        if (v instanceof byte[] b) {
            return token(BYTES, b);
        }
        if (v instanceof String s) {
            return token(STRING, s.getBytes(StandardCharsets.UTF_8));
        }
        if (v instanceof LocalDateTime t) {
            fixed(DATE_TIME, t.toLocalDate().toEpochDay());
            return raw(t.toLocalTime().toNanoOfDay());
        }
        if (v instanceof LocalDate d) {
            return fixed(DATE, d.toEpochDay());
        }
        if (v instanceof Duration d) {
            fixed(DURATION, d.getSeconds());
            return raw(d.getNano());
        }
        throw new IllegalArgumentException(v.getClass().getName() + " is not a Values type");
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, size);
    }

    int size() {
        return size;
    }

    byte[] buffer() {
        return buf;
    }

    /** {@code 1.50} and {@code 1.5} alike; zero as {@code 0}. */
    private static String plain(BigDecimal n) {
        return n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString();
    }

    private Canonical token(byte tag, byte[] payload) {
        ensure(5 + payload.length);
        buf[size++] = tag;
        int n = payload.length;
        buf[size++] = (byte) (n >>> 24);
        buf[size++] = (byte) (n >>> 16);
        buf[size++] = (byte) (n >>> 8);
        buf[size++] = (byte) n;
        System.arraycopy(payload, 0, buf, size, n);
        size += n;
        return this;
    }

    /** {@code token(EXACT, Long.toString(n) in ASCII)}, with the digits written in place. */
    private Canonical exact(long n) {
        if (n == Long.MIN_VALUE) {
            return token(EXACT, Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        }
        long v = Math.abs(n);
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        int length = n < 0 ? digits + 1 : digits;
        ensure(5 + length);
        buf[size++] = EXACT;
        buf[size++] = 0;
        buf[size++] = 0;
        buf[size++] = 0;
        buf[size++] = (byte) length;
        int end = size + length;
        int at = end;
        do {
            buf[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (n < 0) {
            buf[--at] = '-';
        }
        size = end;
        return this;
    }

    private Canonical fixed(byte tag, long value) {
        ensure(1);
        buf[size++] = tag;
        return raw(value);
    }

    private Canonical raw(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
