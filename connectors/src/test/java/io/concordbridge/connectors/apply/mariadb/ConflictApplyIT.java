package io.concordbridge.connectors.apply.mariadb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.pipeline.ApplyTarget.Retry;
import io.concordbridge.core.pipeline.AwaitCaptureException;
import io.concordbridge.core.pipeline.LogPositions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

import static io.concordbridge.connectors.apply.mariadb.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conflict detection and resolution in the apply, against a real mariadbd playing leader dc2:
 * remote changes of dc1 (and dc3) stamped by hand, local writes made with plain SQL and, where a
 * test says so, their stamps recorded as the capture would ({@link MariaDbLocalVersions}). Each
 * test has its own database and meta schema.
 */
class ConflictApplyIT {

    private static final List<String> ID = List.of("id");
    private static final String ITEMS = "id INT PRIMARY KEY, name VARCHAR(40), qty INT";
    /** Stamps by hand, far from the ones {@link Changes#tx} gives unstamped changes. */
    private static final long T = 2_000_000_000_000_000L;

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void start() {
        db = LocalMariaDb.start(tmp, "dc2", 2);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aChangeBasedOnTheCurrentRowAppliesAndRecordsItsStamp() throws Exception {
        TableId items = table("c_none", "items", ITEMS);
        try (MariaDbApplier applier = opened("m_none", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, row("id", 1L, "name", "a", "qty", 1L), T + 1, "dc1"))));
            Map<String, Object> after = row("id", 1L, "name", "b", "qty", 2L);
            applier.apply(List.of(remote(2, update(items, row("id", 1L, "name", "a", "qty", 1L), after, T + 2, "dc1"))));
            assertThat(version("m_none", items, 1L)).isEqualTo((T + 2) + "@dc1 " + hex(RowHash.of(after)) + " 0");
        }
        assertThat(rows(items)).containsExactly("1:b:2");
        assertThat(count("m_none.conflict_history")).isZero();
    }

    @Test
    void lastWriterWinsByTheRecordedStampOfALocalWriteBothWays() throws Exception {
        TableId items = table("c_lww", "items", ITEMS);
        Map<String, Object> local = row("id", 1L, "name", "local", "qty", 1L);
        exec("INSERT INTO c_lww.items VALUES (1, 'local', 1)");
        try (MariaDbLocalVersions versions = localVersions("m_lww"); MariaDbApplier applier = applier("m_lww", Map.of())) {
            versions.record(List.of(local(1, insert(items, local, T + 200))));
            applier.open();
            applier.captureProgress(binlogEnd());
            Map<String, Object> theirs = row("id", 1L, "name", "remote", "qty", 1L);
            applier.apply(List.of(remote(1, insert(items, theirs, T + 100, "dc1"))));
            assertThat(rows(items)).as("an older remote insert keeps the local row").containsExactly("1:local:1");

            Map<String, Object> newer = row("id", 1L, "name", "remote2", "qty", 1L);
            applier.apply(List.of(remote(2, update(items, theirs, newer, T + 300, "dc1"))));
            assertThat(rows(items)).as("a newer remote update wins").containsExactly("1:remote2:1");
            assertThat(version("m_lww", items, 1L)).startsWith((T + 300) + "@dc1 " + hex(RowHash.of(newer)));
        }
        List<Map<String, String>> history = history("m_lww");
        assertThat(history).hasSize(2);
        Map<String, String> first = history.get(0);
        assertThat(first).containsEntry("type", "insert_exists").containsEntry("policy", "last-writer-wins")
                .containsEntry("outcome", "keep_local").containsEntry("winner", "dc2").containsEntry("leader", "dc2")
                .containsEntry("tbl", "c_lww.items").containsEntry("row_key", "id=1").containsEntry("kept_open", "0")
                .containsEntry("local_leader", "dc2").containsEntry("local_stamp_micros", String.valueOf(T + 200))
                .containsEntry("remote_leader", "dc1").containsEntry("remote_stamp_micros", String.valueOf(T + 100));
        assertThat(RowJson.read(first.get("local_row"))).isEqualTo(local);
        assertThat(RowJson.read(first.get("remote_row"))).isEqualTo(row("id", 1L, "name", "remote", "qty", 1L));
        assertThat(RowJson.read(first.get("result_row"))).isEqualTo(local);
        assertThat(first.get("base_row")).isNull();
        assertThat(first.get("conflict_id")).matches("[0-9a-f]{32}");
        Map<String, String> second = history.get(1);
        assertThat(second).containsEntry("type", "update_differing").containsEntry("outcome", "take_remote")
                .containsEntry("winner", "dc1").containsEntry("local_stamp_micros", String.valueOf(T + 200))
                .containsEntry("remote_stamp_micros", String.valueOf(T + 300));
        assertThat(RowJson.read(second.get("base_row"))).isEqualTo(row("id", 1L, "name", "remote", "qty", 1L));
        assertThat(second.get("reason")).contains("later stamp");
        assertThat(query("SELECT ABS(UNIX_TIMESTAMP(detected_at) - UNIX_TIMESTAMP()) < 60 recent FROM m_lww.conflict_history"
                + " UNION ALL SELECT ABS(UNIX_TIMESTAMP(updated_at) - UNIX_TIMESTAMP()) < 60 FROM m_lww.row_version"))
                .as("times are now, whatever the session's time zone").allSatisfy(r -> assertThat(r.get("recent")).isEqualTo("1"));
    }

    @Test
    void aConflictWithALocalWriteTheCaptureHasNotStampedWaitsForTheCaptureAndThenDecidesWithItsStamp() throws Exception {
        TableId items = table("c_wait", "items", ITEMS);
        Map<String, Object> base = row("id", 1L, "name", "base", "qty", 1L);
        Map<String, Object> local = row("id", 1L, "name", "local", "qty", 1L);
        Map<String, Object> theirs = row("id", 1L, "name", "remote", "qty", 1L);
        OriginTransaction conflicting = remote(2, update(items, base, theirs, T + 300, "dc1"));
        try (MariaDbLocalVersions versions = localVersions("m_wait"); MariaDbApplier applier = opened("m_wait", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, base, T + 100, "dc1"))));
            exec("UPDATE c_wait.items SET name = 'local' WHERE id = 1");
            String endAfterLocalWrite = binlogEnd();

            AwaitCaptureException e = catchAwait(applier, conflicting);
            assertThat(LogPositions.compare(e.position(), endAfterLocalWrite)).isGreaterThanOrEqualTo(0);
            assertThat(e.getMessage()).contains("dc2", "c_wait.items key id=1", "origin dc1 seq 2", e.position());
            assertThat(e.transientFailure()).isTrue();
            assertThat(rows(items)).as("nothing was written").containsExactly("1:local:1");
            assertThat(checkpoint("m_wait")).as("checkpoint unchanged").isEqualTo(1);
            assertThat(count("m_wait.conflict_history")).isZero();

            exec("INSERT INTO c_wait.items VALUES (99, 'unrelated', 0)");   // the binlog end moves on meanwhile
            versions.record(List.of(local(7, update(items, base, local, T + 400))));
            applier.captureProgress(binlogEnd());   // the capture recorded the local write and read on
            applier.apply(List.of(conflicting));
        }
        assertThat(rows(items)).as("the local write is later: it stays").containsExactly("1:local:1", "99:unrelated:0");
        assertThat(checkpoint("m_wait")).isEqualTo(2);
        assertThat(history("m_wait")).singleElement().satisfies(h -> assertThat(h)
                .containsEntry("type", "update_differing").containsEntry("outcome", "keep_local")
                .containsEntry("local_stamp_micros", String.valueOf(T + 400)).containsEntry("local_stamp_leader", "dc2"));
    }

    /**
     * A key the batch first inserts is taken as new without reading it; its plain INSERT fails on a row the
     * application inserted and the capture has not recorded yet, and the batch made again reading every row finds
     * that row and waits for the capture instead of overwriting it.
     */
    @Test
    void aRemoteInsertOfAKeyTheApplicationInsertedUnrecordedWaitsForTheCaptureAndLeavesTheRow() throws Exception {
        TableId items = table("c_ins", "items", ITEMS);
        Map<String, Object> local = row("id", 1L, "name", "local", "qty", 1L);
        OriginTransaction theirs = remote(1, insert(items, row("id", 1L, "name", "remote", "qty", 1L), T + 300, "dc1"),
                insert(items, row("id", 2L, "name", "new", "qty", 2L), T + 300, "dc1"));
        List<Retry> retries = new CopyOnWriteArrayList<>();
        try (MariaDbLocalVersions versions = localVersions("m_ins"); MariaDbApplier applier = opened("m_ins", Map.of())) {
            applier.retries(retries::add);
            exec("INSERT INTO c_ins.items VALUES (1, 'local', 1)");

            AwaitCaptureException e = catchAwait(applier, theirs);
            assertThat(e.getMessage()).contains("c_ins.items key id=1");
            assertThat(rows(items)).as("the local row stays, the batch is undone").containsExactly("1:local:1");
            assertThat(retries).as("the batch made again reading every row").containsExactly(Retry.REREAD);

            versions.record(List.of(local(3, insert(items, local, T + 400))));
            applier.captureProgress(binlogEnd());
            applier.apply(List.of(theirs));
        }
        assertThat(rows(items)).as("the local insert is later").containsExactly("1:local:1", "2:new:2");
        assertThat(retries).as("the batch after a reread reads every row at once: no retry").containsExactly(Retry.REREAD);
        assertThat(history("m_ins")).singleElement().satisfies(h -> assertThat(h).containsEntry("type", "insert_exists")
                .containsEntry("outcome", "keep_local").containsEntry("local_stamp_micros", String.valueOf(T + 400)));
    }

    /**
     * A deleted key's tombstone is a stored version: its remote re-insert, taken as new, fails on the version's plain
     * INSERT, and the batch made again reading every row decides against the tombstone. The batches after it read
     * every row at once ({@link MariaDbApplier#READ_AFTER_REREAD}), then new keys go unread again.
     */
    @Test
    void aReinsertOfADeletedKeyIsReadAgainstItsTombstoneAndTheNextBatchesReadAtOnce() throws Exception {
        TableId items = table("c_reins", "items", ITEMS);
        Map<String, Object> first = row("id", 1L, "name", "first", "qty", 1L);
        Map<String, Object> again = row("id", 1L, "name", "again", "qty", 2L);
        List<Retry> retries = new CopyOnWriteArrayList<>();
        try (MariaDbApplier applier = opened("m_reins", Map.of())) {
            applier.retries(retries::add);
            applier.apply(List.of(remote(1, insert(items, first, T + 100, "dc1"))));
            applier.apply(List.of(remote(2, delete(items, first, T + 200, "dc1"))));
            assertThat(version("m_reins", items, 1L)).as("the tombstone").startsWith((T + 200) + "@dc1");
            assertThat(retries).isEmpty();

            applier.apply(List.of(remote(3, insert(items, again, T + 300, "dc1"))));
            assertThat(retries).as("the version's INSERT met the tombstone").containsExactly(Retry.REREAD);
            assertThat(rows(items)).containsExactly("1:again:2");
            assertThat(version("m_reins", items, 1L)).startsWith((T + 300) + "@dc1 " + hex(RowHash.of(again)));

            long seq = 4;
            for (int i = 0; i < MariaDbApplier.READ_AFTER_REREAD; i++, seq++) {
                long before = selects();
                applier.apply(List.of(remote(seq, insert(items, row("id", 10L + seq, "name", "n", "qty", 0L),
                        T + 400 + seq, "dc1"))));
                assertThat(selects() - before).as("batch %d after the reread reads its row and version", i)
                        .isEqualTo(3);
            }
            long before = selects();
            applier.apply(List.of(remote(seq, insert(items, row("id", 10L + seq, "name", "n", "qty", 0L),
                    T + 400 + seq, "dc1"))));
            assertThat(selects() - before).as("then a new key is not read").isEqualTo(1);
        }
        assertThat(retries).containsExactly(Retry.REREAD);
        assertThat(count("c_reins.items")).isEqualTo(2 + MariaDbApplier.READ_AFTER_REREAD);
        assertThat(history("m_reins")).as("a later insert after a delete is no conflict").isEmpty();
    }

    @Test
    void aBatchOfNewKeysMakesNoLockingReadAndABatchOfUpdatesTwo() throws Exception {
        TableId items = table("c_reads", "items", ITEMS);
        try (MariaDbApplier applier = opened("m_reads", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, row("id", 1L, "name", "a", "qty", 1L), T + 1, "dc1"),
                    insert(items, row("id", 2L, "name", "b", "qty", 1L), T + 1, "dc1"))));

            long before = selects();
            applier.apply(List.of(remote(2, insert(items, row("id", 3L, "name", "c", "qty", 1L), T + 2, "dc1"),
                    insert(items, row("id", 4L, "name", "d", "qty", 1L), T + 2, "dc1"))));
            long inserts = selects() - before;
            before = selects();
            applier.apply(List.of(remote(3, update(items, row("id", 1L, "name", "a", "qty", 1L),
                            row("id", 1L, "name", "a", "qty", 2L), T + 3, "dc1"),
                    update(items, row("id", 2L, "name", "b", "qty", 1L), row("id", 2L, "name", "b", "qty", 2L), T + 3,
                            "dc1"))));
            long updates = selects() - before;

            assertThat(inserts).as("SELECTs of a batch of new keys (the count's own)").isEqualTo(1);
            assertThat(updates).as("SELECTs of a batch of updates: rows, versions, the count's own").isEqualTo(3);
        }
        assertThat(rows(items)).containsExactly("1:a:2", "2:b:2", "3:c:1", "4:d:1");
    }

    /** The server's count of SELECT statements (this query's own included, the same in every difference). */
    private static long selects() throws SQLException {
        return Long.parseLong(query("SHOW GLOBAL STATUS LIKE 'Com_select'").get(0).get("Value"));
    }

    /**
     * The retry after a wait holds the row locked until the capture has passed the binlog end read
     * under the lock, however far the leader writes on meanwhile: a local write to the row waits for
     * the apply instead of slipping in between (an insert and delete between the attempts would
     * otherwise leave an absent row looking new). A stamp still unknown then counts as 0.
     */
    @Test
    void theRetryHoldsItsRowsUntilTheCaptureHasPassedThemAndALocalWriteWaitsForIt() throws Exception {
        TableId items = table("c_busy", "items", ITEMS);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (MariaDbApplier applier = applier("m_busy", Map.of())) {
            OriginTransaction conflicting = conflictingWithAnUnstampedWrite(applier, items);
            AwaitCaptureException e = catchAwait(applier, conflicting);
            exec("INSERT INTO c_busy.items VALUES (99, 'unrelated', 0)");
            assertThat(LogPositions.compare(binlogEnd(), e.position())).as("the binlog end moved on").isPositive();

            AtomicReference<String> capture = new AtomicReference<>(e.position());
            applier.captureProgress(capture::get);
            List<String> holds = new CopyOnWriteArrayList<>();
            applier.captureHolds((nanos, passed) -> holds.add((passed ? "passed " : "ran out ") + nanos / 1_000_000));
            Future<?> retry = threads.submit(() -> {
                while (true) {   // as the lane does: wait, retry
                    try {
                        applier.apply(List.of(conflicting));
                        return null;
                    } catch (AwaitCaptureException again) {
                        Thread.sleep(10);
                    }
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lockedElsewhere("c_busy.items", 1));
            Future<?> localWrite = threads.submit(() -> {
                exec("UPDATE c_busy.items SET name = 'late' WHERE id = 1");
                return null;
            });
            Thread.sleep(300);
            assertThat(retry).as("the retry waits for the capture").isNotDone();
            assertThat(localWrite).as("the local write waits for the retry's lock").isNotDone();
            capture.set(binlogEnd());   // the capture passes the binlog end: nothing it read stamps row 1
            retry.get(10, TimeUnit.SECONDS);
            localWrite.get(10, TimeUnit.SECONDS);
            assertThat(holds).as("every hold is told; the last one passed").isNotEmpty().last().asString().startsWith("passed ");
            assertThat(holds.stream().mapToLong(h -> Long.parseLong(h.replaceAll("\\D", ""))).sum())
                    .as("held at least the 300 ms the test waited").isGreaterThanOrEqualTo(300);
        } finally {
            threads.shutdownNow();
        }
        assertThat(rows(items)).as("the local write came after the apply").containsExactly("1:late:1", "99:unrelated:0");
        assertThat(history("m_busy")).singleElement().satisfies(h -> assertThat(h)
                .containsEntry("outcome", "take_remote").containsEntry("local_stamp_micros", "0")
                .containsEntry("local_stamp_leader", "dc2"));
    }

    /**
     * A retry holding its rows lets go when the capture stands still, but keeps holding while the
     * capture reads on, however far behind: letting go would only start the wait again further back.
     */
    @Test
    void aHoldLetsGoWhenTheCaptureStandsStillAndNotWhileItReadsOn() throws Exception {
        TableId items = table("c_slow", "items", ITEMS);
        try (MariaDbApplier applier = applier("m_slow", Map.of())) {
            OriginTransaction conflicting = conflictingWithAnUnstampedWrite(applier, items);
            List<long[]> holds = new java.util.concurrent.CopyOnWriteArrayList<>();
            applier.captureHolds((nanos, passed) -> holds.add(new long[]{nanos / 1_000_000, passed ? 1 : 0}));

            AwaitCaptureException e = catchAwait(applier, conflicting);   // the capture stands still
            assertThat(e.getMessage()).contains("c_slow.items key id=1", "stood still");
            assertThat(holds).singleElement().satisfies(h -> {
                assertThat(h[1]).as("ran out").isZero();
                assertThat(h[0]).isBetween(CaptureWait.STALL_MILLIS, CaptureWait.HOLD_MAX_MILLIS);
            });

            String end = binlogEnd();
            String file = end.substring(0, end.lastIndexOf(':'));
            String earlierFile = String.format("%s.%06d", file.substring(0, file.lastIndexOf('.')),
                    Long.parseLong(file.substring(file.lastIndexOf('.') + 1)) - 1);
            long readsOnUntil = System.nanoTime() + (CaptureWait.STALL_MILLIS + 1_500) * 1_000_000;
            java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
            applier.captureProgress(() -> System.nanoTime() < readsOnUntil
                    ? earlierFile + ":" + reads.incrementAndGet()   // behind, reading on
                    : end);
            applier.apply(List.of(conflicting));
            assertThat(holds).hasSize(2).last().satisfies(h -> {
                assertThat(h[1]).as("passed").isOne();
                assertThat(h[0]).as("held past the stall limit while the capture read on")
                        .isGreaterThan(CaptureWait.STALL_MILLIS + 1_000);
            });
        }
        assertThat(rows(items)).containsExactly("1:remote:1");
    }

    /**
     * Opens the applier, applies dc1's insert of row 1 of {@code items}, then updates that row
     * locally (its stamp never recorded: no capture runs); returns dc1's next update of the row,
     * which conflicts with that local write.
     */
    private static OriginTransaction conflictingWithAnUnstampedWrite(MariaDbApplier applier, TableId items)
            throws Exception {
        Map<String, Object> base = row("id", 1L, "name", "base", "qty", 1L);
        applier.open();
        applier.captureProgress(binlogEnd());
        applier.apply(List.of(remote(1, insert(items, base, T + 100, "dc1"))));
        exec("UPDATE " + items + " SET name = 'unstamped' WHERE id = 1");
        return remote(2, update(items, base, row("id", 1L, "name", "remote", "qty", 1L), T + 300, "dc1"));
    }

    /** Whether another transaction holds a lock on the row: a locking read that does not wait fails. */
    private static boolean lockedElsewhere(String table, long id) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.executeQuery("SELECT id FROM " + table + " WHERE id = " + id + " FOR UPDATE NOWAIT").close();
                return false;
            } catch (SQLException locked) {
                if (locked.getErrorCode() != 1205) {
                    throw locked;
                }
                return true;
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void aRowThatPredatesTheBridgeCountsAsStampedZeroOnceTheCaptureHasPassed() throws Exception {
        TableId items = table("c_old", "items", ITEMS);
        exec("INSERT INTO c_old.items VALUES (5, 'old', 1)");
        try (MariaDbApplier applier = opened("m_old", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, row("id", 5L, "name", "new", "qty", 2L), T + 1, "dc1"))));
            assertThat(version("m_old", items, 5L)).startsWith((T + 1) + "@dc1 ");
        }
        assertThat(rows(items)).containsExactly("5:new:2");
        assertThat(history("m_old")).singleElement().satisfies(h -> assertThat(h)
                .containsEntry("type", "insert_exists").containsEntry("outcome", "take_remote").containsEntry("winner", "dc1")
                .containsEntry("local_stamp_micros", "0").containsEntry("local_stamp_leader", "dc2"));
    }

    @Test
    void deletesLeaveTombstonesThatDecideAgainstUpdatesAndMissingRowsAreRecorded() throws Exception {
        TableId items = table("c_del", "items", ITEMS);
        Map<String, Object> base = row("id", 1L, "name", "base", "qty", 1L);
        Map<String, Object> local = row("id", 1L, "name", "local", "qty", 1L);
        try (MariaDbLocalVersions versions = localVersions("m_del"); MariaDbApplier applier = opened("m_del", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, base, T + 100, "dc1"))));
            exec("UPDATE c_del.items SET name = 'local' WHERE id = 1");
            versions.record(List.of(local(1, update(items, base, local, T + 200))));
            applier.captureProgress(binlogEnd());
            // dc1 deleted the row it had (base) after the local update: delete_differing, the delete is later
            applier.apply(List.of(remote(2, delete(items, base, T + 300, "dc1"))));
            assertThat(rows(items)).isEmpty();
            assertThat(version("m_del", items, 1L)).isEqualTo((T + 300) + "@dc1 null 1");
            // dc3 updated base concurrently, earlier than the delete: update_missing against the tombstone
            applier.apply(List.of(new OriginTransaction("dc3", 1, "0-3-1", "binlog.000009:100", 0, 0,
                    List.of(update(items, base, row("id", 1L, "name", "dc3", "qty", 1L), T + 250, "dc3")), null)));
            assertThat(rows(items)).as("the later delete stands").isEmpty();
            // an update of a row never seen here, no tombstone: written as an insert (once the capture has
            // passed the binlog end, no local delete can be pending)
            applier.captureProgress(binlogEnd());
            applier.apply(List.of(remote(3, update(items, row("id", 9L, "name", "x", "qty", 0L),
                    row("id", 9L, "name", "y", "qty", 0L), T + 400, "dc1"))));
            // a delete of a row never seen here: nothing to delete, a tombstone
            applier.captureProgress(binlogEnd());
            applier.apply(List.of(remote(4, delete(items, row("id", 10L, "name", "z", "qty", 0L), T + 500, "dc1"))));
            assertThat(version("m_del", items, 10L)).isEqualTo((T + 500) + "@dc1 null 1");
        }
        assertThat(rows(items)).containsExactly("9:y:0");
        assertThat(history("m_del")).extracting(h -> h.get("type") + " " + h.get("outcome") + " " + h.get("winner"))
                .containsExactly("delete_differing delete dc1", "update_missing keep_local dc1",
                        "update_missing take_remote dc1", "delete_missing delete dc1");
    }

    @Test
    void manualResolutionKeepsTheProvisionalWinnerAndStoresTheConflictWithBothVersions() throws Exception {
        TableId items = table("c_manual", "items", ITEMS);
        Map<String, Object> local = row("id", 1L, "name", "local", "qty", 1L);
        Map<String, Object> theirs = row("id", 1L, "name", "remote", "qty", 2L);
        exec("INSERT INTO c_manual.items VALUES (1, 'local', 1)");
        Map<TableId, TablePolicy> policies = Map.of(items, TablePolicy.defaults(items).withResolve(ResolveMode.MANUAL));
        try (MariaDbLocalVersions versions = localVersions("m_manual");
             MariaDbApplier applier = applier("m_manual", policies)) {
            versions.record(List.of(local(1, insert(items, local, T + 100))));
            applier.open();
            applier.captureProgress(binlogEnd());
            applier.apply(List.of(remote(1, insert(items, theirs, T + 200, "dc1"))));
        }
        assertThat(rows(items)).as("the provisional last-writer-wins winner").containsExactly("1:remote:2");
        Map<String, String> h = history("m_manual").get(0);
        assertThat(h).containsEntry("policy", "manual").containsEntry("kept_open", "1").containsEntry("outcome", "take_remote");
        List<Map<String, String>> open = query("SELECT * FROM m_manual.conflict");
        assertThat(open).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("conflict_id", h.get("conflict_id")).containsEntry("tbl", "c_manual.items")
                    .containsEntry("row_key", "id=1").containsEntry("type", "insert_exists")
                    .containsEntry("policy", "manual").containsEntry("winner", "dc1");
            assertThat(c.get("reason")).contains("read-time resolution");
            JsonNode versionsJson = readJson(c.get("versions"));
            assertThat(versionsJson).hasSize(2);
            assertThat(versionsJson.get(0).get("leader").asText()).isEqualTo("dc2");
            assertThat(versionsJson.get(0).get("stamp").get("micros").asLong()).isEqualTo(T + 100);
            assertThat(RowJson.readRow(versionsJson.get(0).get("row"))).isEqualTo(local);
            assertThat(versionsJson.get(1).get("stamp").get("leader").asText()).isEqualTo("dc1");
            assertThat(RowJson.readRow(versionsJson.get(1).get("row"))).isEqualTo(theirs);
        });
    }

    /**
     * A local insert and delete the capture has not recorded leave the row absent with no version:
     * the remote insert of that key waits for the capture, which records the delete's tombstone
     * (taking the row for a new key would leave this leader different from the others).
     */
    @Test
    void anAbsentRowWaitsForTheCaptureWhileALocalDeleteOfItsTableIsNotRecorded() throws Exception {
        TableId items = table("c_absent", "items", ITEMS);
        TableId counted = table("c_absent", "counted", ITEMS);
        Map<TableId, TablePolicy> policies = Map.of(counted, TablePolicy.defaults(counted).withCounters(Set.of("qty")));
        String beforeLocalWrites = binlogEnd();
        try (MariaDbApplier applier = applier("m_absent", policies)) {
            applier.open();
            applier.captureProgress(beforeLocalWrites);
            exec("INSERT INTO c_absent.items VALUES (1, 'local', 70)");
            exec("DELETE FROM c_absent.items WHERE id = 1");
            exec("INSERT INTO c_absent.counted VALUES (1, 'local', 70)");
            exec("UPDATE c_absent.counted SET id = 2 WHERE id = 1");

            AwaitCaptureException e = catchAwait(applier, remote(1, insert(items, row("id", 1L, "name", "n", "qty", 47L),
                    T + 100, "dc1")));
            assertThat(e.getMessage()).contains("c_absent.items key id=1");
        }
        try (MariaDbApplier applier = applier("m_absent", policies)) {
            applier.open();
            applier.captureProgress(beforeLocalWrites);
            AwaitCaptureException e = catchAwait(applier, remote(1, insert(counted, row("id", 1L, "name", "n", "qty", 47L),
                    T + 100, "dc1")));
            assertThat(e.getMessage()).as("a key moved away by an update").contains("c_absent.counted key id=1");
            assertThat(rows(items)).as("nothing was written").isEmpty();
        }
    }

    /**
     * A local insert and delete the capture has not recorded, of a key deleted before, leave the row
     * absent with the earlier delete's tombstone, which then only looks current: a remote insert
     * later than that tombstone but earlier than the local delete waits for the capture instead of
     * bringing the row back here alone (a random load on three leaders once ended so).
     */
    @Test
    void anAbsentRowWithATombstoneWaitsForTheCaptureWhileALocalDeleteOfItsTableIsNotRecorded() throws Exception {
        TableId items = table("c_tomb", "items", ITEMS);
        Map<String, Object> base = row("id", 1L, "name", "base", "qty", 1L);
        try (MariaDbApplier applier = opened("m_tomb", Map.of())) {
            applier.apply(List.of(remote(1, insert(items, base, T + 100, "dc1"))));
            applier.apply(List.of(remote(2, delete(items, base, T + 200, "dc1"))));
            assertThat(version("m_tomb", items, 1L)).isEqualTo((T + 200) + "@dc1 null 1");

            applier.captureProgress(binlogEnd());
            exec("INSERT INTO c_tomb.items VALUES (1, 'local', 5)");
            exec("DELETE FROM c_tomb.items WHERE id = 1");
            AwaitCaptureException e = catchAwait(applier, remote(3, insert(items, row("id", 1L, "name", "n", "qty", 47L),
                    T + 300, "dc1")));
            assertThat(e.getMessage()).contains("c_tomb.items key id=1");
        }
        assertThat(rows(items)).as("nothing was written").isEmpty();
        assertThat(version("m_tomb", items, 1L)).isEqualTo((T + 200) + "@dc1 null 1");
    }

    /**
     * An absent row with no version is a new key when no local delete or update of its table lies
     * past the capture: local inserts, a delete of another table and the bridge's own deletes (its
     * transactions write the checkpoint) do not hold the remote insert up.
     */
    @Test
    void anAbsentRowIsANewKeyWhenNoLocalRemovalOfItsTableIsPastTheCapture() throws Exception {
        TableId items = table("c_new", "items", ITEMS);
        TableId other = table("c_new", "other", ITEMS);
        exec("INSERT INTO c_new.other VALUES (1, 'x', 1)");
        try (MariaDbApplier applier = opened("m_new", Map.of())) {
            exec("INSERT INTO c_new.items VALUES (2, 'local', 1)");
            exec("DELETE FROM c_new.other WHERE id = 1");
            Map<String, Object> three = row("id", 3L, "name", "own", "qty", 3L);
            applier.apply(List.of(remote(1, insert(items, three, T + 100, "dc1"))));
            applier.apply(List.of(remote(2, delete(items, three, T + 200, "dc1"))));
            applier.apply(List.of(remote(3, insert(items, row("id", 1L, "name", "n", "qty", 47L), T + 300, "dc1"))));
        }
        assertThat(rows(items)).containsExactly("1:n:47", "2:local:1");
    }

    /** The binlog past the capture is read for local removals across rotated files too. */
    @Test
    void localRemovalsAreReadAcrossRotatedBinlogFiles() throws Exception {
        TableId items = table("c_rot", "items", ITEMS);
        String beforeLocalWrites = binlogEnd();
        try (MariaDbApplier applier = applier("m_rot", Map.of())) {
            applier.open();
            applier.captureProgress(beforeLocalWrites);
            exec("INSERT INTO c_rot.items VALUES (5, 'local', 1)");
            exec("FLUSH BINARY LOGS");
            exec("INSERT INTO c_rot.items VALUES (6, 'local', 1)");
            applier.apply(List.of(remote(1, insert(items, row("id", 1L, "name", "n", "qty", 1L), T + 100, "dc1"))));
            assertThat(rows(items)).as("two files read, no removal in them: a new key").contains("1:n:1");

            exec("INSERT INTO c_rot.items VALUES (2, 'local', 1)");
            exec("DELETE FROM c_rot.items WHERE id = 2");
            exec("FLUSH BINARY LOGS");
            AwaitCaptureException e = catchAwait(applier, remote(2, insert(items, row("id", 3L, "name", "n", "qty", 1L),
                    T + 200, "dc1")));
            assertThat(e.getMessage()).as("a delete in an earlier file past the capture").contains("c_rot.items key id=3");
        }
        assertThat(rows(items)).containsExactly("1:n:1", "5:local:1", "6:local:1");
    }

    @Test
    void counterColumnsAddBothSidesDeltas() throws Exception {
        TableId items = table("c_count", "items", ITEMS);
        Map<String, Object> base = row("id", 1L, "name", "n", "qty", 10L);
        Map<TableId, TablePolicy> policies = Map.of(items, TablePolicy.defaults(items).withCounters(Set.of("qty")));
        try (MariaDbLocalVersions versions = localVersions("m_count");
             MariaDbApplier applier = applier("m_count", policies)) {
            applier.open();
            applier.captureProgress(binlogEnd()); // the capture has seen every local write: the absent row is new
            applier.apply(List.of(remote(1, insert(items, base, T + 100, "dc1"))));
            exec("UPDATE c_count.items SET qty = qty + 3 WHERE id = 1");
            versions.record(List.of(local(1, update(items, base, row("id", 1L, "name", "n", "qty", 13L), T + 200))));
            applier.apply(List.of(remote(2, update(items, base, row("id", 1L, "name", "n", "qty", 15L), T + 300, "dc1"))));
        }
        assertThat(rows(items)).as("10 + 3 + 5").containsExactly("1:n:18");
        assertThat(history("m_count")).singleElement().satisfies(h -> assertThat(h.get("outcome")).isEqualTo("merged"));
    }

    @Test
    void aRowHoldingAnotherRowsUniqueValueIsRecordedAndSkippedWhileTheRestOfTheBatchFlows() throws Exception {
        TableId users = table("c_unique", "users",
                "id INT PRIMARY KEY, email VARCHAR(40) NOT NULL, name VARCHAR(20), UNIQUE KEY uk_email (email)");
        TableId items = table("c_unique", "items", ITEMS);
        exec("INSERT INTO c_unique.users VALUES (1, 'a@example.com', 'here')");
        try (MariaDbApplier applier = opened("m_unique", Map.of())) {
            applier.apply(List.of(
                    remote(1, insert(users, row("id", 3L, "email", "b@example.com", "name", "three"), T + 1, "dc1"),
                            insert(users, row("id", 2L, "email", "a@example.com", "name", "clash"), T + 2, "dc1"),
                            insert(items, row("id", 1L, "name", "x", "qty", 1L), T + 3, "dc1")),
                    remote(2, update(users, row("id", 3L, "email", "b@example.com", "name", "three"),
                            row("id", 3L, "email", "b@example.com", "name", "3"), T + 4, "dc1"))));
        }
        assertThat(query("SELECT CONCAT(id, ' ', email, ' ', name) r FROM c_unique.users ORDER BY id"))
                .extracting(r -> r.get("r")).containsExactly("1 a@example.com here", "3 b@example.com 3");
        assertThat(rows(items)).containsExactly("1:x:1");
        assertThat(checkpoint("m_unique")).isEqualTo(2);
        Map<String, String> h = history("m_unique").get(0);
        assertThat(h).containsEntry("type", "unique_violation").containsEntry("row_key", "id=2")
                .containsEntry("kept_open", "1").containsEntry("outcome", "keep_local");
        assertThat(h.get("reason")).contains("uk_email", "c_unique.users 1");
        assertThat(RowJson.read(h.get("local_row"))).isEqualTo(row("id", 1L, "email", "a@example.com", "name", "here"));
        assertThat(RowJson.read(h.get("remote_row"))).isEqualTo(row("id", 2L, "email", "a@example.com", "name", "clash"));
        assertThat(query("SELECT conflict_id, type FROM m_unique.conflict")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("conflict_id", h.get("conflict_id")));
    }

    @Test
    void aRowVersionNeverMovesBackwards() throws Exception {
        TableId items = table("c_forward", "items", ITEMS);
        Map<String, Object> newer = row("id", 1L, "name", "newer", "qty", 1L);
        try (MariaDbLocalVersions versions = localVersions("m_forward")) {
            versions.record(List.of(local(1, insert(items, newer, T + 200))));
            versions.record(List.of(local(2, insert(items, row("id", 1L, "name", "older", "qty", 1L), T + 100))));
            assertThat(version("m_forward", items, 1L)).isEqualTo((T + 200) + "@dc2 " + hex(RowHash.of(newer)) + " 0");
            versions.record(List.of(new OriginTransaction("dc2", 3, null, null, 0, 0,
                    List.of(delete(items, newer, T + 200, "dc1")), null)));
            assertThat(version("m_forward", items, 1L)).as("same micros, leader dc1 < dc2").startsWith((T + 200) + "@dc2 ");
            versions.record(List.of(new OriginTransaction("dc2", 4, null, null, 0, 0,
                    List.of(delete(items, newer, T + 200, "dc3")), null)));
            assertThat(version("m_forward", items, 1L)).isEqualTo((T + 200) + "@dc3 null 1");
        }
    }

    @Test
    void localVersionsStayOutOfTheBinlogWhereTheUserMayTurnItOffAndGoInItWhereNot() throws Exception {
        TableId items = table("c_unlogged", "items", ITEMS);
        Map<String, Object> one = row("id", 1L, "name", "one", "qty", 1L);
        Map<String, Object> two = row("id", 2L, "name", "two", "qty", 2L);
        try (MariaDbLocalVersions privileged = localVersions("m_unlogged");
             MariaDbLocalVersions plain = new MariaDbLocalVersions(plainUser(), "m_unlogged")) {
            privileged.record(List.of(local(0, insert(items, one, T))));
            String before = binlogEnd();
            privileged.record(List.of(local(1, insert(items, one, T + 1))));
            assertThat(privileged.binlogged()).isFalse();
            assertThat(rowVersionEventsSince(before)).as("binlog events of row_version, BINLOG ADMIN").isZero();

            plain.record(List.of(local(2, insert(items, two, T + 2))));
            assertThat(plain.binlogged()).isTrue();
            assertThat(rowVersionEventsSince(before)).as("binlog events of row_version, no BINLOG ADMIN").isEqualTo(1);
            assertThat(version("m_unlogged", items, 1L)).startsWith((T + 1) + "@dc2 ");
            assertThat(version("m_unlogged", items, 2L)).startsWith((T + 2) + "@dc2 ");
        }
    }

    @Test
    void appliedStatementsLeaveTheirTextOutOfTheBinlogWhereTheUserMayAndInItWhereNot() throws Exception {
        TableId items = table("c_annot", "items", ITEMS);
        try (MariaDbApplier privileged = opened("m_annot", Map.of());
             MariaDbApplier plain = new MariaDbApplier(plainUser(), "m_annot", ApplyConfig.defaults(), Map.of())) {
            String before = binlogEnd();
            privileged.apply(List.of(remote(1, insert(items, row("id", 1L, "name", "a", "qty", 1L), T + 1, "dc1"))));
            assertThat(privileged.annotated()).isFalse();
            assertThat(eventsSince(before, "Annotate_rows")).as("statement texts, BINLOG ADMIN").isZero();
            assertThat(eventsSince(before, "Write_rows_v1")).as("the rows are in the binlog").isPositive();
            privileged.close();

            plain.open();
            plain.captureProgress(binlogEnd());
            String then = binlogEnd();
            plain.apply(List.of(remote(2, insert(items, row("id", 2L, "name", "b", "qty", 2L), T + 2, "dc1"))));
            assertThat(plain.annotated()).isTrue();
            assertThat(eventsSince(then, "Annotate_rows")).as("statement texts, no BINLOG ADMIN").isPositive();
        }
        assertThat(rows(items)).containsExactly("1:a:1", "2:b:2");
    }

    /**
     * dc2 as a user with what the bridge needs to apply and record versions, but without BINLOG ADMIN (so it may not
     * set sql_log_bin or binlog_annotate_row_events).
     */
    private static LeaderConfig plainUser() throws SQLException {
        exec("CREATE USER IF NOT EXISTS 'plain'@'127.0.0.1' IDENTIFIED BY 'pw'");
        exec("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, BINLOG MONITOR ON *.* TO 'plain'@'127.0.0.1'");
        return new LeaderConfig("dc2", "127.0.0.1", db.port(), "plain", new Secret("pw"));
    }

    /** Binlog events of {@code type} from {@code position} to the end of its binlog file. */
    private static long eventsSince(String position, String type) throws SQLException {
        return binlogEventsSince(position).stream().filter(e -> type.equals(e.get("Event_type"))).count();
    }

    /** Table_map events of a row_version table from {@code position} to the end of its binlog file. */
    private static long rowVersionEventsSince(String position) throws SQLException {
        return binlogEventsSince(position).stream()
                .filter(e -> "Table_map".equals(e.get("Event_type")) && e.get("Info").endsWith(".row_version)"))
                .count();
    }

    private static List<Map<String, String>> binlogEventsSince(String position) throws SQLException {
        String[] at = position.split(":");
        return query("SHOW BINLOG EVENTS IN '" + at[0] + "' FROM " + at[1]);
    }

    @Test
    void localVersionsThatCouldNotBeWrittenAreWrittenWithTheNextCallOnANewConnection() throws Exception {
        TableId items = table("c_lost", "items", ITEMS);
        Map<String, Object> first = row("id", 1L, "name", "first", "qty", 1L);
        Map<String, Object> second = row("id", 2L, "name", "second", "qty", 2L);
        try (MariaDbLocalVersions versions = localVersions("m_lost")) {
            versions.record(List.of(local(1, insert(items, first, T + 1))));
            db.kill();
            try {
                assertThatThrownBy(() -> versions.record(List.of(local(2, insert(items, second, T + 2)))))
                        .isInstanceOfSatisfying(LocalVersionsException.class, e -> {
                            assertThat(e.transientFailure()).as(e.getMessage()).isTrue();
                            assertThat(e.getMessage()).contains("dc2", "m_lost", "row_version", "restarts");
                        });
            } finally {
                db.restart();
            }
            versions.record(List.of());
            assertThat(version("m_lost", items, 2L)).as("kept and written on the next call")
                    .isEqualTo((T + 2) + "@dc2 " + hex(RowHash.of(second)) + " 0");
        }
    }

    @Test
    void everyColumnTypeReadBackHashesAsWritten() throws Exception {
        TableId types = new TableId("c_types", "all_types");
        exec("CREATE DATABASE c_types");
        exec(AllTypes.ddl(types));
        List<Map<String, Object>> rows = AllTypes.rows();
        try (MariaDbApplier applier = opened("m_types", Map.of())) {
            List<Change> inserts = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                inserts.add(new Change(types, Op.INSERT, AllTypes.KEY, null, rows.get(i), new Stamp(T + 10 + i, "dc1")));
            }
            applier.apply(List.of(remote(1, inserts)));
            List<Change> older = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> other = new LinkedHashMap<>(r);
                other.put("txt", "older");
                older.add(new Change(types, Op.INSERT, AllTypes.KEY, null, other, new Stamp(T, "dc3")));
            }
            // no capture position is known: a row whose read-back hash differed would make this wait
            applier.apply(List.of(new OriginTransaction("dc3", 1, null, "binlog.000001:4", 0, 0, older, null)));
        }
        assertThat(history("m_types")).hasSize(4).allSatisfy(h -> assertThat(h)
                .containsEntry("type", "insert_exists").containsEntry("outcome", "keep_local").containsEntry("winner", "dc1"));
    }

    private static AwaitCaptureException catchAwait(MariaDbApplier applier, OriginTransaction tx) {
        return (AwaitCaptureException) org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> applier.apply(List.of(tx)), AwaitCaptureException.class);
    }

    private static OriginTransaction remote(long seq, Change... changes) {
        return remote(seq, List.of(changes));
    }

    private static OriginTransaction remote(long seq, List<Change> changes) {
        return new OriginTransaction("dc1", seq, "0-1-" + seq, "binlog.000001:" + (seq * 100), 1_700_000_000_000L + seq,
                1_700_000_000_500L + seq, changes, null);
    }

    /** A transaction of the target's own capture. */
    private static OriginTransaction local(long seq, Change... changes) {
        return new OriginTransaction("dc2", seq, "0-2-" + seq, "binlog.000001:" + (seq * 100), 0, 0, List.of(changes), null);
    }

    private static Change insert(TableId t, Map<String, Object> after, long micros, String leader) {
        return new Change(t, Op.INSERT, ID, null, after, new Stamp(micros, leader));
    }

    private static Change insert(TableId t, Map<String, Object> after, long micros) {
        return insert(t, after, micros, "dc2");
    }

    private static Change update(TableId t, Map<String, Object> before, Map<String, Object> after, long micros,
                                 String leader) {
        return new Change(t, Op.UPDATE, ID, before, after, new Stamp(micros, leader));
    }

    private static Change update(TableId t, Map<String, Object> before, Map<String, Object> after, long micros) {
        return update(t, before, after, micros, "dc2");
    }

    private static Change delete(TableId t, Map<String, Object> before, long micros, String leader) {
        return new Change(t, Op.DELETE, ID, before, null, new Stamp(micros, leader));
    }

    private static MariaDbApplier applier(String meta, Map<TableId, TablePolicy> policies) {
        return new MariaDbApplier(leader(), meta, ApplyConfig.defaults(), policies);
    }

    /** An applier, open, that takes the capture to be at the binlog's end (every local write so far recorded). */
    private static MariaDbApplier opened(String meta, Map<TableId, TablePolicy> policies) throws Exception {
        MariaDbApplier applier = applier(meta, policies);
        try {
            applier.open();
            applier.captureProgress(binlogEnd());
            return applier;
        } catch (Exception | Error e) {
            applier.close();
            throw e;
        }
    }

    private static MariaDbLocalVersions localVersions(String meta) {
        return new MariaDbLocalVersions(leader(), meta);
    }

    private static LeaderConfig leader() {
        return new LeaderConfig("dc2", "127.0.0.1", db.port(), "root", new Secret(""));
    }

    private static TableId table(String schema, String name, String columns) throws SQLException {
        exec("CREATE DATABASE IF NOT EXISTS " + schema);
        exec("CREATE TABLE " + schema + "." + name + " (" + columns + ")");
        return new TableId(schema, name);
    }

    /** {@code stamp_micros@stamp_leader hash deleted} of a row's version. */
    private static String version(String meta, TableId t, long id) throws SQLException {
        try (Connection c = db.connect(); var ps = c.prepareStatement("SELECT stamp_micros, stamp_leader, row_hash, deleted "
                + "FROM " + meta + ".row_version WHERE tbl = ? AND pk = ?")) {
            ps.setString(1, t.toString());
            ps.setBytes(2, io.concordbridge.core.model.RowKeyBytes.of(List.of(id)));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "none";
                }
                byte[] hash = rs.getBytes(3);
                return rs.getLong(1) + "@" + rs.getString(2) + " " + (hash == null ? "null" : hex(hash)) + " " + rs.getInt(4);
            }
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static List<String> rows(TableId t) throws SQLException {
        return query("SELECT CONCAT(id, ':', name, ':', qty) r FROM " + t + " ORDER BY id").stream()
                .map(r -> r.get("r")).toList();
    }

    private static List<Map<String, String>> history(String meta) throws SQLException {
        return query("SELECT * FROM " + meta + ".conflict_history ORDER BY id");
    }

    private static long checkpoint(String meta) throws SQLException {
        return Long.parseLong(query("SELECT seq FROM " + meta + ".checkpoint WHERE origin = 'dc1'").get(0).get("seq"));
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT COUNT(*) n FROM " + table).get(0).get("n"));
    }

    private static JsonNode readJson(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private static String binlogEnd() throws SQLException {
        Map<String, String> status = query("SHOW MASTER STATUS").get(0);
        return status.get("File") + ":" + status.get("Position");
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Map<String, String>> query(String sql) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
