package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.concordbridge.connectors.apply.mariadb.Changes.row;

/**
 * A table with a column of every MariaDB type the bridge carries, rows of Java values at each
 * type's edges, and an independent plain-SQL read back into Java values.
 */
public final class AllTypes {

    public static final List<String> KEY = List.of("k1", "k2");

    public static String ddl(TableId t) {
        return "CREATE TABLE " + Identifiers.quote(t) + " ("
                + "k1 INT NOT NULL, k2 VARCHAR(20) NOT NULL, "
                + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, "
                + "mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, "
                + "dec65 DECIMAL(65,30), f FLOAT, d DOUBLE, b1 BIT(1), b12 BIT(12), "
                + "txt VARCHAR(100), lt LONGTEXT, bin BINARY(4), vb VARBINARY(10), bl BLOB, "
                + "dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, y YEAR, "
                + "e ENUM('small','large'), s SET('a','b','c'), j JSON, "
                + "PRIMARY KEY (k1, k2)) DEFAULT CHARSET=utf8mb4";
    }

    /** Independent of the bridge's own reading: FLOAT through DOUBLE (the text protocol prints 6 digits). */
    public static String select(TableId t) {
        return "SELECT k1, k2, ti, tiu, si, siu, mi, miu, i, iu, bi, biu, dec65, CAST(f AS DOUBLE), d, b1, b12, "
                + "txt, lt, bin, vb, bl, CAST(dt AS CHAR), CAST(tm AS CHAR), CAST(dtm AS CHAR), UNIX_TIMESTAMP(ts), "
                + "y, e, s, j FROM " + Identifiers.quote(t) + " ORDER BY k1, k2";
    }

