package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.concordbridge.core.transport.spool.TestTransactions.read;
import static io.concordbridge.core.transport.spool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

class SpoolInterruptTest {

    @TempDir
    Path stateDir;

    @Test
    @Timeout(60)
    void anInterruptedPublishPublishesNothingAndLeavesTheLogUsable() throws Exception {
        List<OriginTransaction> accepted = new ArrayList<>();
        AtomicInteger interrupted = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        try (FileSpoolTransport spool = new FileSpoolTransport(stateDir, Map.of(), 8 * 1024)) {
            AtomicReference<Throwable> died = new AtomicReference<>();
            Thread publisher = new Thread(() -> {
                try {
                    publishInterrupted(spool, accepted, interrupted);
                } catch (Throwable t) {
                    died.set(t);
                } finally {
                    done.set(true);
                }
            });
            publisher.start();
            while (!done.get()) {
                LockSupport.parkNanos(1_500_000);
                publisher.interrupt();
            }
            publisher.join();
            if (died.get() != null) {
                throw new AssertionError("the publisher failed", died.get());
            }

            assertThat(interrupted.get()).isPositive();
            assertThat(accepted).hasSize(2_000);
            assertThat(accepted).extracting(OriginTransaction::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, accepted.size()).boxed().toList());
            try (TransportReader reader = spool.open("dc1", 0)) {
                assertThat(read(reader, accepted.size(), 1000)).containsExactlyElementsOf(accepted);
            }
        }
        System.out.printf("Interrupted publishes: %d, accepted: %d%n", interrupted.get(), accepted.size() / 20);
        try (FileSpoolTransport reopened = new FileSpoolTransport(stateDir, Map.of(), 8 * 1024)) {
            assertThat(reopened.head("dc1").orElseThrow().seq()).isEqualTo(accepted.size());
            try (TransportReader reader = reopened.open("dc1", 0)) {
                assertThat(read(reader, accepted.size(), 1000)).containsExactlyElementsOf(accepted);
            }
        }
    }

    /** Calls of 20 transactions until 100 calls went through; an interrupted call is counted and not retried. */
    private static void publishInterrupted(FileSpoolTransport spool, List<OriginTransaction> accepted, AtomicInteger interrupted) {
        long n = 1;
        for (int call = 0; call < 20_000 && accepted.size() < 2_000; call++) {
            List<OriginTransaction> txs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                txs.add(tx("dc1", n + i, 2));
            }
            try {
                accepted.addAll(spool.publish("dc1", txs));
                n += 20;
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        }
    }
}
