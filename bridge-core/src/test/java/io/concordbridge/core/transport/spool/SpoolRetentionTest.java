package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.TransportReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.concordbridge.core.transport.spool.FileSpoolTransportTest.firstSeqs;
import static io.concordbridge.core.transport.spool.TestTransactions.batch;
import static io.concordbridge.core.transport.spool.TestTransactions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpoolRetentionTest {

    private static final long SEGMENT = 1024;
    private static final List<String> LEADERS = List.of("dc1", "dc2", "dc3");

    @TempDir
    Path stateDir;
    private FileSpoolTransport spool;
    private final List<OriginTransaction> published = new ArrayList<>();

    @BeforeEach
    void publish300() throws Exception {
        spool = FileSpoolTransport.forLeaders(stateDir, LEADERS, SEGMENT);
        for (int from = 1; from <= 300; from += 30) {
            published.addAll(spool.publish("dc1", batch("dc1", from, 30, 1)));
        }
    }

    @AfterEach
    void closeSpool() {
        spool.close();
    }

    @Test
    void aTargetThatNeverAcknowledgedKeepsEverything() throws Exception {
        List<Long> before = firstSeqs(dir());
        spool.acknowledge("dc1", "dc2", 300);
        assertThat(firstSeqs(dir())).isEqualTo(before);
        try (TransportReader reader = spool.open("dc1", 0)) {
            assertThat(read(reader, 300, 100)).containsExactlyElementsOf(published);
        }
    }

    @Test
    void deletesOnlySegmentsEveryTargetAcknowledgedInFull() throws Exception {
        List<Long> firsts = firstSeqs(dir());
        spool.acknowledge("dc1", "dc2", 300);
        spool.acknowledge("dc1", "dc3", 150);

        long holding151 = firsts.stream().filter(f -> f <= 151).reduce((a, b) -> b).orElseThrow();
        assertThat(firstSeqs(dir())).isEqualTo(firsts.stream().filter(f -> f >= holding151).toList());
        try (TransportReader reader = spool.open("dc1", holding151 - 1)) {
            assertThat(read(reader, (int) (301 - holding151), 100))
                    .containsExactlyElementsOf(published.subList((int) holding151 - 1, 300));
        }
        spool.acknowledge("dc1", "dc3", 100);
        assertThat(firstSeqs(dir()).get(0)).isEqualTo(holding151);
    }

    @Test
    void neverDeletesTheSegmentHoldingTheHead() throws Exception {
        List<Long> firsts = firstSeqs(dir());
        spool.acknowledge("dc1", "dc2", 300);
        spool.acknowledge("dc1", "dc3", 300);

        assertThat(firstSeqs(dir())).containsExactly(firsts.get(firsts.size() - 1));
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(300);
        spool.close();
        spool = FileSpoolTransport.forLeaders(stateDir, LEADERS, SEGMENT);
        assertThat(spool.head("dc1").orElseThrow().seq()).isEqualTo(300);
        assertThat(spool.publish("dc1", batch("dc1", 301, 1, 1)).get(0).seq()).isEqualTo(301);
    }

    @Test
    void readerBelowTheRetainedRangeGetsAClearError() throws Exception {
        TransportReader early = spool.open("dc1", 0);
        spool.acknowledge("dc1", "dc2", 200);
        spool.acknowledge("dc1", "dc3", 200);
        long oldest = firstSeqs(dir()).get(0);
        assertThat(oldest).isGreaterThan(1);

        assertThatThrownBy(() -> spool.open("dc1", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("origin 'dc1'").hasMessageContaining("after seq 0")
                .hasMessageContaining("oldest retained entry is seq " + oldest);
        assertThatThrownBy(() -> early.poll(10, java.time.Duration.ZERO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("oldest retained entry is seq " + oldest);
        spool.open("dc1", oldest - 1).close();
    }

    @Test
    void badAcknowledgementsAreRejected() {
        assertThatThrownBy(() -> spool.acknowledge("dc1", "dc9", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dc9'").hasMessageContaining("[dc2, dc3]");
        assertThatThrownBy(() -> spool.acknowledge("dc1", "dc2", 301))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends at seq 300");
    }

    @Test
    void explicitTargetMapLimitsWhoMustAcknowledge() throws Exception {
        spool.close();
        spool = new FileSpoolTransport(stateDir, Map.of("dc1", Set.of("dc2")), SEGMENT);
        spool.acknowledge("dc1", "dc2", 300);
        assertThat(firstSeqs(dir())).hasSize(1);
    }

    private Path dir() {
        return stateDir.resolve("spool/dc1");
    }
}
