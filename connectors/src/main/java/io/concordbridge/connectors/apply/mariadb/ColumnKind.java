package io.concordbridge.connectors.apply.mariadb;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * How the bridge reads a MariaDB column into a {@link io.concordbridge.core.model.Values} type,
 * the same way in the text and the binary (cursor) protocol: each kind has the select expression
 * that makes the server's answer exact, the ORDER BY expression whose order Java reproduces
 * (strings by their UTF-8 bytes, the rest by value), and the getter. Decided from
 * information_schema, not from the driver's metadata, which maps types by its own options.
 */
public enum ColumnKind {
    INTEGER, UNSIGNED_BIGINT, DECIMAL,
    /** Through DOUBLE: the text protocol prints a FLOAT with 6 digits. */
    FLOAT, DOUBLE,
    BIT_ONE, BITS, BINARY, TEXT,
    /** Temporal kinds go through CAST(... AS CHAR): the driver mangles fractions and negative TIMEs. */
    DATE, DATETIME, TIME,
    /** Anything else (spatial, INET6, UUID ...): raw bytes, ordered by the server. */
    OTHER;

    /** The kind of a column from information_schema.COLUMNS DATA_TYPE and COLUMN_TYPE. */
    public static ColumnKind of(String dataType, String columnType) {
        String type = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "year" -> INTEGER;
            case "bigint" -> full.contains("unsigned") ? UNSIGNED_BIGINT : INTEGER;
            case "decimal", "numeric" -> DECIMAL;
            case "float" -> FLOAT;
            case "double", "real" -> DOUBLE;
            case "bit" -> full.equals("bit(1)") ? BIT_ONE : BITS;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> BINARY;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json" -> TEXT;
            case "date" -> DATE;
            case "datetime", "timestamp" -> DATETIME;
            case "time" -> TIME;
            default -> OTHER;
        };
    }

    public String selectExpression(String column) {
        String q = Identifiers.quote(column);
        return switch (this) {
            case FLOAT -> "CAST(" + q + " AS DOUBLE)";
            case DATE, DATETIME, TIME -> "CAST(" + q + " AS CHAR)";
            default -> q;
        };
    }

    /**
     * The ORDER BY expression. Strings go by their UTF-8 bytes: a collation's order (case- or
     * accent-insensitive, PAD SPACE) is neither the same on every leader nor reproducible in Java.
     */
    public String orderExpression(String column) {
        String q = Identifiers.quote(column);
        return this == TEXT ? "CAST(CONVERT(" + q + " USING utf8mb4) AS BINARY)" : q;
    }

    public Object read(ResultSet rs, int index) throws SQLException {
        switch (this) {
            case INTEGER -> {
                long v = rs.getLong(index);
                return rs.wasNull() ? null : v;
            }
            case UNSIGNED_BIGINT -> {
                BigDecimal v = rs.getBigDecimal(index);
                return v == null ? null : v.toBigIntegerExact();
            }
            case DECIMAL -> {
                return rs.getBigDecimal(index);
            }
            case FLOAT -> {
                double v = rs.getDouble(index);
                return rs.wasNull() ? null : (float) v;
            }
            case DOUBLE -> {
                double v = rs.getDouble(index);
                return rs.wasNull() ? null : v;
            }
            case BIT_ONE -> {
                byte[] v = rs.getBytes(index);
                return v == null ? null : v.length > 0 && v[v.length - 1] != 0;
            }
            case TEXT -> {
                return rs.getString(index);
            }
            case DATE -> {
                String v = rs.getString(index);
                return v == null ? null : TemporalText.parseDate(v);
            }
            case DATETIME -> {
                String v = rs.getString(index);
                return v == null ? null : TemporalText.parseDateTime(v);
            }
            case TIME -> {
                String v = rs.getString(index);
                return v == null ? null : TemporalText.parseTime(v);
            }
            default -> {
                return rs.getBytes(index);
            }
        }
    }
}
