package io.concordbridge.connectors.apply.mariadb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Binds a value of a {@link io.concordbridge.core.model.Values} type so MariaDB stores exactly
 * that value. Every choice here is pinned by MariaDbApplierIT's round trip of every type:
 * <ul>
 *   <li>BigInteger as a BigDecimal: an unquoted integer literal, so BIGINT UNSIGNED max survives;</li>
 *   <li>Float widened to its exact double: the driver prints a float in shortest float form
 *       ("3.4028235E38"), which the server parses as a double just above FLT_MAX and rejects;</li>
 *   <li>Boolean as 1/0 (BIT(1)); byte[] as a binary string, which a BIT(n) column takes as
 *       big-endian bits;</li>
 *   <li>temporal values as MariaDB literals (see {@link TemporalText}), TIMESTAMP in UTC because
 *       the session time zone is {@code +00:00}.</li>
 * </ul>
 * Stateless.
 */
final class ValueBinder {

    private ValueBinder() {
    }

    /** @throws IllegalArgumentException for a value that is not of a Values type */
    static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Long v) {
            ps.setLong(index, v);
        } else if (value instanceof String v) {
            ps.setString(index, v);
        } else if (value instanceof BigDecimal v) {
            ps.setBigDecimal(index, v);
        } else if (value instanceof BigInteger v) {
            ps.setBigDecimal(index, new BigDecimal(v));
        } else if (value instanceof byte[] v) {
            ps.setBytes(index, v);
        } else if (value instanceof Double v) {
            ps.setDouble(index, v);
        } else if (value instanceof Float v) {
            ps.setDouble(index, v.doubleValue());
        } else if (value instanceof Boolean v) {
            ps.setInt(index, v ? 1 : 0);
        } else if (value instanceof LocalDateTime v) {
            ps.setString(index, TemporalText.dateTime(v));
        } else if (value instanceof LocalDate v) {
            ps.setString(index, TemporalText.date(v));
        } else if (value instanceof Duration v) {
            ps.setString(index, TemporalText.time(v));
        } else {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a Values type");
        }
    }
}
