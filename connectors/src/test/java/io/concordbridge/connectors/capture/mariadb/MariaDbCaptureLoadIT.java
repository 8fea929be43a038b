package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.capture;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.sql;
import static io.concordbridge.connectors.capture.mariadb.CaptureFixture.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Large transactions and backlogs; prints what it measured. */
class MariaDbCaptureLoadIT {

    private static final int ROWS = 100_000;

    @TempDir
    static Path tmp;
    static LocalMariaDb db;

    @BeforeAll
    static void startServer() throws Exception {
        // durability of the test server's commits is not under test here; its fsyncs would dominate the load phase
        db = LocalMariaDb.start(tmp, "load", 13, List.of("--sync-binlog=0", "--innodb-flush-log-at-trx-commit=2"));
        sql(db, "CREATE DATABASE concord", "CREATE DATABASE t6",
                "CREATE TABLE t6.big (id INT PRIMARY KEY, v VARCHAR(20), n BIGINT)",
                "CREATE TABLE t6.backlog (id INT PRIMARY KEY, v VARCHAR(20))");
    }

    @AfterAll
    static void stopServer() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aHundredThousandRowTransactionArrivesAsOne() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "bigtx", tmp, List.of(new TableId("t6", "big"))), sink, new RecordingEvents())) {
            sql(db, "INSERT INTO t6.big SELECT seq, CONCAT('row ', seq), seq * 3 FROM t6.seq_1_to_" + ROWS);
            long committed = System.nanoTime();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() -> sink.transactionCount() == 1);
            long millis = (System.nanoTime() - committed) / 1_000_000;
            System.out.printf("CAPTURE 100k-row transaction: handed over %d ms after its commit (%.0f changes/s)%n",
                    millis, ROWS * 1000.0 / Math.max(1, millis));
        }
        OriginTransaction tx = sink.transactions().get(0);
        assertThat(tx.changes()).hasSize(ROWS);
        assertThat(tx.changes().get(ROWS - 1).after()).containsEntry("id", (long) ROWS).containsEntry("n", 3L * ROWS);
        assertThat(sink.transactions()).hasSize(1);
    }

    @Test
    void backlogOfSingleRowTransactionsIsCapturedInOrder() throws Exception {
        TableId table = new TableId("t6", "backlog");
        RecordingSink sink = new RecordingSink();
        try (MariaDbCapture c = started(capture(db, "backlog", tmp, List.of(table)), sink, new RecordingEvents())) {
            assertThat(sink.head()).isPresent();
        }
        long writeStart = System.nanoTime();
        sql(db, "BEGIN NOT ATOMIC FOR k IN 1.." + ROWS + " DO INSERT INTO t6.backlog VALUES (k, 'one row'); END FOR; END");
        System.out.printf("CAPTURE backlog: %d single-row transactions written in %d ms%n", ROWS,
                (System.nanoTime() - writeStart) / 1_000_000);

        long start = System.nanoTime();
        try (MariaDbCapture c = started(capture(db, "backlog", tmp, List.of(table)), sink, new RecordingEvents())) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> sink.transactionCount() == ROWS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<Integer> calls = sink.callSizes();
            System.out.printf("CAPTURE backlog: %d transactions captured in %d ms from start: %.0f events/s "
                            + "(%d sink calls, %.0f transactions per call)%n",
                    ROWS, millis, ROWS * 1000.0 / millis, calls.size(),
                    calls.stream().mapToInt(Integer::intValue).average().orElse(0));
        }
        List<OriginTransaction> txs = sink.transactions();
        assertThat(txs).hasSize(ROWS);
        for (int k = 0; k < ROWS; k++) {
            assertThat(txs.get(k).changes().get(0).after().get("id")).isEqualTo(k + 1L);
        }
    }
}
