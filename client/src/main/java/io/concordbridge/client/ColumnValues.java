package io.concordbridge.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A value an application hands the client (a row to write, a key to read), in the bridge's value
 * types ({@link io.concordbridge.core.model.Values}): {@code Integer}, {@code Short} and {@code Byte}
 * become {@code Long}, {@code java.sql} dates their {@code java.time} forms. Stateless.
 */
final class ColumnValues {

    private ColumnValues() {
    }

    /** {@code v} as a bridge value; refuses a type no column value has, naming {@code column}. */
    static Object of(String column, Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v == null || v instanceof Long || v instanceof String || v instanceof BigDecimal
                || v instanceof BigInteger || v instanceof Double || v instanceof Float || v instanceof Boolean
                || v instanceof byte[] || v instanceof LocalDate || v instanceof LocalDateTime
                || v instanceof Duration) {
            return v;
        }
        throw new ConflictException(ConflictException.Reason.INVALID, "column " + column + ": a "
                + v.getClass().getName() + " is not a column value (use Long, BigDecimal, String, LocalDate, ...)");
    }
}