    public static List<Map<String, Object>> rows() {
        Random random = new Random(42);
        byte[] blob = new byte[60_000];
        random.nextBytes(blob);
        Map<String, Object> max = row("k1", 1L, "k2", "max",
                "ti", 127L, "tiu", 255L, "si", 32767L, "siu", 65535L, "mi", 8388607L, "miu", 16777215L,
                "i", 2147483647L, "iu", 4294967295L, "bi", Long.MAX_VALUE, "biu", new BigInteger("18446744073709551615"),
                "dec65", new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999"),
                "f", Float.MAX_VALUE, "d", Double.MAX_VALUE, "b1", true, "b12", new byte[] {0x0F, (byte) 0xFF},
                "txt", "héllo wörld 😀 ✓ 中文", "lt", "😀".repeat(50_000), "bin", new byte[] {(byte) 0xFF, 0, 0, (byte) 0x80},
                "vb", new byte[] {0x00, 0x27, 0x5C, (byte) 0xFF, 0x22}, "bl", blob,
                "dt", LocalDate.of(9999, 12, 31), "tm", Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                "dtm", LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                "ts", LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000), "y", 2155L,
                "e", "large", "s", "a,b,c", "j", "{\"k\": [1, 2.5, \"😀\", null], \"q\": \"it's \\\"x\\\"\"}");
        Map<String, Object> min = row("k1", 1L, "k2", "min",
                "ti", -128L, "tiu", 0L, "si", -32768L, "siu", 0L, "mi", -8388608L, "miu", 0L,
                "i", -2147483648L, "iu", 0L, "bi", Long.MIN_VALUE, "biu", BigInteger.ZERO,
                "dec65", new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999"),
                "f", -Float.MIN_NORMAL, "d", -Double.MIN_NORMAL, "b1", false, "b12", new byte[] {0x00, 0x01},
                "txt", "", "lt", "back\\slash 'quote' \"dq\" \n\t\0 end", "bin", new byte[] {0, 1, 2, 3},
                "vb", new byte[0], "bl", new byte[0],
                "dt", LocalDate.of(1000, 1, 1), "tm", Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
                "dtm", LocalDateTime.of(1000, 1, 1, 0, 0, 0),
                "ts", LocalDateTime.of(1970, 1, 1, 0, 0, 1), "y", 1901L,
                "e", "small", "s", "", "j", "[]");
        Map<String, Object> nulls = new LinkedHashMap<>();
        max.keySet().forEach(c -> nulls.put(c, null));
        nulls.put("k1", 2L);
        nulls.put("k2", "nulls");
        Map<String, Object> usual = row("k1", 3L, "k2", "Ünïcødé 😀",
                "ti", 0L, "tiu", 1L, "si", -1L, "siu", 1L, "mi", 0L, "miu", 1L,
                "i", 42L, "iu", 3000000000L, "bi", -1L, "biu", new BigInteger("9223372036854775808"),
                "dec65", new BigDecimal("0.000000000000000000000000000001"),
                "f", 1.1f, "d", 0.1 + 0.2, "b1", true, "b12", new byte[] {0x0A, (byte) 0xBC},
                "txt", "a`b", "lt", "x", "bin", new byte[] {'a', 'b', 0, 0},
                "vb", "é".getBytes(java.nio.charset.StandardCharsets.UTF_8), "bl", new byte[] {0},
                "dt", LocalDate.of(2024, 2, 29), "tm", Duration.ofNanos(-1000).minusHours(25),
                "dtm", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000),
                // 02:30 on this day does not exist in America/New_York, the JVM zone of the test
                "ts", LocalDateTime.of(2024, 3, 10, 2, 30, 0, 500_000_000), "y", 2024L,
                "e", null, "s", "b", "j", "{\"a\": {\"b\": true}}");
        return List.of(max, min, nulls, usual);
    }

    /** One row of {@link #select} as Java values of the Values types, by plain JDBC getters. */
    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        int c = 1;
        row.put("k1", rs.getLong(c++));
        row.put("k2", rs.getString(c++));
        for (String n : List.of("ti", "tiu", "si", "siu", "mi", "miu", "i", "iu", "bi")) {
            long v = rs.getLong(c++);
            row.put(n, rs.wasNull() ? null : v);
        }
        BigDecimal biu = rs.getBigDecimal(c++);
        row.put("biu", biu == null ? null : biu.toBigIntegerExact());
        row.put("dec65", rs.getBigDecimal(c++));
        double f = rs.getDouble(c++);
        row.put("f", rs.wasNull() ? null : (float) f);
        double d = rs.getDouble(c++);
        row.put("d", rs.wasNull() ? null : d);
        boolean b1 = rs.getBoolean(c++);
        row.put("b1", rs.wasNull() ? null : b1);
        row.put("b12", rs.getBytes(c++));
        row.put("txt", rs.getString(c++));
        row.put("lt", rs.getString(c++));
        row.put("bin", rs.getBytes(c++));
        row.put("vb", rs.getBytes(c++));
        row.put("bl", rs.getBytes(c++));
        String dt = rs.getString(c++);
        row.put("dt", dt == null ? null : LocalDate.parse(dt));
        String tm = rs.getString(c++);
        row.put("tm", tm == null ? null : parseTime(tm));
        String dtm = rs.getString(c++);
        row.put("dtm", dtm == null ? null : LocalDateTime.parse(dtm.replace(' ', 'T')));
        BigDecimal epoch = rs.getBigDecimal(c++);
        row.put("ts", epoch == null ? null : LocalDateTime.ofEpochSecond(epoch.longValue(),
                epoch.remainder(BigDecimal.ONE).movePointRight(9).intValue(), ZoneOffset.UTC));
        long y = rs.getLong(c++);
        row.put("y", rs.wasNull() ? null : y);
        row.put("e", rs.getString(c++));
        row.put("s", rs.getString(c++));
        row.put("j", rs.getString(c));
        return row;
    }

    public static Duration parseTime(String text) {
        boolean negative = text.startsWith("-");
        String[] p = text.replace("-", "").split("[:.]");
        Duration d = Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]))
                .plusSeconds(Long.parseLong(p[2])).plusNanos(p.length > 3 ? Long.parseLong(p[3]) * 1000 : 0);
        return negative ? d.negated() : d;
    }

    private AllTypes() {
    }
}
