package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.concordbridge.core.transport.spool.TestTransactions.anchor;
import static io.concordbridge.core.transport.spool.TestTransactions.batch;
import static io.concordbridge.core.transport.spool.TestTransactions.read;
import static io.concordbridge.core.transport.spool.TestTransactions.tx;
import static io.concordbridge.core.transport.spool.TestTransactions.withSeqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSpoolTransportTest {

    @TempDir
    Path stateDir;
    private FileSpoolTransport spool;

    @AfterEach
    void closeSpool() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void publishAssignsConsecutiveSeqsFromOneAndMovesTheHead() throws Exception {
        spool = FileSpoolTransport.forLeaders(stateDir, List.of("dc1", "dc2"));
        assertThat(spool.head("dc1")).isEmpty();

        List<OriginTransaction> first = spool.publish("dc1", batch("dc1", 1, 3, 2));
        List<OriginTransaction> second = spool.publish("dc1", List.of(tx("dc1", 4, 1), anchor("dc1", 5)));

        assertThat(first).extracting(OriginTransaction::seq).containsExactly(1L, 2L, 3L);
        assertThat(second).extracting(OriginTransaction::seq).containsExactly(4L, 5L);
        assertThat(spool.head("dc1")).contains(new LogHead(5, null, "bin.000001:5", "token-5", 4000));
        assertThat(spool.head("dc2")).isEmpty();
        assertThat(spool.publish("dc1", List.of())).isEmpty();
    }

    @Test
    void readsEverythingInOrderAcrossManySegments() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 1024);
        Random random = new Random(7);
        List<OriginTransaction> published = new ArrayList<>();
        while (published.size() < 600) {
            int n = 1 + random.nextInt(17);
            List<OriginTransaction> txs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long id = published.size() + txs.size() + 1;
                txs.add(id % 10 == 0 ? anchor("dc1", id) : tx("dc1", id, 1 + random.nextInt(3)));
            }
            published.addAll(spool.publish("dc1", txs));
        }

        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(read(reader, published.size(), 7)).containsExactlyElementsOf(published);
        }
        List<Path> segments = segmentFiles(stateDir.resolve("spool/dc1"));
        assertThat(segments).hasSizeGreaterThan(20);
        assertThat(segments.get(0).getFileName()).hasToString("00000000000000000001.seg");
        assertThat(segments).allSatisfy(s -> assertThat(Files.size(s)).isLessThanOrEqualTo(1024));
    }

    @Test
    void pollStopsBeforeTheTransactionThatWouldPassMaxChanges() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of());
        spool.publish("dc1", List.of(tx("dc1", 1, 3), tx("dc1", 2, 3), anchor("dc1", 3), tx("dc1", 4, 3), tx("dc1", 5, 9)));
        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(reader.poll(7, java.time.Duration.ZERO)).extracting(OriginTransaction::seq).containsExactly(1L, 2L, 3L);
            assertThat(reader.poll(7, java.time.Duration.ZERO)).extracting(OriginTransaction::seq).containsExactly(4L);
            assertThat(reader.poll(7, java.time.Duration.ZERO)).extracting(OriginTransaction::seq).containsExactly(5L);
            assertThat(reader.poll(7, java.time.Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void readerFromAMiddleSeqStartsRightAfterIt() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 2048);
        List<OriginTransaction> published = new ArrayList<>();
        for (int from = 1; from <= 2000; from += 100) {
            published.addAll(spool.publish("dc1", batch("dc1", from, 100, 1)));
        }
        long boundary = firstSeqs(stateDir.resolve("spool/dc1")).get(5);
        for (long after : new long[] {1234, boundary - 1, boundary, 1999}) {
            try (TransportReader reader = spool.open("dc1", after)) {
                assertThat(read(reader, (int) (2000 - after), 50)).containsExactlyElementsOf(published.subList((int) after, 2000));
            }
        }
    }

    @Test
    void readerFromTheMiddleOfALargeSegmentAfterReopenSkipsThroughIt() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 1 << 20);
        List<OriginTransaction> published = new ArrayList<>();
        for (int from = 1; from <= 6000; from += 500) {
            published.addAll(spool.publish("dc1", batch("dc1", from, 500, 2)));
        }
        spool.close();
        spool = new FileSpoolTransport(stateDir, Map.of(), 1 << 20);
        assertThat(segmentFiles(stateDir.resolve("spool/dc1"))).hasSize(2);
        for (long after : new long[] {3333, 17, 5998}) {
            try (TransportReader reader = spool.open("dc1", after)) {
                assertThat(read(reader, (int) (6000 - after), 1000)).containsExactlyElementsOf(published.subList((int) after, 6000));
            }
        }
    }

    @Test
    void rejectsATransactionOfAnotherOriginAndAnUnusableOriginName() {
        spool = new FileSpoolTransport(stateDir, Map.of());
        assertThatThrownBy(() -> spool.publish("dc1", List.of(tx("dc2", 1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dc2'").hasMessageContaining("'dc1'");
        assertThatThrownBy(() -> spool.open("../etc", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> spool.open("dc1", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsupportedValueMidBatchPublishesNothingAndTheNextPublishContinues() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 512);
        spool.publish("dc1", batch("dc1", 1, 5, 1));
        Change good = tx("dc1", 9, 1).changes().get(0);
        java.util.Map<String, Object> after = new java.util.LinkedHashMap<>(good.after());
        after.put("qty", 42);
        OriginTransaction bad = new OriginTransaction("dc1", 0, "bad", "p", 0, 0, List.of(good.withStamp(null), 
                new Change(good.table(), good.op(), good.keyColumns(), good.before(), after, null)), "t");
        List<OriginTransaction> attempt = new ArrayList<>(batch("dc1", 6, 20, 1));
        attempt.add(bad);

        assertThatThrownBy(() -> spool.publish("dc1", attempt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(5);
        spool.publish("dc1", batch("dc1", 6, 3, 1));

        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(read(reader, 8, 100)).extracting(OriginTransaction::txId)
                    .containsExactly("gtid-1", "gtid-2", "gtid-3", "gtid-4", "gtid-5", "gtid-6", "gtid-7", "gtid-8");
            assertThat(reader.poll(100, java.time.Duration.ofMillis(50))).isEmpty();
        }
        spool.close();
        spool = new FileSpoolTransport(stateDir, Map.of(), 512);
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(8);
    }

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
        }
    }

    static List<Long> firstSeqs(Path dir) throws IOException {
        return segmentFiles(dir).stream().map(f -> Segment.parseFirstSeq(f.getFileName().toString()).getAsLong()).toList();
    }
}
