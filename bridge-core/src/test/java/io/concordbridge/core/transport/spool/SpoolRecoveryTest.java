package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.concordbridge.core.transport.spool.FileSpoolTransportTest.segmentFiles;
import static io.concordbridge.core.transport.spool.TestTransactions.anchor;
import static io.concordbridge.core.transport.spool.TestTransactions.batch;
import static io.concordbridge.core.transport.spool.TestTransactions.read;
import static io.concordbridge.core.transport.spool.TestTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolRecoveryTest {

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
    void headAndStampHighWaterSurviveReopenWhenTheLastSegmentsHoldOnlyAnchors() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 256);
        spool.publish("dc1", batch("dc1", 1, 3, 3));
        for (long n = 4; n <= 40; n++) {
            spool.publish("dc1", List.of(anchor("dc1", n)));
        }
        LogHead before = spool.head("dc1").orElseThrow();
        assertThat(before).isEqualTo(new LogHead(40, null, "bin.000001:40", "token-40", 3002));
        assertThat(segmentFiles(dir())).hasSizeGreaterThan(3);

        reopen(256);

        assertThat(spool.head("dc1")).contains(before);
        assertThat(spool.publish("dc1", List.of(tx("dc1", 41, 1))).get(0).seq()).isEqualTo(41);
        assertThat(spool.head("dc1").orElseThrow().stampMicros()).isEqualTo(41_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "partial-header", "partial-entry", "zeros", "bad-crc"})
    void tornTailIsTruncatedAndPublishingContinues(String tail) throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of());
        List<OriginTransaction> published = new ArrayList<>(spool.publish("dc1", batch("dc1", 1, 10, 2)));
        Path segment = segmentFiles(dir()).get(0);
        long goodSize = Files.size(segment);
        spool.close();
        Files.write(segment, tail(tail, 11), StandardOpenOption.APPEND);
        assertThat(Files.size(segment)).isGreaterThan(goodSize);

        reopen(FileSpoolTransport.DEFAULT_SEGMENT_BYTES);

        assertThat(Files.size(segment)).isEqualTo(goodSize);
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(10);
        published.addAll(spool.publish("dc1", batch("dc1", 11, 2, 1)));
        assertThat(published).extracting(OriginTransaction::seq).endsWith(11L, 12L);
        reopen(FileSpoolTransport.DEFAULT_SEGMENT_BYTES);
        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(read(reader, 12, 100)).containsExactlyElementsOf(published);
        }
    }

    @Test
    void newSegmentHoldingOnlyATornEntryIsDeleted() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 1024);
        List<OriginTransaction> published = new ArrayList<>(spool.publish("dc1", batch("dc1", 1, 20, 1)));
        spool.close();
        Path torn = dir().resolve(Segment.fileName(21));
        Files.write(torn, tail("partial-entry", 21));

        reopen(1024);

        assertThat(torn).doesNotExist();
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(20);
        published.addAll(spool.publish("dc1", batch("dc1", 21, 30, 1)));
        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(read(reader, 50, 100)).containsExactlyElementsOf(published);
        }
    }

    @Test
    void readerReportsACorruptEntryWithFileAndOffset() throws Exception {
        spool = new FileSpoolTransport(stateDir, Map.of(), 1024);
        spool.publish("dc1", batch("dc1", 1, 40, 1));
        spool.close();
        Path first = segmentFiles(dir()).get(0);
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(first, bytes);

        reopen(1024);

        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThatThrownBy(() -> read(reader, 40, 100))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("origin 'dc1' is corrupt").hasMessageContaining(first.toString()).hasMessageContaining("offset");
        }
    }

    private byte[] tail(String kind, long seq) {
        SpoolOutput payload = new SpoolOutput();
        ChangeCodec.encode(seq, 0, tx("dc1", seq, 2), payload);
        SpoolOutput frame = new SpoolOutput();
        Frames.append(frame, payload);
        byte[] whole = frame.toByteArray();
        return switch (kind) {
            case "garbage" -> {
                byte[] junk = new byte[37];
                new Random(3).nextBytes(junk);
                yield junk;
            }
            case "partial-header" -> Arrays.copyOf(whole, 5);
            case "partial-entry" -> Arrays.copyOf(whole, whole.length / 2);
            case "zeros" -> new byte[4096];
            case "bad-crc" -> {
                whole[whole.length - 3] ^= 1;
                yield whole;
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private void reopen(long segmentBytes) {
        if (spool != null) {
            spool.close();
        }
        spool = new FileSpoolTransport(stateDir, Map.of(), segmentBytes);
    }

    private Path dir() {
        return stateDir.resolve("spool/dc1");
    }
}
