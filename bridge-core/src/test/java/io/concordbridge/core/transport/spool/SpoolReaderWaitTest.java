package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.concordbridge.core.transport.spool.TestTransactions.batch;
import static io.concordbridge.core.transport.spool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolReaderWaitTest {

    @TempDir
    Path stateDir;
    private FileSpoolTransport spool;
    private final ExecutorService pollers = Executors.newSingleThreadExecutor();

    @BeforeEach
    void openSpool() {
        spool = new FileSpoolTransport(stateDir, Map.of());
    }

    @AfterEach
    void closeAll() {
        pollers.shutdownNow();
        spool.close();
    }

    @Test
    void blockedReaderWakesOnPublish() throws Exception {
        spool.publish("dc1", batch("dc1", 1, 2, 1));
        TransportReader reader = spool.open("dc1", 2);
        Future<List<OriginTransaction>> poll = pollers.submit(() -> reader.poll(100, Duration.ofSeconds(30)));
        Thread.sleep(200);
        assertThat(poll).isNotDone();

        long published = System.nanoTime();
        spool.publish("dc1", List.of(tx("dc1", 3, 1)));
        List<OriginTransaction> got = poll.get(5, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published)).isLessThan(2_000);
        assertThat(got).extracting(OriginTransaction::seq).containsExactly(3L);
    }

    @Test
    void pollReturnsEmptyWhenNothingComesWithinTheWait() throws Exception {
        TransportReader reader = spool.open("dc1", 0);
        long start = System.nanoTime();
        assertThat(reader.poll(10, Duration.ofMillis(150))).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(140);
        assertThat(reader.poll(10, Duration.ZERO)).isEmpty();
    }

    @Test
    void readerOpenedBeyondTheHeadWaitsForItsSeq() throws Exception {
        spool.publish("dc1", batch("dc1", 1, 3, 1));
        TransportReader reader = spool.open("dc1", 5);
        assertThat(reader.poll(10, Duration.ofMillis(50))).isEmpty();
        spool.publish("dc1", batch("dc1", 4, 2, 1));
        assertThat(reader.poll(10, Duration.ofMillis(50))).isEmpty();
        spool.publish("dc1", batch("dc1", 6, 2, 1));
        assertThat(reader.poll(10, Duration.ofSeconds(1))).extracting(OriginTransaction::seq).containsExactly(6L, 7L);
    }

    @Test
    void closingTheSpoolReleasesABlockedReaderPromptly() throws Exception {
        TransportReader reader = spool.open("dc1", 0);
        Future<List<OriginTransaction>> poll = pollers.submit(() -> reader.poll(100, Duration.ofSeconds(60)));
        Thread.sleep(200);
        assertThat(poll).isNotDone();

        spool.close();

        assertThat(poll.get(2, TimeUnit.SECONDS)).isEmpty();
        assertThatThrownBy(() -> reader.poll(100, Duration.ZERO)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> spool.publish("dc1", batch("dc1", 1, 1, 1))).isInstanceOf(IllegalStateException.class);
    }
}
