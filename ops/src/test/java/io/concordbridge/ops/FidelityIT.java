package io.concordbridge.ops;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every common MariaDB type round-trips exactly through capture, transport and apply: the
 * storage-level CHECKSUM TABLE of every leader matches, as do the values read back as text.
 */
class FidelityIT {

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);



    private static final String TYPES = "CREATE TABLE fid.types ("
            + " id INT NOT NULL, k2 VARCHAR(20) NOT NULL,"
            + " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED,"
            + " i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
            + " d DECIMAL(65,30), f FLOAT, db DOUBLE, b1 BIT(1), b12 BIT(12),"
            + " c CHAR(10), vc VARCHAR(200), tx TEXT, bn BINARY(4), vb VARBINARY(100), bl BLOB,"
            + " dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL, yr YEAR,"
            + " en ENUM('small','medium','large'), st SET('red','green','blue'), js JSON,"
            + " PRIMARY KEY (id, k2)) CHARACTER SET utf8mb4";

    @Test
    void everyCommonTypeRoundTripsExactly() throws Exception {
        fx.executeEverywhere("CREATE DATABASE fid", TYPES,
                "CREATE TABLE fid.big (id INT PRIMARY KEY, v VARCHAR(40))");
        BridgeConfig config = fx.config("fid", List.of("fid.types", "fid.big"));
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1",
                    "INSERT INTO fid.types VALUES (1, 'max', 127, 255, 32767, 65535, 8388607, 16777215, 2147483647,"
                            + " 4294967295, 9223372036854775807, 18446744073709551615,"
                            + " 12345678901234567890123456789012345.123456789012345678901234567890, 3.40282e38,"
                            + " 1.7976931348623157e308, b'1', b'101010101010', 'chär', 'emoji 😀 ünïcödé', REPEAT('long text ', 500),"
                            + " x'00FF10AB', x'000102', x'DEADBEEF00', '9999-12-31', '838:59:59.000000',"
                            + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155, 'large', 'red,blue',"
                            + " '{\"a\": [1, 2, {\"b\": null}], \"s\": \"😀\"}')",
                    "INSERT INTO fid.types VALUES (2, 'min', -128, 0, -32768, 0, -8388608, 0, -2147483648, 0,"
                            + " -9223372036854775808, 0, -0.000000000000000000000000000001, -1.17549435e-38,"
                            + " -2.2250738585072014e-308, b'0', b'000000000001', '', '', '', x'00000000', x'', x'',"
                            + " '1000-01-01', '-838:59:59.000000', '1000-01-01 00:00:00.000000',"
                            + " '1970-01-01 00:00:01.000000', 1901, 'small', '', '[]')",
                    "INSERT INTO fid.types (id, k2) VALUES (3, 'nulls')",
                    "INSERT INTO fid.types (id, k2, tm, dtm, ts, d) VALUES (4, 'frac', '-00:00:00.000001',"
                            + " '2024-02-29 12:34:56.123456', '2024-02-29 12:34:56.654321', 0.5)");
            fx.execute("dc2", "SET time_zone = '+05:00'",
                    "INSERT INTO fid.types (id, k2, ts, dtm) VALUES (5, 'tz', '2024-06-01 10:00:00.000001', '2024-06-01 10:00:00')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            fx.execute("dc3", "UPDATE fid.types SET vc = 'updated on dc3 ✓', b12 = b'111100001111' WHERE id = 3");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            fx.execute("dc1", "UPDATE fid.types SET biu = 18446744073709551614, ts = NULL, js = NULL WHERE id = 1");

            StringBuilder big = new StringBuilder("INSERT INTO fid.big VALUES ");
            for (int i = 0; i < 100_000; i++) {
                big.append(i == 0 ? "" : ",").append('(').append(i).append(", 'row ").append(i).append("')");
            }
            fx.execute("dc2", "START TRANSACTION", big.toString(), "COMMIT");
            fx.awaitIdentical(config, Duration.ofSeconds(180));
        }
        for (String leader : List.of("dc2", "dc3")) {
            assertThat(checksum(leader, "fid.types")).as("CHECKSUM TABLE on %s", leader).isEqualTo(checksum("dc1", "fid.types"));
            assertThat(asText(leader)).as("values as text on %s", leader).isEqualTo(asText("dc1"));
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM fid.big")).isEqualTo(100_000);
        }
        assertThat(asText("dc3")).contains("18446744073709551614").contains("emoji 😀 ünïcödé").contains("-838:59:59")
                .contains("updated on dc3 ✓").contains("2024-06-01 05:00:00.000001");
    }

    private static long checksum(String leader, String table) throws Exception {
        try (Connection c = fx.leader(leader).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE " + table)) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static String asText(String leader) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = fx.leader(leader).connect(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery("SELECT *, HEX(b12), HEX(bn), HEX(vb), HEX(bl), CAST(f AS CHAR), "
                    + "CAST(ts AS CHAR) FROM fid.types ORDER BY id")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        byte[] raw = rs.getBytes(i);
                        sb.append(raw == null ? "NULL" : new String(raw, java.nio.charset.StandardCharsets.UTF_8)).append('|');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }
}
