package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.connectors.apply.mariadb.TableSchema;
import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.Values;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.awaitTransactions;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.capture;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.started;
import static org.assertj.core.api.Assertions.assertThat;

/** Every column type arrives as the Java type {@link Values} prescribes, with the value that was written. */
class MariaDbCaptureTypesIT {

    private static final String COLUMNS = "id INT PRIMARY KEY,"
            + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,"
            + " i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, dz DECIMAL(20,0), dec65 DECIMAL(65,30),"
            + " f FLOAT, d DOUBLE, b1 BIT(1), b12 BIT(12),"
            + " c CHAR(10), vc VARCHAR(50), tx TEXT,"
            + " bn BINARY(4), vb VARBINARY(10), bl BLOB,"
            + " dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL, y YEAR,"
            + " e ENUM('small','large'), st SET('a','b','c'), j JSON";

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void startServer() throws Exception {
        db = LocalMariaDb.start(tmp, "types", 12);
        sql(db, "CREATE DATABASE concord", "CREATE DATABASE t2",
                "CREATE TABLE t2.typed (" + COLUMNS + ") DEFAULT CHARSET=utf8mb4");
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void everyTypeArrivesAsTheValuesContractSays() throws Exception {
        byte[] blob = new byte[300];
        for (int k = 0; k < blob.length; k++) {
            blob[k] = (byte) (k * 7);
        }
        List<Map<String, Object>> expected = List.of(extremes(blob), nulls(), others(), negativeFraction());
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "types", tmp, List.of(new TableId("t2", "typed"))), sink, new RecordingEvents())) {
            sql(db, "INSERT INTO t2.typed VALUES (1, -128, 255, -32768, 65535, -8388608, 16777215,"
                            + " -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 99999999999999999999,"
                            + " '12345678901234567890123456789012345.123456789012345678901234567890',"
                            + " 1.5, 3.141592653589793, b'1', b'101000000011',"
                            + " 'héllo 🎉', '日本語 😀 text', '" + "long 🎉 ".repeat(40) + "',"
                            + " x'01020304', x'00ff10', x'" + HexFormat.of().formatHex(blob) + "',"
                            + " '2024-02-29', '-838:59:59.000000', '2024-02-03 04:05:06.123456', '2024-02-03 04:05:06.654321',"
                            + " 2024, 'large', 'a,c', '{\"k\": [1, 2, 3]}')",
                    "INSERT INTO t2.typed (id) VALUES (2)",
                    "INSERT INTO t2.typed VALUES (3, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0, 9223372036854775807, 0, 0,"
                            + " '-0.000000000000000000000000000001', -0.1, -2.5E-300, b'0', b'000000000001',"
                            + " '', 'x', '', x'0a000000', x'', x'', '1000-01-01', '838:59:59.000000', '1000-01-01 00:00:00.000001',"
                            + " '1970-01-01 00:00:01.000000', 1901, 'small', '', '[]')",
                    "INSERT INTO t2.typed (id, tm, dtm, y, dt) VALUES (4, '-00:00:00.500000', '9999-12-31 23:59:59.999999', 2155, '9999-12-31')");
            awaitTransactions(sink, 4);
        }
        List<Map<String, Object>> rows = sink.transactions().stream().map(OriginTransaction::changes)
                .map(ch -> ch.get(0).after()).toList();
        assertThat(rows).hasSize(expected.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> actual = rows.get(r);
            Map<String, Object> want = expected.get(r);
            assertThat(new ArrayList<>(actual.keySet())).as("columns in table order").containsExactlyElementsOf(want.keySet());
            for (String column : want.keySet()) {
                Object a = actual.get(column);
                Object w = want.get(column);
                String where = "row " + (r + 1) + " column " + column + ": " + describe(a) + " vs expected " + describe(w);
                if (w == null) {
                    assertThat(a).as(where).isNull();
                } else {
                    assertThat(a).as(where).isNotNull();
                    assertThat(a.getClass()).as(where).isEqualTo(w.getClass());
                    assertThat(Values.same(w, a)).as(where).isTrue();
                }
            }
        }
        assertThat(((BigDecimal) rows.get(0).get("dec65")).scale()).as("DECIMAL keeps its scale").isEqualTo(30);
        assertReadBackHashesAsCaptured(rows);
    }

    /**
     * The apply reads rows back with {@link TableSchema} and {@link io.concordbridge.connectors.apply.mariadb.ColumnKind}
     * and tells a row still at its recorded version by {@link RowHash}: every captured image must hash
     * as the same row read back.
     */
    private static void assertReadBackHashesAsCaptured(List<Map<String, Object>> captured) throws Exception {
        try (Connection c = db.connect()) {
            MariaDbConnections.prepareSession(c);
            TableSchema schema = TableSchema.load(c, new TableId("t2", "typed")).orElseThrow();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(schema.selectInKeyOrder())) {
                for (Map<String, Object> image : captured) {
                    assertThat(rs.next()).isTrue();
                    Map<String, Object> read = new LinkedHashMap<>();
                    for (int i = 0; i < schema.columns().size(); i++) {
                        read.put(schema.columns().get(i).name(), schema.columns().get(i).kind().read(rs, i + 1));
                    }
                    assertThat(RowHash.of(read)).as("row id %s read back", image.get("id")).isEqualTo(RowHash.of(image));
                }
            }
        }
    }

    private static Map<String, Object> extremes(byte[] blob) {
        return row(1L, -128L, 255L, -32768L, 65535L, -8388608L, 16777215L, -2147483648L, 4294967295L,
                Long.MIN_VALUE, new BigInteger("18446744073709551615"), new BigDecimal("99999999999999999999"),
                new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890"),
                1.5f, 3.141592653589793, true, new byte[] {0x0a, 0x03},
                "héllo 🎉", "日本語 😀 text", "long 🎉 ".repeat(40),
                new byte[] {1, 2, 3, 4}, new byte[] {0, (byte) 0xff, 0x10}, blob,
                LocalDate.of(2024, 2, 29), Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
                LocalDateTime.of(2024, 2, 3, 4, 5, 6, 123_456_000), LocalDateTime.of(2024, 2, 3, 4, 5, 6, 654_321_000),
                2024L, "large", "a,c", "{\"k\": [1, 2, 3]}");
    }

    private static Map<String, Object> nulls() {
        Object[] values = new Object[31];
        values[0] = 2L;
        return row(values);
    }

    private static Map<String, Object> others() {
        return row(3L, 127L, 0L, 32767L, 0L, 8388607L, 0L, 2147483647L, 0L, Long.MAX_VALUE, BigInteger.ZERO, BigDecimal.ZERO,
                new BigDecimal("-0.000000000000000000000000000001"), -0.1f, -2.5E-300, false, new byte[] {0, 1},
                "", "x", "", new byte[] {0x0a, 0, 0, 0}, new byte[0], new byte[0],
                LocalDate.of(1000, 1, 1), Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1_000), LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                1901L, "small", "", "[]");
    }

    private static Map<String, Object> negativeFraction() {
        Object[] values = new Object[31];
        values[0] = 4L;
        values[23] = LocalDate.of(9999, 12, 31);
        values[24] = Duration.ofMillis(-500);
        values[25] = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
        values[27] = 2155L;
        return row(values);
    }

    private static Map<String, Object> row(Object... values) {
        String[] names = COLUMNS.replaceAll("\\([^)]*\\)", "").split(",");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            m.put(names[k].trim().split(" ")[0], values[k]);
        }
        return m;
    }

    private static String describe(Object v) {
        if (v instanceof byte[] b) {
            return "bytes " + HexFormat.of().formatHex(b);
        }
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }

    static {
        assertThat(StandardCharsets.UTF_8).isNotNull();
    }
}
