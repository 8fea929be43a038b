package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.concordbridge.core.transport.spool.TestTransactions.anchor;
import static io.concordbridge.core.transport.spool.TestTransactions.batch;
import static io.concordbridge.core.transport.spool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

class SpoolConcurrencyTest {

    private static final int TOTAL = 50_000;

    @TempDir
    Path stateDir;

    @Test
    void publisherAndTwoReadersSeeEveryTransactionOnceInOrder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (FileSpoolTransport spool = new FileSpoolTransport(stateDir, Map.of(), 256 * 1024)) {
            TransportReader small = spool.open("dc1", 0);
            TransportReader large = spool.open("dc1", 0);
            Future<Long> readSmall = threads.submit(() -> readAllInOrder(small, 50));
            Future<Long> readLarge = threads.submit(() -> readAllInOrder(large, 2_000));
            Future<?> publisher = threads.submit(() -> {
                Random random = new Random(11);
                long next = 1;
                while (next <= TOTAL) {
                    int n = (int) Math.min(1 + random.nextInt(200), TOTAL - next + 1);
                    List<OriginTransaction> txs = new ArrayList<>(n);
                    for (int i = 0; i < n; i++, next++) {
                        txs.add(next % 7 == 0 ? anchor("dc1", next) : tx("dc1", next, 1 + random.nextInt(3)));
                    }
                    spool.publish("dc1", txs);
                }
                return null;
            });

            publisher.get(120, TimeUnit.SECONDS);
            assertThat(readSmall.get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL);
            assertThat(readLarge.get(60, TimeUnit.SECONDS)).isEqualTo(TOTAL);
            assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(TOTAL);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Not an assertion: prints the group-commit throughput of this machine's disk. */
    @Test
    void printsPublishThroughputWithOneForcePerCallOf500() throws Exception {
        int calls = 40;
        try (FileSpoolTransport spool = new FileSpoolTransport(stateDir, Map.of())) {
            spool.publish("dc1", batch("dc1", 1, 500, 2));
            long start = System.nanoTime();
            for (int c = 1; c <= calls; c++) {
                spool.publish("dc1", batch("dc1", 1 + c * 500L, 500, 2));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("Spool publish throughput: %.0f transactions/s (%d calls of 500 transactions with 2 changes each,"
                    + " one fsync per call, %.2f ms per call)%n", calls * 500 / seconds, calls, seconds * 1000 / calls);
            assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo((calls + 1) * 500L);
        }
    }

    /** Reads until TOTAL arrived, checking each is the next seq and carries its own content, and that nothing follows. */
    private static long readAllInOrder(TransportReader reader, int maxChanges) throws InterruptedException {
        long expected = 1;
        while (expected <= TOTAL) {
            List<OriginTransaction> got = reader.poll(maxChanges, Duration.ofSeconds(10));
            if (got.isEmpty()) {
                throw new AssertionError("reader stalled at seq " + expected);
            }
            int changes = 0;
            for (OriginTransaction tx : got) {
                assertThat(tx.seq()).isEqualTo(expected);
                assertThat(tx.resumeToken()).isEqualTo("token-" + expected);
                changes += tx.size();
                expected++;
            }
            assertThat(changes <= maxChanges || got.size() == 1).as("poll of %d changes at seq %d", changes, expected).isTrue();
        }
        assertThat(reader.poll(maxChanges, Duration.ofMillis(100))).as("nothing after seq %d", TOTAL).isEmpty();
        reader.close();
        return expected - 1;
    }
}
