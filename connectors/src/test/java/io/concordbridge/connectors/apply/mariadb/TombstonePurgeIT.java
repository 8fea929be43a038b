package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tombstones are purged only past the oldest origin checkpoint less the retention, on a real mariadbd. */
class TombstonePurgeIT {

    private static final String VERSION_COLUMNS = "(tbl, pk, stamp_micros, stamp_leader, row_hash, deleted, updated_at)";
    private static final long HOUR_MS = 3_600_000L;
    private static final long NOW_MS = 1_800_000_000_000L;

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void start() {
        db = LocalMariaDb.start(tmp, "dc1", 31);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void onlyTombstonesOlderThanTheOldestCheckpointLessTheRetentionGoAndLiveVersionsStay() throws Exception {
        MetaSchema meta = new MetaSchema("purge_a");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            meta.create(c);
            s.execute("INSERT INTO purge_a.checkpoint (origin, part, seq, origin_position, origin_commit_ms, applied_at) VALUES ('dc2', 0, 9, 'b:1', " + NOW_MS + ", NOW(6)),"
                    + " ('dc3', 0, 4, 'b:2', " + (NOW_MS - 2 * HOUR_MS) + ", NOW(6))");
            s.execute("INSERT INTO purge_a.row_version " + VERSION_COLUMNS + " VALUES "
                    + version(1, NOW_MS - 30 * HOUR_MS, true) + ", " + version(2, NOW_MS - 27 * HOUR_MS, true) + ", "
                    + version(3, NOW_MS - 25 * HOUR_MS, true) + ", " + version(4, NOW_MS - 40 * HOUR_MS, false) + ", "
                    + version(5, NOW_MS - HOUR_MS, true));

            long purged = TombstonePurge.purge(c, meta, List.of("dc2", "dc3"), Duration.ofHours(24));

            assertThat(purged).as("tombstones before dc3's checkpoint (2 h ago) less 24 h").isEqualTo(2);
            assertThat(keys(s, "purge_a")).containsExactly("3", "4", "5");
        }
    }

    @Test
    void nothingIsPurgedWhileAnOriginHasNoCheckpointHere() throws Exception {
        MetaSchema meta = new MetaSchema("purge_b");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            meta.create(c);
            s.execute("INSERT INTO purge_b.checkpoint (origin, part, seq, origin_position, origin_commit_ms, applied_at) VALUES ('dc2', 0, 9, 'b:1', " + NOW_MS + ", NOW(6))");
            s.execute("INSERT INTO purge_b.row_version " + VERSION_COLUMNS + " VALUES " + version(1, NOW_MS - 300 * HOUR_MS, true));

            assertThat(TombstonePurge.purge(c, meta, List.of("dc2", "dc3"), Duration.ofHours(1))).isZero();
            assertThat(keys(s, "purge_b")).containsExactly("1");
        }
    }

    private static String version(int key, long stampMs, boolean deleted) {
        return "('t.x', '" + key + "', " + stampMs * 1000 + ", 'dc2', NULL, " + (deleted ? 1 : 0) + ", NOW(6))";
    }

    private static List<String> keys(Statement s, String schema) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT pk FROM " + schema + ".row_version ORDER BY pk")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
