package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.Values;
import io.concordbridge.core.pipeline.ApplyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import static io.concordbridge.connectors.apply.mariadb.Changes.delete;
import static io.concordbridge.connectors.apply.mariadb.Changes.insert;
import static io.concordbridge.connectors.apply.mariadb.Changes.row;
import static io.concordbridge.connectors.apply.mariadb.Changes.tx;
import static io.concordbridge.connectors.apply.mariadb.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The applier against a real mariadbd whose global time zone is +05:00, from a JVM whose default
 * zone is America/New_York, so a TIMESTAMP written in any zone but UTC would show.
 */
class MariaDbApplierIT {

    private static final List<String> ID = List.of("id");
    private static final java.util.concurrent.atomic.AtomicInteger RATE_TABLES = new java.util.concurrent.atomic.AtomicInteger();

    @TempDir
    static Path tmp;
    static LocalMariaDb db;
    static TimeZone jvmZone;

    @BeforeAll
    static void start() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        db = LocalMariaDb.start(tmp, "dc2", 2, List.of("--default-time-zone=+05:00"));
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        TimeZone.setDefault(jvmZone);
    }

    @Test
    void createsTheMetaSchemaAndRoundTripsCheckpoints() throws Exception {
        try (MariaDbApplier applier = applier("m_meta")) {
            assertThat(applier.open()).isEmpty();
            applier.captureProgress(binlogPosition());
            assertThat(queryList("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'm_meta' "
                    + "AND TABLE_NAME = 'checkpoint' ORDER BY ORDINAL_POSITION"))
                    .containsExactly("origin", "part", "seq", "origin_position", "origin_commit_ms", "applied_at",
                            "applied_txs", "applied_changes", "max_stamp_micros");
            applier.apply(List.of(tx("dc1", 5), tx("dc3", 2), tx("dc1", 4)));
        }
        try (MariaDbApplier again = applier("m_meta")) {
            assertThat(again.open()).containsExactlyInAnyOrderEntriesOf(Map.of("dc1", 5L, "dc3", 2L));
            assertThat(again.open()).as("open is repeatable").hasSize(2);
            again.captureProgress(binlogPosition());
        }
        assertThat(queryList("SELECT CONCAT(origin_position, ' ', origin_commit_ms) FROM m_meta.checkpoint "
                + "WHERE origin = 'dc1'")).containsExactly("binlog.000001:500 1700000000005");
    }

    @Test
    void appliesChangesOfSeveralOriginsInOrderAsOneTransactionThatStartsWithTheCheckpoint() throws Exception {
        TableId items = table("t_order", "items", "id INT PRIMARY KEY, name VARCHAR(20), qty INT");
        List<OriginTransaction> txs = List.of(
                tx("dc1", 1, insert(items, ID, row("id", 1L, "name", "a", "qty", 1L)),
                        insert(items, ID, row("id", 2L, "name", "b", "qty", 2L)),
                        insert(items, ID, row("id", 3L, "name", "c", "qty", 3L))),
                tx("dc3", 7, update(items, ID, row("id", 2L, "name", "b", "qty", 2L), row("id", 2L, "name", "B", "qty", 20L)),
                        delete(items, ID, row("id", 3L, "name", "c", "qty", 3L))),
                tx("dc1", 2, update(items, ID, row("id", 1L, "name", "a", "qty", 1L), row("id", 10L, "name", "a", "qty", 1L)),
                        insert(items, ID, row("id", 3L, "name", "c2", "qty", 30L)),
                        update(items, ID, row("id", 3L, "name", "c2", "qty", 30L), row("id", 3L, "name", "c3", "qty", 31L))),
                tx("dc1", 3, insert(items, ID, row("id", 4L, "name", "d", "qty", 4L)),
                        delete(items, ID, row("id", 4L, "name", "d", "qty", 4L)),
                        // the key moves onto a key freed earlier in the same batch
                        update(items, ID, row("id", 10L, "name", "a", "qty", 1L), row("id", 1L, "name", "a", "qty", 5L))));
        try (MariaDbApplier applier = applier("m_order")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            String before = binlogPosition();
            applier.apply(txs);
            List<String[]> events = binlogEventsSince(before);
            assertThat(events.stream().filter(e -> e[0].equals("Xid")).count()).as("one transaction").isEqualTo(1);
            assertThat(events.stream().filter(e -> e[0].equals("Table_map")).findFirst().orElseThrow()[1])
                    .as("the echo marker is the first row event").endsWith("(m_order.checkpoint)");
            assertThat(applier.open()).containsExactlyInAnyOrderEntriesOf(Map.of("dc1", 3L, "dc3", 7L));
            applier.captureProgress(binlogPosition());
        }
        assertThat(queryList("SELECT CONCAT(id, ':', name, ':', qty) FROM t_order.items ORDER BY id"))
                .containsExactly("1:a:5", "2:B:20", "3:c3:31");
    }

    @Test
    void anEmptyTransactionAdvancesTheCheckpointAndAlwaysChangesTheRow() throws Exception {
        try (MariaDbApplier applier = applier("m_empty")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 9)));
            assertThat(applier.open()).containsEntry("dc1", 9L);
            applier.captureProgress(binlogPosition());
            String first = queryList("SELECT CAST(applied_at AS CHAR) FROM m_empty.checkpoint").get(0);
            String before = binlogPosition();
            applier.apply(List.of(tx("dc1", 9)));
            assertThat(binlogEventsSince(before).stream().filter(e -> e[0].startsWith("Update_rows")).count())
                    .as("re-applying the same seq still logs the checkpoint row, so capture can drop it")
                    .isEqualTo(1);
            assertThat(queryList("SELECT CAST(applied_at AS CHAR) FROM m_empty.checkpoint").get(0)).isGreaterThan(first);
        }
    }

    @Test
    void aFailingChangeRollsBackTheWholeBatchAndNamesLeaderTableKeyAndOrigin() throws Exception {
        TableId items = table("t_fail", "items", "id INT PRIMARY KEY, name VARCHAR(10)");
        TableId missing = new TableId("t_fail", "missing");
        try (MariaDbApplier applier = applier("m_fail")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 1, insert(items, ID, row("id", 1L, "name", "one")))));
            List<Change> many = new ArrayList<>();
            for (long id = 100; id < 150; id++) {
                many.add(insert(items, ID, row("id", id, "name", "n" + id)));
            }
            ApplyException e = catchApply(applier, List.of(tx("dc1", 2, many), tx("dc3", 4,
                    insert(missing, ID, row("id", 7L)))));
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).contains("dc2:", "t_fail.missing", "key id=7", "origin dc3 seq 4",
                    "binlog.000001:400", "error 1146", "does not exist", "Not retried");
            assertThat(count("t_fail.items")).as("nothing of the batch is visible").isEqualTo(1);
            assertThat(applier.open()).as("checkpoint did not move").containsExactlyEntriesOf(Map.of("dc1", 1L));
            applier.captureProgress(binlogPosition());

            many.set(37, insert(items, ID, row("id", 137L, "name", "far too long for ten")));
            e = catchApply(applier, List.of(tx("dc1", 2, many)));
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).as("the failing row of a batch is located")
                    .contains("key id=137", "too long", "error 1406").doesNotContain("far too long", "first of");
            assertThat(count("t_fail.items")).isEqualTo(1);

            e = catchApply(applier, List.of(tx("dc1", 2, insert(items, ID, row("id", 5L, "name", new Object())))));
            assertThat(e.transientFailure()).isFalse();
            assertThat(e.getMessage()).contains("column name", "not a Values type", "key id=5");
        }
    }

    @Test
    void anUpsertNeverOverwritesAnotherRowThroughASecondaryUniqueIndex() throws Exception {
        TableId users = table("t_unique", "users", "id INT PRIMARY KEY, email VARCHAR(40) NOT NULL UNIQUE");
        exec("INSERT INTO t_unique.users VALUES (1, 'a@example.com')");
        try (MariaDbApplier applier = applier("m_unique")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 1, insert(users, ID, row("id", 2L, "email", "a@example.com")))));
            exec("INSERT INTO t_unique.users VALUES (3, 'b@example.com')");
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 2,
                    update(users, ID, row("id", 1L, "email", "a@example.com"), row("id", 1L, "email", "b@example.com")))));
            assertThat(applier.open()).as("both batches committed").containsEntry("dc1", 2L);
            applier.captureProgress(binlogPosition());
        }
        assertThat(queryList("SELECT CONCAT(id, ' ', email) FROM t_unique.users ORDER BY id"))
                .containsExactly("1 a@example.com", "3 b@example.com");
        assertThat(queryList("SELECT CONCAT(type, ' ', row_key, ' ', reason) FROM m_unique.conflict_history ORDER BY id"))
                .as("recorded as conflicts instead (ConflictApplyIT has the details)")
                .hasSize(2).allMatch(h -> h.startsWith("unique_violation id=")).allMatch(h -> h.contains("unique index email"));
    }

    @Test
    void reapplyingABatchHasTheSameEffect() throws Exception {
        TableId items = table("t_twice", "items", "id INT PRIMARY KEY, qty INT");
        List<OriginTransaction> batch = List.of(tx("dc1", 3,
                insert(items, ID, row("id", 1L, "qty", 1L)),
                update(items, ID, row("id", 1L, "qty", 1L), row("id", 1L, "qty", 2L)),
                insert(items, ID, row("id", 2L, "qty", 7L)),
                delete(items, ID, row("id", 2L, "qty", 7L))));
        try (MariaDbApplier applier = applier("m_twice")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(batch);
            applier.apply(batch);
            assertThat(applier.open()).containsEntry("dc1", 3L);
            applier.captureProgress(binlogPosition());
        }
        assertThat(queryList("SELECT CONCAT(id, ':', qty) FROM t_twice.items")).containsExactly("1:2");
    }

    @Test
    void everyValuesTypeRoundTripsExactly() throws Exception {
        TableId types = new TableId("t_types", "all_types");
        exec("CREATE DATABASE t_types");
        exec(AllTypes.ddl(types));
        List<Map<String, Object>> rows = AllTypes.rows();
        try (MariaDbApplier applier = applier("m_types")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            List<Change> inserts = rows.stream().map(r -> insert(types, AllTypes.KEY, r)).toList();
            applier.apply(List.of(tx("dc1", 1, inserts)));
            assertRows(types, rows);
            // the same values through the update path, with a key move on a composite key
            Map<String, Object> moved = new java.util.LinkedHashMap<>(rows.get(3));
            moved.put("k2", "moved");
            applier.apply(List.of(tx("dc1", 2, update(types, AllTypes.KEY, rows.get(3), moved),
                    update(types, AllTypes.KEY, rows.get(0), rows.get(0)))));
            assertRows(types, List.of(rows.get(0), rows.get(1), rows.get(2), moved));
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(tm AS CHAR), HEX(b12), UNIX_TIMESTAMP(ts), @@time_zone "
                     + "FROM t_types.all_types WHERE k2 = 'min'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("-838:59:59.000000");
            assertThat(rs.getString(2)).isEqualTo("1");
            assertThat(rs.getString(3)).as("1970-01-01 00:00:01 UTC").isEqualTo("1.000000");
            assertThat(rs.getString(4)).as("the server's zone is not UTC").isEqualTo("+05:00");
        }
    }

    @Test
    void backslashesAndQuotesSurviveWhenTheServerRunsWithNoBackslashEscapes() throws Exception {
        TableId notes = table("t_escape", "notes", "id INT PRIMARY KEY, txt VARCHAR(100), raw VARBINARY(20)");
        String text = "C:\\dir\\n 'single' \"double\" \\' end\\";
        byte[] raw = {0x5C, 0x27, 0x22, 0x00, 0x5C};
        String globalMode = queryList("SELECT @@GLOBAL.sql_mode").get(0);
        exec("SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')");
        try (MariaDbApplier applier = applier("m_escape")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 1, insert(notes, ID, row("id", 1L, "txt", text, "raw", raw)))));
        } finally {
            exec("SET GLOBAL sql_mode = '" + globalMode + "'");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT txt, raw FROM t_escape.notes")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(text);
            assertThat(rs.getBytes(2)).isEqualTo(raw);
        }
    }

    @Test
    void aKilledServerFailsTransientlyAndTheApplierWorksAgainAfterRestartAndOpen() throws Exception {
        TableId items = table("t_kill", "items", "id INT PRIMARY KEY, qty INT");
        try (MariaDbApplier applier = applier("m_kill")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 1, insert(items, ID, row("id", 1L, "qty", 1L)))));
            db.kill();
            ApplyException e = catchApply(applier, List.of(tx("dc1", 2, insert(items, ID, row("id", 2L, "qty", 2L)))));
            assertThat(e.transientFailure()).isTrue();
            assertThat(e.getMessage()).contains("dc2:", "Will be retried");
            assertThatThrownBy(applier::open).isInstanceOfSatisfying(ApplyException.class,
                    down -> assertThat(down.transientFailure()).isTrue());
            db.restart();
            assertThat(applier.open()).containsEntry("dc1", 1L);
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 2, insert(items, ID, row("id", 2L, "qty", 2L)))));
            assertThat(applier.open()).containsEntry("dc1", 2L);
            applier.captureProgress(binlogPosition());
        }
        assertThat(count("t_kill.items")).isEqualTo(2);
    }

    @Test
    void rowsTooLargeForOneStatementGoOutInSeveralUnderMaxAllowedPacket() throws Exception {
        TableId blobs = table("t_packet", "blobs", "id BIGINT PRIMARY KEY, payload LONGBLOB");
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Change> inserts = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (long id = 1; id <= 8; id++) {
            byte[] payload = new byte[300_000]; // 600,000 chars as a hex literal: two rows pass a statement's limit
            random.nextBytes(payload);
            Map<String, Object> row = row("id", id, "payload", payload);
            rows.add(row);
            inserts.add(insert(blobs, ID, row));
        }
        long packet = Long.parseLong(queryList("SELECT @@GLOBAL.max_allowed_packet").get(0));
        exec("SET GLOBAL max_allowed_packet = " + 2 * 1024 * 1024); // all eight rows in one statement: 4.8 MB
        try (MariaDbApplier applier = applier("m_packet")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            applier.apply(List.of(tx("dc1", 1, inserts)));
        } finally {
            exec("SET GLOBAL max_allowed_packet = " + packet);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, payload FROM t_packet.blobs ORDER BY id")) {
            for (Map<String, Object> row : rows) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(row.get("id"));
                assertThat(rs.getBytes(2)).isEqualTo(row.get("payload"));
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aHundredThousandRowTransactionAppliesAsOne() throws Exception {
        TableId big = table("t_big", "rows100k", "id BIGINT PRIMARY KEY, name VARCHAR(40), qty INT");
        List<Change> changes = new ArrayList<>(100_000);
        for (long id = 0; id < 100_000; id++) {
            changes.add(insert(big, ID, row("id", id, "name", "row number " + id, "qty", id % 1000)));
        }
        try (MariaDbApplier applier = applier("m_big")) {
            applier.open();
            applier.captureProgress(binlogPosition());
            String before = binlogPosition();
            long start = System.nanoTime();
            applier.apply(List.of(tx("dc1", 1, changes)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("100,000-row origin transaction applied in %d ms (%.0f rows/s)%n", ms, 100_000 * 1000.0 / ms);
            assertThat(binlogEventsSince(before).stream().filter(e -> e[0].equals("Xid")).count()).isEqualTo(1);
        }
        assertThat(count("t_big.rows100k")).isEqualTo(100_000);
    }

    @Test
    void applyRateOfSingleRowUpsertsBatched5000PerTransaction() throws Exception {
        measureRate("warm-up", Map.of(), 20_000);
        for (int round = 1; round <= 2; round++) {
            measureRate("round " + round + ", multi-row statements written as text", Map.of(), 100_000);
        }
    }

    private void measureRate(String label, Map<String, String> options, int rows) throws Exception {
        String schema = "t_rate_" + RATE_TABLES.incrementAndGet();
        TableId t = table(schema, "items", "id BIGINT PRIMARY KEY, name VARCHAR(40), qty INT, note VARCHAR(100)");
        try (MariaDbApplier applier = new MariaDbApplier(leader(), "m_rate", ApplyConfig.defaults(), Map.of(), options)) {
            applier.open();
            applier.captureProgress(binlogPosition());
            long start = System.nanoTime();
            List<OriginTransaction> batch = new ArrayList<>(5000);
            for (long id = 0; id < rows; id++) {
                batch.add(tx("dc1", id + 1, insert(t, ID, row("id", id, "name", "item " + id, "qty", id % 100,
                        "note", "a note of some length for row " + id))));
                if (batch.size() == 5000) {
                    applier.apply(batch);
                    batch.clear();
                }
            }
            applier.apply(batch);
            long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            System.out.printf("apply rate, %s: %,d single-row transactions in %d ms = %,.0f rows/s%n",
                    label, rows, ms, rows * 1000.0 / ms);
        }
        assertThat(count(schema + ".items")).isEqualTo(rows);
    }

    private static void assertRows(TableId t, List<Map<String, Object>> expected) throws SQLException {
        List<Map<String, Object>> actual = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(AllTypes.select(t))) {
            while (rs.next()) {
                actual.add(AllTypes.read(rs));
            }
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            for (Map.Entry<String, Object> col : expected.get(r).entrySet()) {
                Object got = actual.get(r).get(col.getKey());
                assertThat(Values.same(col.getValue(), got))
                        .as("row %s column %s: wrote %s, read %s", expected.get(r).get("k2"), col.getKey(),
                                show(col.getValue()), show(got))
                        .isTrue();
            }
        }
    }

    private static String show(Object v) {
        return v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b, 0, Math.min(b.length, 16))
                : Values.describe(v) + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")");
    }

    private static ApplyException catchApply(MariaDbApplier applier, List<OriginTransaction> txs) {
        try {
            applier.apply(txs);
        } catch (ApplyException e) {
            return e;
        }
        throw new AssertionError("apply did not fail");
    }

    private static MariaDbApplier applier(String meta) {
        return new MariaDbApplier(leader(), meta, ApplyConfig.defaults());
    }

    private static LeaderConfig leader() {
        return new LeaderConfig("dc2", "127.0.0.1", db.port(), "root", new Secret(""));
    }

    private static TableId table(String schema, String name, String columns) throws SQLException {
        exec("CREATE DATABASE IF NOT EXISTS " + schema);
        exec("CREATE TABLE " + schema + "." + name + " (" + columns + ")");
        return new TableId(schema, name);
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(queryList("SELECT COUNT(*) FROM " + table).get(0));
    }

    private static List<String> queryList(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String binlogPosition() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getString(1) + ":" + rs.getLong(2);
        }
    }

    /** Event type and info of every binlog event after a position of {@link #binlogPosition()}. */
    private static List<String[]> binlogEventsSince(String position) throws SQLException {
        String[] p = position.split(":");
        List<String[]> events = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '" + p[0] + "' FROM " + p[1])) {
            while (rs.next()) {
                events.add(new String[] {rs.getString("Event_type"), rs.getString("Info")});
            }
        }
        return events;
    }
}
