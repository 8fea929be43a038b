package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import io.debezium.embedded.async.AsyncEmbeddedEngine;
import io.debezium.pipeline.meters.CommonEventMeter;
import org.apache.kafka.connect.source.SourceTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.awaitTransactions;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.capture;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.itemTable;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.started;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MariaDbCaptureIT {

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void startServer() throws Exception {
        db = LocalMariaDb.start(tmp, "capture", 11);
        try (java.sql.Connection c = db.connect()) {
            new io.concordbridge.connectors.apply.mariadb.MetaSchema("concord").create(c);
        }
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void insertsUpdatesDeletesAndMultiRowTransactionsArriveWholeAndInOrder() throws Exception {
        sql(db, "CREATE DATABASE t1",
                "CREATE TABLE t1.item (id INT PRIMARY KEY, name VARCHAR(20), qty INT)",
                "CREATE TABLE t1.pair (b INT, a VARCHAR(10), note VARCHAR(10), PRIMARY KEY (a, b))");
        TableId item = new TableId("t1", "item");
        TableId pair = new TableId("t1", "pair");
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "crud", tmp, List.of(item, pair)), sink, events)) {
            assertThat(sink.all()).as("the first start hands over an anchor").hasSize(1);
            assertThat(sink.all().get(0).changes()).isEmpty();

            sql(db, "INSERT INTO t1.item VALUES (1, 'one', 10)");
            sql(db, "UPDATE t1.item SET qty = 11 WHERE id = 1");
            tx(db, "INSERT INTO t1.item VALUES (2, 'two', 20)",
                    "INSERT INTO t1.item VALUES (3, 'three', 30)",
                    "UPDATE t1.item SET name = 'uno' WHERE id = 1",
                    "DELETE FROM t1.item WHERE id = 2");
            tx(db, "INSERT INTO t1.pair VALUES (1, 'x', 'n1')",
                    "UPDATE t1.pair SET note = 'n2' WHERE a = 'x' AND b = 1");
            sql(db, "DELETE FROM t1.item WHERE id = 3");
            awaitTransactions(sink, 5);
        }
        List<OriginTransaction> txs = sink.transactions();
        assertThat(txs).hasSize(5);
        assertThat(txs).allSatisfy(t -> {
            assertThat(t.origin()).isEqualTo("crud");
            assertThat(t.txId()).matches("\\d+-11-\\d+");
            assertThat(t.commitMillis()).isPositive();
            assertThat(t.capturedMillis()).isGreaterThanOrEqualTo(t.commitMillis());
            assertThat(t.resumeToken()).contains("\"file\"");
            assertThat(t.changes()).allSatisfy(ch -> assertThat(ch.stamp()).isNull());
        });
        assertThat(txs.stream().map(OriginTransaction::txId).distinct()).hasSize(5);
        for (int i = 1; i < txs.size(); i++) {
            assertThat(BinlogPosition.parse(txs.get(i).position()).isAfter(BinlogPosition.parse(txs.get(i - 1).position())))
                    .as("positions increase").isTrue();
        }

        assertThat(txs.get(0).changes()).containsExactly(
                change(item, Op.INSERT, List.of("id"), null, row("id", 1L, "name", "one", "qty", 10L)));
        assertThat(txs.get(1).changes()).containsExactly(
                change(item, Op.UPDATE, List.of("id"), row("id", 1L, "name", "one", "qty", 10L), row("id", 1L, "name", "one", "qty", 11L)));
        assertThat(txs.get(2).changes()).containsExactly(
                change(item, Op.INSERT, List.of("id"), null, row("id", 2L, "name", "two", "qty", 20L)),
                change(item, Op.INSERT, List.of("id"), null, row("id", 3L, "name", "three", "qty", 30L)),
                change(item, Op.UPDATE, List.of("id"), row("id", 1L, "name", "one", "qty", 11L), row("id", 1L, "name", "uno", "qty", 11L)),
                change(item, Op.DELETE, List.of("id"), row("id", 2L, "name", "two", "qty", 20L), null));
        assertThat(txs.get(3).changes()).as("composite key in key order, rows in table order").containsExactly(
                change(pair, Op.INSERT, List.of("a", "b"), null, row("b", 1L, "a", "x", "note", "n1")),
                change(pair, Op.UPDATE, List.of("a", "b"), row("b", 1L, "a", "x", "note", "n1"), row("b", 1L, "a", "x", "note", "n2")));
        assertThat(List.copyOf(txs.get(3).changes().get(0).after().keySet())).containsExactly("b", "a", "note");
        assertThat(txs.get(4).changes()).containsExactly(
                change(item, Op.DELETE, List.of("id"), row("id", 3L, "name", "three", "qty", 30L), null));
        assertThat(events.failures).isEmpty();
        assertThat(events.positions).isNotEmpty();
    }

    @Test
    void bridgeTransactionsAreDroppedWholeAndCountedAndOtherMetaTablesNeverHandedOver() throws Exception {
        TableId item = itemTable(db, "t3");
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "echo", tmp, List.of(item)), sink, events)) {
            tx(db, "INSERT INTO concord.checkpoint (origin, part, seq, applied_at, applied_changes) VALUES ('dc2', 0, 41, NOW(6), 2)",
                    "INSERT INTO t3.item VALUES (1, 'applied')",
                    "UPDATE t3.item SET v = 'again' WHERE id = 1");
            sql(db, "INSERT INTO t3.item VALUES (2, 'local')");
            tx(db, "INSERT INTO concord.row_version (tbl, pk, stamp_micros, stamp_leader, updated_at) VALUES ('t3.item', '3', 7,"
                    + " 'dc2', NOW(6))",
                    "INSERT INTO t3.item VALUES (3, 'local')");
            tx(db, "INSERT INTO t3.item VALUES (4, 'applied')",
                    "UPDATE concord.checkpoint SET seq = 42, applied_changes = applied_changes + 1 WHERE origin = 'dc2' AND part = 0");
            sql(db, "INSERT INTO t3.item VALUES (5, 'local')");
            awaitTransactions(sink, 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.echoes.get() == 3);
        }
        List<OriginTransaction> txs = sink.transactions();
        assertThat(txs).hasSize(3);
        assertThat(txs).flatExtracting(OriginTransaction::changes).extracting(ch -> ch.after().get("id"))
                .containsExactly(2L, 3L, 5L);
        assertThat(txs).flatExtracting(OriginTransaction::changes).extracting(Change::table).containsOnly(item);
        assertThat(events.echoes.get()).as("2 + 1 changes, as the checkpoint rows of the two bridge transactions say")
                .isEqualTo(3);
    }

    @Test
    void debeziumMakesNoRecordsOfTheRowsABridgeTransactionWritesAfterItsMarker() throws Exception {
        TableId item = itemTable(db, "t12");
        sql(db, "CREATE TABLE t12.other (id INT PRIMARY KEY)");
        TableId other = new TableId("t12", "other");
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "skipping", tmp, List.of(item, other)), sink, events)) {
            tx(db, "INSERT INTO concord.checkpoint (origin, part, seq, applied_at, applied_changes) VALUES ('dc5', 0, 1, NOW(6), 4)",
                    "INSERT INTO t12.item VALUES (1, 'applied'), (2, 'applied')",
                    "UPDATE t12.item SET v = 'again' WHERE id = 1",
                    "INSERT INTO t12.other VALUES (1)");
            tx(db, "INSERT INTO t12.item VALUES (3, 'local')", "INSERT INTO t12.other VALUES (2)");
            awaitTransactions(sink, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.echoes.get() == 4);

            LeanMariaDbConnector.LeanTask lean = leanTask(c);
            CommonEventMeter meter = LeanMariaDbConnector.streamingEventMeter(lean.coordinator());
            // records of the marker and of the two local rows; the echo's three row events after its marker were skipped
            assertThat(meter.getTotalNumberOfCreateEventsSeen()).isEqualTo(3);
            assertThat(meter.getTotalNumberOfUpdateEventsSeen()).isZero();
            assertThat(lean.echoSkip().skippedEvents()).isEqualTo(3);
        }
        assertThat(events.failures).isEmpty();
        assertThat(sink.transactions()).singleElement().satisfies(t -> assertThat(t.changes())
                .extracting(Change::table).containsExactly(item, other));
    }

    @Test
    void rowsWrittenWhileAnIdleCaptureWasStoppedAreCapturedAfterRestart() throws Exception {
        TableId item = itemTable(db, "t4");
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "idle", tmp, List.of(item)), sink, new RecordingEvents())) {
            assertThat(sink.head()).as("an anchor is accepted before streaming is reported").isPresent();
        }
        assertThat(sink.transactions()).isEmpty();
        sql(db, "INSERT INTO t4.item VALUES (1, 'gap')", "INSERT INTO t4.item VALUES (2, 'gap')");

        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "idle", tmp, List.of(item)), sink, events)) {
            awaitTransactions(sink, 2);
            sql(db, "INSERT INTO t4.item VALUES (3, 'after')");
            awaitTransactions(sink, 3);
        }
        assertThat(sink.transactions()).flatExtracting(OriginTransaction::changes)
                .extracting(ch -> ch.after().get("id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void restartAfterTheHeadHandsOverExactlyTheNewTransactions() throws Exception {
        TableId item = itemTable(db, "t5");
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "resume", tmp, List.of(item)), sink, new RecordingEvents())) {
            sql(db, "INSERT INTO t5.item VALUES (1, 'a')", "INSERT INTO t5.item VALUES (2, 'a')");
            tx(db, "INSERT INTO t5.item VALUES (3, 'a')", "INSERT INTO t5.item VALUES (4, 'a')");
            awaitTransactions(sink, 3);
        }
        int before = sink.all().size();
        assertThat(sink.head().orElseThrow().txId()).as("the head is the last transaction").isNotNull();
        sql(db, "INSERT INTO t5.item VALUES (5, 'b')", "UPDATE t5.item SET v = 'b' WHERE id = 1");
        tx(db, "DELETE FROM t5.item WHERE id = 2", "INSERT INTO t5.item VALUES (6, 'b')");

        try (MariaDbCapture c = started(capture(db, "resume", tmp, List.of(item)), sink, new RecordingEvents())) {
            awaitTransactions(sink, 6);
            Thread.sleep(2000); // anything handed over twice would arrive by now
        }
        List<OriginTransaction> all = sink.transactions();
        assertThat(all).hasSize(6);
        Set<String> ids = new HashSet<>();
        assertThat(all).allSatisfy(t -> assertThat(ids.add(t.txId())).as("no transaction twice").isTrue());
        List<OriginTransaction> after = sink.all().subList(before, sink.all().size()).stream()
                .filter(t -> !t.changes().isEmpty()).toList();
        assertThat(after).hasSize(3);
        assertThat(after.get(0).changes()).extracting(Change::op).containsExactly(Op.INSERT);
        assertThat(after.get(1).changes()).extracting(Change::op).containsExactly(Op.UPDATE);
        assertThat(after.get(2).changes()).extracting(Change::op).containsExactly(Op.DELETE, Op.INSERT);
    }

    @Test
    void anchorsMoveTheHeadPastBridgeTransactionsSoRestartsResumeNearTheEnd() throws Exception {
        TableId item = itemTable(db, "t8");
        CaptureConfig fastHeartbeats = new CaptureConfig(50, 8192, 32768, 100);
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "quiet", tmp, List.of(item), fastHeartbeats), sink, events)) {
            String first = sink.head().orElseThrow().position();
            tx(db, "INSERT INTO concord.checkpoint (origin, part, seq, applied_at, applied_changes) VALUES ('dc3', 0, 1, NOW(6), 1)",
                    "INSERT INTO t8.item VALUES (1, 'applied')");
            await().atMost(Duration.ofSeconds(20)).until(() -> events.echoes.get() == 1
                    && BinlogPosition.parse(sink.head().orElseThrow().position()).isAfter(BinlogPosition.parse(first)));
        }
        assertThat(sink.transactions()).isEmpty();
        assertThat(sink.all()).allSatisfy(t -> assertThat(t.txId()).isNull());
        assertThat(sink.all().size()).as("a refreshed anchor, not one per heartbeat").isBetween(2, 4);

        RecordingEvents again = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "quiet", tmp, List.of(item), fastHeartbeats), sink, again)) {
            sql(db, "INSERT INTO t8.item VALUES (2, 'local')");
            awaitTransactions(sink, 1);
        }
        assertThat(again.echoes.get()).as("the bridge transaction before the anchor is not read again").isZero();
        assertThat(sink.transactions().get(0).changes().get(0).after()).containsEntry("id", 2L);
    }

    @Test
    void aLeaderRestartLosesNothingAndRepeatsNothing() throws Exception {
        TableId item = itemTable(db, "t9");
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "bounce", tmp, List.of(item)), sink, events)) {
            sql(db, "INSERT INTO t9.item VALUES (1, 'before')");
            awaitTransactions(sink, 1);
            db.restart();
            sql(db, "INSERT INTO t9.item VALUES (2, 'after')", "INSERT INTO t9.item VALUES (3, 'after')");
            awaitTransactions(sink, 3);
            Thread.sleep(1000);
        }
        assertThat(events.failures).isEmpty();
        assertThat(sink.transactions()).flatExtracting(OriginTransaction::changes)
                .extracting(ch -> ch.after().get("id")).containsExactly(1L, 2L, 3L);
        assertThat(BinlogPosition.parse(sink.transactions().get(1).position()).file())
                .as("a restarted server writes a new binlog file")
                .isNotEqualTo(BinlogPosition.parse(sink.transactions().get(0).position()).file());
    }

    @Test
    void aLostStateDirectoryIsRebuiltAndCaptureResumesAfterTheSinkHead() throws Exception {
        TableId item = itemTable(db, "t10");
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "lost", tmp, List.of(item)), sink, new RecordingEvents())) {
            sql(db, "INSERT INTO t10.item VALUES (1, 'a')");
            awaitTransactions(sink, 1);
        }
        LocalMariaDb.deleteTree(tmp.resolve("lost"));
        sql(db, "INSERT INTO t10.item VALUES (2, 'b')");

        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "lost", tmp, List.of(item)), sink, events)) {
            awaitTransactions(sink, 2);
            sql(db, "INSERT INTO t10.item VALUES (3, 'c')");
            awaitTransactions(sink, 3);
        }
        assertThat(events.failures).isEmpty();
        assertThat(sink.transactions()).flatExtracting(OriginTransaction::changes)
                .extracting(ch -> ch.after().get("id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theStreamingMetricsSummarizeEventsByTableAndCountOn() throws Exception {
        TableId item = itemTable(db, "t11");
        RecordingSink sink = new RecordingSink();
        RecordingEvents events = new RecordingEvents();
        try (MariaDbCapture c = started(capture(db, "metered", tmp, List.of(item)), sink, events)) {
            sql(db, "INSERT INTO t11.item VALUES (1, 'one')", "UPDATE t11.item SET v = 'uno' WHERE id = 1");
            tx(db, "INSERT INTO t11.item VALUES (2, 'two')", "DELETE FROM t11.item WHERE id = 1");
            awaitTransactions(sink, 3);

            // fails when a Debezium upgrade moved what LeanMariaDbConnector swaps: the summary Debezium stored
            // for the last row event must be its table, not a dump of position and key
            CommonEventMeter meter = LeanMariaDbConnector.streamingEventMeter(leanTask(c).coordinator());
            await().atMost(Duration.ofSeconds(10)).until(() -> meter.getTotalNumberOfEventsSeen() >= 4);
            assertThat(meter.getLastEvent()).isEqualTo("t11.item");

            // the MBean's counters from that meter count on; LastEvent and TotalNumberOfEventsSeen are the binlog client's
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("debezium.mariadb:type=connector-metrics,context=streaming,server=metered,*"), null);
            assertThat(names).as("the streaming metrics MBean of the capture").hasSize(1);
            ObjectName streaming = names.iterator().next();
            assertThat(server.getAttribute(streaming, "TotalNumberOfCreateEventsSeen")).isEqualTo(2L);
            assertThat(server.getAttribute(streaming, "TotalNumberOfUpdateEventsSeen")).isEqualTo(1L);
            assertThat(server.getAttribute(streaming, "TotalNumberOfDeleteEventsSeen")).isEqualTo(1L);
            assertThat((Long) server.getAttribute(streaming, "TotalNumberOfEventsSeen")).isPositive();
            assertThat(server.getAttribute(streaming, "LastEvent")).isNotNull();
        }
        assertThat(events.failures).isEmpty();
        assertThat(sink.transactions()).flatExtracting(OriginTransaction::changes).extracting(Change::op)
                .containsExactly(Op.INSERT, Op.UPDATE, Op.INSERT, Op.DELETE);
    }

    /** The running capture's task: fails the test unless it is the lean connector's. */
    static LeanMariaDbConnector.LeanTask leanTask(MariaDbCapture c) {
        AtomicReference<SourceTask> task = new AtomicReference<>();
        ((AsyncEmbeddedEngine<?>) c.engine()).runWithTask(task::set);
        assertThat(task.get()).isInstanceOf(LeanMariaDbConnector.LeanTask.class);
        return (LeanMariaDbConnector.LeanTask) task.get();
    }

    static Change change(TableId table, Op op, List<String> key, Map<String, Object> before, Map<String, Object> after) {
        return new Change(table, op, key, before, after, null);
    }

    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
